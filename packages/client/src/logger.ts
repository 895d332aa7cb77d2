/**
 * Optional logging, as openai-node's: any object with the four console
 * methods, a level (option, else `FREDDY_LOG` where a `process` exists, else
 * `warn`). Lines name the method, path, attempt, status and delay, and never
 * a header or a body, so no credential can reach a log.
 */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const RANK: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** Writes `message` at `level` when the configured level lets it through. */
export type Log = (level: Exclude<LogLevel, 'off'>, message: string) => void;

export function createLog(logger: Logger = console, level?: LogLevel): Log {
  const fromEnv = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.FREDDY_LOG;
  const chosen = level ?? (fromEnv && fromEnv in RANK ? (fromEnv as LogLevel) : 'warn');
  const limit = RANK[chosen];
  return (at, message) => {
    if (RANK[at] <= limit) logger[at](`[freddy] ${message}`);
  };
}
