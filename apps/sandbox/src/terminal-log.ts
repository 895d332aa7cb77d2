/**
 * The CLI's log, for a person at a terminal: one short line per API request
 * (`GET /v1/threads 200  1.2 ms  listThreads  req_1f`), a warning or an error
 * as one line. The library's `log: true` stays pino's JSON lines, for
 * machines; both come from the same pino records.
 */
import { type Logger, pino } from 'pino';

export type TerminalLogLevel = 'info' | 'debug';

/** pino's numeric levels, as a word for the lines that are not requests. */
const LEVEL_NAMES: Record<number, string> = { 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };

/** A pino logger that writes each record to `out` as one short line. */
export function terminalLogger(out: { write(text: string): unknown }, level: TerminalLogLevel): Logger {
  return pino(
    { base: undefined, level, timestamp: false },
    {
      write(record: string) {
        for (const line of record.split('\n')) if (line) out.write(`${formatLogRecord(JSON.parse(line))}\n`);
      },
    },
  );
}

/** One pino record as a short line: a request's method, URL, status, time, operation, fault and id; else its message. */
export function formatLogRecord(record: Record<string, unknown>): string {
  if (typeof record.status === 'number') {
    return [
      `${record.method} ${record.url} ${record.status}`,
      `${record.ms} ms`,
      record.operationId,
      record.fault === undefined ? undefined : `fault ${record.fault}`,
      record.requestId,
    ]
      .filter((part) => part !== undefined)
      .join('  ');
  }
  const error = record.err as { message?: unknown } | undefined;
  const level = LEVEL_NAMES[Number(record.level)] ?? 'log';
  return `${level}: ${String(record.msg ?? '')}${error?.message ? ` (${String(error.message)})` : ''}${
    record.requestId ? `  ${record.requestId}` : ''
  }`;
}
