/**
 * Walking the list forward with `after` and backward with `before`, in both
 * orders, with and without filters, gives exactly the full ordered set:
 * pinned threads first, then by updatedAt in the order's direction, ties by id.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createThread, suiteSandbox } from './helpers.js';

interface T {
  id: string;
  updatedAt: number;
  isPinned: boolean;
  visibleInUi: boolean;
  assistantId: string | null;
}

const sandbox = suiteSandbox();
let key: string;
const TOTAL = 260;

beforeAll(async () => {
  key = sandbox.credentials.demo.apiKey;
  const ids: string[] = [];
  for (let batch = 0; batch < TOTAL / 20; batch++) {
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createThread(sandbox, key, {
          visibleInUi: (batch * 20 + i) % 3 !== 0,
          ...((batch * 20 + i) % 4 === 0 ? { assistantId: 'asst_walker' } : {}),
        }),
      ),
    );
    ids.push(...created.map((t: T) => t.id));
  }
  // Later activity on some of the oldest threads, a second later, so updatedAt differs across the set.
  await new Promise((r) => setTimeout(r, 1100));
  for (const id of ids.slice(0, 30)) await call(sandbox, 'POST', `/threads/${id}`, { key, json: { title: 'touched' } });
  for (const id of ids.filter((_, i) => i % 37 === 5)) await call(sandbox, 'POST', `/threads/${id}/pin`, { key });
});

function expectedOrder(all: T[], order: 'asc' | 'desc'): string[] {
  const dir = order === 'desc' ? -1 : 1;
  return [...all]
    .sort((a, b) => {
      if (a.isPinned !== b.isPinned) return a.isPinned ? -1 : 1;
      if (a.updatedAt !== b.updatedAt) return (a.updatedAt - b.updatedAt) * dir;
      return (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * dir;
    })
    .map((t) => t.id);
}

async function page(query: string) {
  const res = await call(sandbox, 'GET', `/threads?${query}`, { key });
  expect(res.status).toBe(200);
  const { data, firstId, lastId, hasMore } = res.body;
  expect(firstId).toBe(data[0]?.id ?? null);
  expect(lastId).toBe(data.at(-1)?.id ?? null);
  return { data: data as T[], hasMore: hasMore as boolean, lastId, firstId };
}

async function walkForward(filter: string, limit: number): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (;;) {
    const p = await page(`${filter}&limit=${limit}${cursor ? `&after=${cursor}` : ''}`);
    out.push(...p.data);
    if (!p.hasMore) return out;
    expect(p.data).toHaveLength(limit);
    cursor = p.lastId;
  }
}

async function walkBackward(filter: string, limit: number, fromId: string): Promise<T[]> {
  const out: T[] = [];
  let cursor = fromId;
  for (;;) {
    const p = await page(`${filter}&limit=${limit}&before=${cursor}`);
    out.unshift(...p.data);
    if (!p.hasMore) return out;
    expect(p.data).toHaveLength(limit);
    cursor = p.firstId;
  }
}

describe.each([
  ['desc', ''],
  ['asc', ''],
  ['desc', '&visibleInUi=false'],
  ['asc', '&assistantId=asst_walker'],
  ['desc', '&assistantId=asst_walker&visibleInUi=true'],
] as const)('order=%s%s', (order, filters) => {
  it('forward and backward walks both give the full ordered set', async () => {
    const filter = `order=${order}${filters}`;
    const forward = await walkForward(filter, 7);
    const expected = expectedOrder(forward, order);
    expect(forward.map((t) => t.id)).toEqual(expected);
    expect(new Set(expected).size).toBe(expected.length);

    // The same set, counted independently, from one big page walk.
    const big = await walkForward(filter, 100);
    expect(big.map((t) => t.id)).toEqual(expected);
    if (!filters) expect(expected).toHaveLength(TOTAL);
    if (filters.includes('visibleInUi=false')) expect(forward.every((t) => !t.visibleInUi)).toBe(true);
    if (filters.includes('asst_walker')) expect(forward.every((t) => t.assistantId === 'asst_walker')).toBe(true);

    const pinned = forward.filter((t) => t.isPinned).length;
    expect(forward.slice(0, pinned).every((t) => t.isPinned)).toBe(true);
    if (!filters) expect(pinned).toBeGreaterThan(3);

    const last = expected.at(-1)!;
    const backward = await walkBackward(filter, 9, last);
    expect([...backward.map((t) => t.id), last]).toEqual(expected);
  });
});

describe('page edges', () => {
  it('hasMore is false exactly when the page reaches the end, in both directions', async () => {
    const all = await walkForward('order=desc', 100);
    const ids = all.map((t) => t.id);
    // Exactly `limit` threads remain after the cursor: a full page, and no more.
    const cursor = ids[ids.length - 6]!;
    const exact = await page(`limit=5&after=${cursor}`);
    expect(exact.data.map((t) => t.id)).toEqual(ids.slice(-5));
    expect(exact.hasMore).toBe(false);
    const oneShort = await page(`limit=5&after=${ids[ids.length - 7]}`);
    expect(oneShort.hasMore).toBe(true);
    // The last thread has nothing after it; the first nothing before it.
    expect(await page(`after=${ids.at(-1)}`)).toMatchObject({ data: [], hasMore: false, firstId: null });
    expect(await page(`before=${ids[0]}`)).toMatchObject({ data: [], hasMore: false, lastId: null });
    // Exactly `limit` threads before the cursor.
    const before = await page(`limit=5&before=${ids[5]}`);
    expect(before.data.map((t) => t.id)).toEqual(ids.slice(0, 5));
    expect(before.hasMore).toBe(false);
    expect((await page(`limit=5&before=${ids[6]}`)).hasMore).toBe(true);
  });

  it('the default page is the spec default limit (20), newest first', async () => {
    const p = await page('');
    expect(p.data).toHaveLength(20);
    const all = await walkForward('order=desc', 100);
    expect(p.data.map((t) => t.id)).toEqual(all.slice(0, 20).map((t) => t.id));
  });

  it('an unpinned thread returns to its place by last activity', async () => {
    const all = await walkForward('order=desc', 100);
    const pinned = all.find((t) => t.isPinned)!;
    await call(sandbox, 'POST', `/threads/${pinned.id}/unpin`, { key });
    const after = await walkForward('order=desc', 100);
    expect(after.map((t) => t.id)).toEqual(expectedOrder(after, 'desc'));
    expect(after.find((t) => t.id === pinned.id)!.isPinned).toBe(false);
    expect(after.findIndex((t) => t.id === pinned.id)).toBeGreaterThanOrEqual(after.filter((t) => t.isPinned).length);
    await call(sandbox, 'POST', `/threads/${pinned.id}/pin`, { key });
  });
});
