/**
 * `freddy-mcp --http`: Streamable HTTP at /mcp on 127.0.0.1, stateless, the
 * SDK's client against it and a reference server behind it. Besides what
 * every transport shows: the browser checks against DNS rebinding, the key
 * each request brings, and the HTTP answers for what is not MCP.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { describeContract } from '@freddy/spec';
import { useSandbox } from '@freddy/testing';
import { afterAll, describe, expect, test } from 'vitest';
import { SLOW_CLIENT_LIMITS } from '../src/transports/http.js';
import { closeMcpHttpServers, initialize, mcpHeaders, startMcpHttp } from './support/http-servers.js';
import { binPath, call, connectHttp, ERAS, text } from './support/mcp-clients.js';
import { toolScenarios } from './support/scenarios.js';

const sandbox = useSandbox();
afterAll(closeMcpHttpServers);

describe.each(ERAS)('over Streamable HTTP, a %s client', (era) => {
  toolScenarios(sandbox, {
    era,
    connect: async ({ apiKey, baseUrl }) => connectHttp((await startMcpHttp({ apiKey, baseUrl })).url, undefined, era),
  });
});

/**
 * A raw request, with any Host header (fetch will not send a Host of its choosing) and, when given, on a
 * keep-alive agent: its status, body, the server's Keep-Alive answer and the local port it went from.
 */
function raw(url: string, headers: Record<string, string>, body = initialize, agent?: Agent) {
  return new Promise<{ status: number; body: string; keepAlive: string; localPort: number | undefined }>(
    (resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers, ...(agent ? { agent } : {}) }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text,
            keepAlive: String(res.headers['keep-alive'] ?? ''),
            localPort: req.socket?.localPort,
          }),
        );
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}

/** A raw socket that sends `chunks` one by one, never finishing: when the server cuts it, and what it answered. */
function slowClient(url: string, chunks: string[]): Promise<{ answer: string; afterMs: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let answer = '';
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      for (const chunk of chunks) socket.write(chunk);
    });
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
    });
    socket.on('close', () => resolve({ answer, afterMs: performance.now() - started }));
    socket.on('error', reject);
  });
}

describe('connections', () => {
  test('the documented limits for slow clients are the ones the server keeps', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(
      `headers must arrive within ${SLOW_CLIENT_LIMITS.headersMs / 1000} s and the request within ${SLOW_CLIENT_LIMITS.requestMs / 1000} s`,
    );
  });

  test('a client slow to send its headers, or its body, is cut at the limit, not long after (408)', async () => {
    const limits = { headersMs: 1_000, requestMs: 2_000 };
    const { url } = await startMcpHttp({ apiKey: 'ak_x', baseUrl: sandbox.current.url, slowClientLimits: limits });
    const { host } = new URL(url);
    const [headers, body] = await Promise.all([
      slowClient(url, [`POST /mcp HTTP/1.1\r\nHost: ${host}\r\n`]),
      slowClient(url, [
        `POST /mcp HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n` +
          `Accept: application/json, text/event-stream\r\nContent-Length: 100\r\n\r\n{"jsonrpc"`,
      ]),
    ]);
    expect(headers.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(body.answer).toMatch(/^HTTP\/1\.1 408 /);
    // Cut at the limit, checked every second: Node's own check, every 30 s, held them 28–58 s.
    expect(headers.afterMs).toBeGreaterThanOrEqual(limits.headersMs - 50);
    expect(body.afterMs).toBeGreaterThanOrEqual(limits.requestMs - 50);
    expect(headers.afterMs).toBeLessThan(limits.headersMs + 15_000);
    expect(body.afterMs).toBeLessThan(limits.requestMs + 15_000);
  });

  test("an idle connection outlives the clients' own keep-alive, so a client is never the one to find it closed", async () => {
    const { url } = await startMcpHttp({ apiKey: 'ak_x', baseUrl: sandbox.current.url });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await raw(url, mcpHeaders, initialize, agent);
      expect(first.status).toBe(200);
      // undici keeps an idle socket 4 s, Python's httpx 5 s: the server must wait longer than both.
      const timeout = Number(/timeout=(\d+)/.exec(first.keepAlive)?.[1]);
      expect(timeout).toBeGreaterThan(5);
      // Idle past httpx's 5 s, then the same socket still carries the next request.
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      const second = await raw(url, mcpHeaders, initialize, agent);
      expect(second.status).toBe(200);
      expect(second.localPort).toBe(first.localPort);
    } finally {
      agent.destroy();
    }
  });
});

describe('browsers, against DNS rebinding', () => {
  test('a browser origin that is not allowed gets 403, before anything runs', async () => {
    const { url } = await startMcpHttp({ apiKey: 'ak_x', baseUrl: sandbox.current.url });
    const res = await fetch(url, {
      method: 'POST',
      headers: { ...mcpHeaders, origin: 'http://evil.example' },
      body: initialize,
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      jsonrpc: '2.0',
      error: {
        code: -32000,
        message: expect.stringContaining('Origin "http://evil.example" may not call this server'),
      },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    // The opaque origin of a sandboxed frame or a file is a browser origin too.
    const opaque = await fetch(url, { method: 'POST', headers: { ...mcpHeaders, origin: 'null' }, body: initialize });
    expect(opaque.status).toBe(403);
  });

  test('a rebound name in Host gets 403 on a loopback server, whatever its Origin', async () => {
    const { url } = await startMcpHttp({ apiKey: 'ak_x', baseUrl: sandbox.current.url });
    const port = new URL(url).port;
    const rebound = await raw(url, { ...mcpHeaders, host: `evil.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain('Host \\"evil.example:');
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      expect((await raw(url, { ...mcpHeaders, host })).status, host).toBe(200);
    }
  });

  test("the server's own loopback origin passes; the same name on another port does not", async () => {
    const { url } = await startMcpHttp({ apiKey: 'ak_x', baseUrl: sandbox.current.url });
    const port = Number(new URL(url).port);
    for (const origin of [`http://localhost:${port}`, `http://127.0.0.1:${port}`]) {
      const res = await fetch(url, { method: 'POST', headers: { ...mcpHeaders, origin }, body: initialize });
      expect(res.status, origin).toBe(200);
    }
    const other = await fetch(url, {
      method: 'POST',
      headers: { ...mcpHeaders, origin: `http://localhost:${port === 65_535 ? port - 1 : port + 1}` },
      body: initialize,
    });
    expect(other.status).toBe(403);
  });

  test('an allowed origin is answered, with CORS, and its preflight too', async () => {
    const origin = 'http://localhost:6274';
    const { url } = await startMcpHttp({ apiKey: 'ak_x', baseUrl: sandbox.current.url, allowedOrigins: [origin] });
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const res = await fetch(url, { method: 'POST', headers: { ...mcpHeaders, origin }, body: initialize });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(((await res.json()) as { result: { serverInfo: { name: string } } }).result.serverInfo.name).toBe(
      '@freddy/mcp',
    );
  });
});

describe('keys per request', () => {
  test.each(ERAS)(
    "two users on one server, %s clients: each call is made with its own request's key, never the other's",
    async (era) => {
      const { demo, other } = sandbox.current.credentials;
      // The server's own key is not valid: a call made with it would be a 401, not another user's data.
      const { url } = await startMcpHttp({ apiKey: 'ak_server_default_not_valid', baseUrl: sandbox.current.url });
      const users = [
        { name: 'demo', key: demo.apiKey, organizationId: demo.organizationId },
        { name: 'other', key: other.apiKey, organizationId: other.organizationId },
      ];
      const clients = await Promise.all(users.map((user) => connectHttp(url, `Bearer ${user.key}`, era)));
      try {
        const created = new Map<string, string[]>(users.map((user) => [user.name, []]));
        // Interleaved: the two users' calls are in flight on the server at the same time.
        for (let round = 0; round < 4; round++) {
          const results = await Promise.all(
            users.map((user, i) => call(clients[i]!.client, 'create_thread', { title: `${user.name} ${round}` })),
          );
          results.forEach((result, i) => {
            const thread = result.structuredContent as { id: string; organizationId: string; title: string };
            expect(thread.organizationId).toBe(users[i]!.organizationId);
            expect(thread.title).toBe(`${users[i]!.name} ${round}`);
            created.get(users[i]!.name)!.push(thread.id);
          });
        }
        for (const [i, user] of users.entries()) {
          const page = (await call(clients[i]!.client, 'list_threads', { limit: 100 })).structuredContent as {
            data: { id: string; organizationId: string }[];
          };
          expect(new Set(page.data.map((thread) => thread.organizationId))).toEqual(new Set([user.organizationId]));
          expect(page.data.map((thread) => thread.id)).toEqual(expect.arrayContaining(created.get(user.name)!));
          const theirs = created.get(users[1 - i]!.name)![0]!;
          const peek = await call(clients[i]!.client, 'retrieve_thread', { thread_id: theirs });
          expect(text(peek)).toContain('404 thread_not_found');
        }
      } finally {
        for (const connection of clients) await connection.close();
      }
    },
  );

  test('bound to an address that is not loopback, a request without Authorization is refused: no key is lent', async () => {
    const { demo } = sandbox.current.credentials;
    const http = await startMcpHttp({ apiKey: demo.apiKey, baseUrl: sandbox.current.url, host: '0.0.0.0' });
    const url = http.url.replace('0.0.0.0', '127.0.0.1');
    const anonymous = await fetch(url, { method: 'POST', headers: mcpHeaders, body: initialize });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(await anonymous.text()).toContain('not bound to loopback');
    const withKey = await connectHttp(url, `Bearer ${demo.apiKey}`);
    try {
      expect((await call(withKey.client, 'list_threads', { limit: 1 })).isError).toBeFalsy();
    } finally {
      await withKey.close();
    }
  });

  test("on loopback, a request without Authorization is made with the server's key; one that is not Bearer is refused", async () => {
    const { url } = await startMcpHttp({ apiKey: 'ak_server_default_not_valid', baseUrl: sandbox.current.url });
    const anonymous = await connectHttp(url);
    try {
      const result = await call(anonymous.client, 'list_threads');
      expect(text(result)).toMatch(/^The Freddy API answered 401 /);
      expect(text(result)).not.toContain('ak_server_default_not_valid');
    } finally {
      await anonymous.close();
    }
    const basic = await fetch(url, {
      method: 'POST',
      headers: { ...mcpHeaders, authorization: 'Basic dXNlcjpwYXNz' },
      body: initialize,
    });
    expect(basic.status).toBe(401);
    expect(basic.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('what is not an MCP request', () => {
  test('GET and DELETE are 405 (stateless: no stream, no session), other paths 404, bad JSON a parse error', async () => {
    const { url } = await startMcpHttp({ apiKey: 'ak_x', baseUrl: sandbox.current.url });
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(url, { method, headers: { accept: 'text/event-stream' } });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    }
    expect(
      (await fetch(new URL('/other', url), { method: 'POST', headers: mcpHeaders, body: initialize })).status,
    ).toBe(404);
    const bad = await fetch(url, { method: 'POST', headers: mcpHeaders, body: '{"jsonrpc":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: -32700 } });
    const huge = await fetch(url, { method: 'POST', headers: mcpHeaders, body: 'x'.repeat(200 * 1024) });
    expect(huge.status).toBe(413);
  });
});

describe('the bin', () => {
  test('--http --port 0 says where it listens, answers tools/list there, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [binPath, '--http', '--port', '0'], {
      env: { PATH: process.env.PATH ?? '', FREDDY_API_KEY: 'ak_bin', FREDDY_BASE_URL: sandbox.current.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      let stderr = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          const match = /at (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr);
          if (match) resolve(match[1]!);
        });
        void exited.then(() => reject(new Error(`exited: ${stderr}`)));
      });
      const mcp = await connectHttp(url);
      try {
        expect((await mcp.client.listTools()).tools).toHaveLength(describeContract().operations.length);
      } finally {
        await mcp.close();
      }
      expect(stderr).not.toContain('ak_bin');
      // One line about the server, nothing from the SDK beside it.
      expect(stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
