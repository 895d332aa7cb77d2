import { describe, expect, it } from 'vitest';
import { startLossyProxy, useSandbox } from '../src/index.js';

describe('startLossyProxy', () => {
  const sandbox = useSandbox();
  const create = (url: string, key: string) =>
    fetch(`${url}/threads`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sandbox.current.credentials.demo.apiKey}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify({ title: `through the proxy ${key}` }),
    });
  const titled = async (key: string) => {
    const res = await fetch(`${sandbox.current.url}/threads?limit=100`, {
      headers: { authorization: `Bearer ${sandbox.current.credentials.demo.apiKey}` },
    });
    const page = (await res.json()) as { data: { title: string | null }[] };
    return page.data.filter((thread) => thread.title === `through the proxy ${key}`).length;
  };
  const isCreate = (method: string, url: string) => method === 'POST' && url === '/v1/threads';

  it('forwards requests and answers, recording each with its Idempotency-Key', async () => {
    const proxy = await startLossyProxy(sandbox.current.url);
    try {
      expect((await create(proxy.url, 'k-plain')).status).toBe(200);
      expect(proxy.forwarded).toEqual([{ method: 'POST', url: '/v1/threads', idempotencyKey: 'k-plain' }]);
    } finally {
      await proxy.close();
    }
  });

  it('cuts the connection after the server has written, once, then forwards again', async () => {
    const proxy = await startLossyProxy(sandbox.current.url);
    try {
      proxy.loseNext(isCreate);
      await expect(create(proxy.url, 'k-drop')).rejects.toThrow();
      expect(await titled('k-drop')).toBe(1);
      expect((await create(proxy.url, 'k-drop')).status).toBe(200);
      expect(await titled('k-drop')).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('answers 500 in place of the answer, when told to', async () => {
    const proxy = await startLossyProxy(sandbox.current.url);
    try {
      proxy.loseNext(isCreate, 'answer 500');
      const lost = await create(proxy.url, 'k-500');
      expect(lost.status).toBe(500);
      expect(await lost.json()).toMatchObject({ error: { type: 'api_error' } });
      expect(await titled('k-500')).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('hangs what it is told to hang, after the server has written, until told to stop', async () => {
    const proxy = await startLossyProxy(sandbox.current.url);
    try {
      proxy.hang(isCreate);
      const hung = create(proxy.url, 'k-hang');
      // The write reaches the server and is committed; its answer never comes back.
      await expect.poll(() => titled('k-hang'), { timeout: 60_000 }).toBe(1);
      const settled = await Promise.race([
        hung.then(
          () => 'answered',
          () => 'failed',
        ),
        Promise.resolve('pending'),
      ]);
      expect(settled).toBe('pending');
      proxy.hang(undefined);
      expect((await create(proxy.url, 'k-hang')).status).toBe(200);
      expect(await titled('k-hang')).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});
