/** Parallel requests on one thread give a state some serial order would give. */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createThread, start, suiteSandbox } from './helpers.js';

const sandbox = suiteSandbox();
let key: string;
beforeAll(() => {
  key = sandbox.credentials.demo.apiKey;
});

describe('parallel writes', () => {
  it('16 parallel metadata merges keep all 16 keys; a 17th parallel one is refused without harm', async () => {
    const thread = await createThread(sandbox, key);
    const keys = Array.from({ length: 17 }, (_, i) => `key${i}`);
    const results = await Promise.all(
      keys.map((k, i) =>
        i % 2 === 0
          ? call(sandbox, 'PATCH', `/threads/${thread.id}/metadata`, { key, json: { metadata: { [k]: `v${i}` } } })
          : call(sandbox, 'POST', `/threads/${thread.id}`, { key, json: { metadata: { [k]: `v${i}` } } }),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 422);
    expect(ok).toHaveLength(16);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.body.error.code).toBe('metadata_limit_exceeded');
    const kept = keys.filter((_, i) => results[i]!.status === 200);
    const final = await call(sandbox, 'GET', `/threads/${thread.id}`, { key });
    expect(Object.keys(final.body.metadata).sort()).toEqual(kept.sort());
    for (const k of kept) expect(final.body.metadata[k]).toBe(`v${keys.indexOf(k)}`);
  });

  it('an over-limit merge answers 422 even while valid merges to other threads commit beside it', async () => {
    const full = await createThread(sandbox, key, {
      metadata: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v'])),
    });
    const others = await Promise.all(Array.from({ length: 4 }, () => createThread(sandbox, key)));
    // Each round puts the refused merge in the same group commit as valid ones,
    // whose validations run between its own and its answer.
    for (let round = 0; round < 25; round++) {
      const [over, ...valid] = await Promise.all([
        call(sandbox, 'PATCH', `/threads/${full.id}/metadata`, { key, json: { metadata: { extra: `r${round}` } } }),
        ...others.map((other) =>
          call(sandbox, 'PATCH', `/threads/${other.id}/metadata`, { key, json: { metadata: { round: `r${round}` } } }),
        ),
      ]);
      expect(over!.status, `round ${round}: ${over!.text}`).toBe(422);
      expect(over!.body.error.code).toBe('metadata_limit_exceeded');
      for (const answer of valid) expect(answer.status).toBe(200);
    }
    const stored = await call(sandbox, 'GET', `/threads/${full.id}`, { key });
    expect(Object.keys(stored.body.metadata)).toHaveLength(16);
  });

  it('50 parallel creates give 50 distinct threads, all listed', async () => {
    const fresh = await start();
    try {
      const k = fresh.credentials.demo.apiKey;
      const created = await Promise.all(
        Array.from({ length: 50 }, (_, i) => createThread(fresh, k, { title: `t${i}` })),
      );
      const ids = new Set(created.map((t) => t.id));
      expect(ids.size).toBe(50);
      const list = await call(fresh, 'GET', '/threads?limit=100', { key: k });
      expect(new Set(list.body.data.map((t: { id: string }) => t.id))).toEqual(ids);
      expect(new Set(list.body.data.map((t: { title: string }) => t.title)).size).toBe(50);
    } finally {
      await fresh.close();
    }
  });

  it('parallel pin, unpin and updates leave the thread as one serial order would', async () => {
    for (let round = 0; round < 5; round++) {
      const thread = await createThread(sandbox, key, { title: 'start' });
      const ops = [
        () => call(sandbox, 'POST', `/threads/${thread.id}/pin`, { key }),
        () => call(sandbox, 'POST', `/threads/${thread.id}/unpin`, { key }),
        () => call(sandbox, 'POST', `/threads/${thread.id}`, { key, json: { title: 'first' } }),
        () => call(sandbox, 'POST', `/threads/${thread.id}`, { key, json: { title: 'second', visibleInUi: false } }),
        () => call(sandbox, 'PATCH', `/threads/${thread.id}/metadata`, { key, json: { metadata: { m: '1' } } }),
        () => call(sandbox, 'POST', `/threads/${thread.id}/pin`, { key }),
      ];
      const results = await Promise.all(ops.map((op) => op()));
      expect(results.every((r) => r.status === 200)).toBe(true);
      const final = (await call(sandbox, 'GET', `/threads/${thread.id}`, { key })).body;

      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      const observed = results.map((r) => r.body);
      const consistent = permutations([0, 1, 2, 3, 4, 5]).some((orderOfOps) => explains(orderOfOps, observed, final));
      expect(consistent, JSON.stringify({ observed, final })).toBe(true);
    }
  });
});

interface ModelState {
  title: string;
  visibleInUi: boolean;
  metadata: Record<string, string>;
  isPinned: boolean;
}

/** What each of the six operations above does to the model. */
const effects: ((s: ModelState) => ModelState)[] = [
  (s) => ({ ...s, isPinned: true }),
  (s) => ({ ...s, isPinned: false }),
  (s) => ({ ...s, title: 'first' }),
  (s) => ({ ...s, title: 'second', visibleInUi: false }),
  (s) => ({ ...s, metadata: { ...s.metadata, m: '1' } }),
  (s) => ({ ...s, isPinned: true }),
];

/** Whether running the operations serially in this order gives every observed answer and the final state. */
function explains(orderOfOps: number[], observed: any[], final: any): boolean {
  let state: ModelState = { title: 'start', visibleInUi: true, metadata: {}, isPinned: false };
  for (const op of orderOfOps) {
    state = effects[op]!(state);
    const answer = observed[op];
    if (op === 0 || op === 1 || op === 5) {
      if (answer.is_pinned !== state.isPinned) return false;
    } else if (
      answer.title !== state.title ||
      answer.visibleInUi !== state.visibleInUi ||
      JSON.stringify(answer.metadata) !== JSON.stringify(state.metadata) ||
      answer.isPinned !== state.isPinned
    ) {
      return false;
    }
  }
  return (
    final.title === state.title &&
    final.visibleInUi === state.visibleInUi &&
    JSON.stringify(final.metadata) === JSON.stringify(state.metadata) &&
    final.isPinned === state.isPinned &&
    (final.pinnedAt !== null) === state.isPinned
  );
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}
