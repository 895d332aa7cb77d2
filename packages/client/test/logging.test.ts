/**
 * The logger option: at `debug` every attempt, status and retry with its
 * delay; at the default level nothing for a retried call; `FREDDY_LOG` sets
 * the level; and no line, error or rendering ever holds the key.
 */
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createFreddyClient, type FreddyClient, type Logger } from '../src/index.js';
import { type FaultServer, startFaultServer, threadFixture } from './support/fault-server.js';
import { recordSleeps } from './support/sleeps.js';

const SECRET = 'ak_log_test_secret_value';
let server: FaultServer;
let sleeps: ReturnType<typeof recordSleeps> | undefined;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());
afterEach(() => {
  sleeps?.restore();
  delete process.env.FREDDY_LOG;
});

function capture(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  return { lines, logger: { debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') } };
}

describe('logging', () => {
  test('debug: each attempt, its status, and the retry with its delay; never the key', async () => {
    sleeps = recordSleeps();
    const { logger, lines } = capture();
    const client = createFreddyClient({ apiKey: SECRET, baseUrl: server.url, timeoutMs: 0, logger, logLevel: 'debug' });
    server.script(
      { status: 503, body: { error: { message: SECRET, type: 'api_error', code: 'x' } } },
      {
        status: 200,
        body: threadFixture(),
      },
    );
    await client.threads.retrieve('thread_abc123');
    expect(lines).toEqual([
      'debug [freddy] GET /threads/{thread_id} attempt 1',
      'debug [freddy] GET /threads/{thread_id} answered 503',
      expect.stringMatching(
        /^debug \[freddy\] GET \/threads\/\{thread_id\} failed \(InternalServerError\), retrying in \d+ ms$/,
      ),
      'debug [freddy] GET /threads/{thread_id} attempt 2',
      'debug [freddy] GET /threads/{thread_id} answered 200',
    ]);
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  test('the default level (warn) logs nothing for a call that succeeded after a retry', async () => {
    sleeps = recordSleeps();
    const { logger, lines } = capture();
    const client = createFreddyClient({ apiKey: SECRET, baseUrl: server.url, timeoutMs: 0, logger });
    server.script({ status: 503, body: {} }, { status: 200, body: threadFixture() });
    await client.threads.retrieve('thread_abc123');
    expect(lines).toEqual([]);
  });

  test('FREDDY_LOG sets the level where process exists', async () => {
    process.env.FREDDY_LOG = 'debug';
    const { logger, lines } = capture();
    const client = createFreddyClient({ apiKey: SECRET, baseUrl: server.url, logger });
    server.script({ status: 200, body: threadFixture() });
    await client.threads.retrieve('thread_abc123');
    expect(lines).toHaveLength(2);
  });

  // Ported from the client-runtimes branch (helper's work): the runtime test shows the same under Deno itself.
  test('an environment that throws when read (Deno without --allow-env) means the default level', async () => {
    process.env.FREDDY_LOG = 'debug';
    const env = Object.getOwnPropertyDescriptor(process, 'env')!;
    Object.defineProperty(process, 'env', {
      configurable: true,
      get() {
        throw new Error('Requires env access to "FREDDY_LOG", run again with the --allow-env flag');
      },
    });
    let client: FreddyClient;
    const { logger, lines } = capture();
    try {
      client = createFreddyClient({ apiKey: SECRET, baseUrl: server.url, logger });
    } finally {
      Object.defineProperty(process, 'env', env);
    }
    server.script({ status: 503, body: {} }, { status: 200, body: threadFixture() });
    sleeps = recordSleeps();
    await client.threads.retrieve('thread_abc123');
    expect(lines).toEqual([]);
  });

  test('the key appears in no log line, error message, util.inspect, JSON.stringify or stack', async () => {
    const { logger, lines } = capture();
    const client = createFreddyClient({
      apiKey: SECRET,
      baseUrl: server.url,
      timeoutMs: 0,
      maxRetries: 0,
      logger,
      logLevel: 'debug',
    });
    server.script({
      status: 401,
      body: { error: { message: `bad key ${SECRET}`, type: 'authentication_error', code: 'x' } },
    });
    const error = await client.threads.retrieve('thread_abc123').catch((e) => e);
    for (const text of [
      lines.join('\n'),
      error.message,
      inspect(error),
      JSON.stringify(error),
      String(error.stack),
      inspect(client),
      JSON.stringify(client),
    ]) {
      expect(text).not.toContain(SECRET);
    }
  });
});
