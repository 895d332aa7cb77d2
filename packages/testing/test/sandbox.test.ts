import { describe, expect, it } from 'vitest';
import { useSandbox, withSandbox } from '../src/index.js';

describe('useSandbox', () => {
  const sandbox = useSandbox();

  it('gives the suite a running reference server with its demo key', async () => {
    const res = await fetch(`${sandbox.current.url}/threads`, {
      headers: { authorization: `Bearer ${sandbox.current.credentials.demo.apiKey}` },
    });
    expect(res.status).toBe(200);
  });
});

describe('withSandbox', () => {
  it('closes the server once the callback is done', async () => {
    const url = await withSandbox({}, async (sandbox) => {
      expect((await fetch(`${sandbox.url}/threads`)).status).toBe(401);
      return sandbox.url;
    });
    await expect(fetch(`${url}/threads`)).rejects.toThrow();
  });

  it('closes it when the callback throws, too', async () => {
    let url = '';
    await expect(
      withSandbox({}, async (sandbox) => {
        url = sandbox.url;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(fetch(`${url}/threads`)).rejects.toThrow();
  });
});
