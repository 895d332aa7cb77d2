import { describe, expect, it } from 'vitest';
import { formatLogRecord, terminalLogger } from './terminal-log.js';

describe('the terminal log', () => {
  it('writes a request as one short line: method, URL, status, time, operation, fault, id', () => {
    expect(
      formatLogRecord({
        level: 30,
        requestId: 'req_1f',
        method: 'GET',
        url: '/v1/threads?limit=2',
        operationId: 'listThreads',
        organizationId: 'org_1',
        status: 200,
        ms: 1.25,
      }),
    ).toBe('GET /v1/threads?limit=2 200  1.25 ms  listThreads  req_1f');
    expect(
      formatLogRecord({
        level: 30,
        requestId: 'req_2',
        method: 'POST',
        url: '/nope',
        status: 404,
        ms: 0.4,
        fault: 'reset',
      }),
    ).toBe('POST /nope 404  0.4 ms  fault reset  req_2');
  });

  it('writes a warning or an error with its message', () => {
    expect(formatLogRecord({ level: 40, msg: 'docs folder /x does not exist (yet)' })).toBe(
      'warning: docs folder /x does not exist (yet)',
    );
    expect(formatLogRecord({ level: 50, msg: 'unexpected error', requestId: 'req_3', err: { message: 'disk' } })).toBe(
      'error: unexpected error (disk)  req_3',
    );
  });

  it('leaves out debug records unless asked for them', () => {
    const lines: string[] = [];
    const out = { write: (text: string) => lines.push(text) };
    const info = terminalLogger(out, 'info');
    info.debug({ method: 'GET', url: '/docs/', status: 200, ms: 1, requestId: 'req_4' });
    info.info({ method: 'GET', url: '/v1/threads', status: 200, ms: 1, requestId: 'req_5' });
    expect(lines).toEqual(['GET /v1/threads 200  1 ms  req_5\n']);
    terminalLogger(out, 'debug').debug({ method: 'GET', url: '/docs/', status: 200, ms: 1, requestId: 'req_4' });
    expect(lines.at(-1)).toBe('GET /docs/ 200  1 ms  req_4\n');
  });
});
