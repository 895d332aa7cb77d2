/**
 * Optional logging, as openai-node's: any object with the four console
 * methods, a level (option, else `FREDDY_LOG` where a `process` exists, else
 * `warn`). The client writes at `debug` only: each attempt, its status, and
 * each retry with its delay. Lines name the method and path template, never
 * a header, a body or an id, so no credential can reach a log.
 */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * The debug line writer, or undefined below `debug`: call sites write
 * `debug?.(…)`, so a line that is not wanted is not even formatted.
 */
export function debugLog(logger: Logger = console, level?: LogLevel): ((message: string) => void) | undefined {
  let chosen = level;
  try {
    chosen ??= (globalThis as { process?: { env?: { FREDDY_LOG?: LogLevel } } }).process?.env?.FREDDY_LOG;
  } catch {
    // Deno without --allow-env throws on reading any variable: then there is no FREDDY_LOG.
  }
  return chosen === 'debug' ? (message) => logger.debug(`[freddy] ${message}`) : undefined;
}
