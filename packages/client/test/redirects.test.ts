/**
 * Redirects are not followed, so a credential never reaches another origin:
 * a server that redirects to a second port gets a clear error back, and the
 * second port records no request at all.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFreddyClient, RedirectError } from '../src/index.js';

let redirecting: Server;
let elsewhere: Server;
let redirectingUrl: string;
const arrivedElsewhere: IncomingHttpHeaders[] = [];
let redirected = 0;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  elsewhere = createServer((req, res) => {
    arrivedElsewhere.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  const elsewherePort = await listen(elsewhere);
  redirecting = createServer((req, res) => {
    redirected++;
    res.writeHead(307, { location: `http://127.0.0.1:${elsewherePort}${req.url}` }).end();
  });
  redirectingUrl = `http://127.0.0.1:${await listen(redirecting)}/v1`;
});
afterAll(async () => {
  await new Promise((resolve) => redirecting.close(resolve));
  await new Promise((resolve) => elsewhere.close(resolve));
});

describe('a redirect to another origin', () => {
  test.each([
    ['apiKey', { apiKey: 'ak_redirect_secret' }],
    ['bearerToken', { bearerToken: 'ak_redirect_secret' }],
  ])(
    'is refused with RedirectError, not retried, and nothing reaches the other origin (%s)',
    async (_name, credential) => {
      const before = redirected;
      const client = createFreddyClient({ ...credential, baseUrl: redirectingUrl, timeoutMs: 0 });
      for (const call of [() => client.threads.retrieve('thread_1'), () => client.threads.pin('thrd_1')]) {
        const error = await call().catch((e) => e);
        expect(error).toBeInstanceOf(RedirectError);
        expect(error.message).toMatch(/Redirect 307 to http:\/\/127\.0\.0\.1:\d+\/v1\/threads\/.+ not followed/);
      }
      expect(redirected - before).toBe(2);
      expect(arrivedElsewhere).toEqual([]);
    },
  );
});
