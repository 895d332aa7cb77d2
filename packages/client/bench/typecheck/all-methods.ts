// Calls all eight methods and the iterator: `bench/typecheck.mjs` type-checks
// this file with `tsc --extendedDiagnostics` to measure what the client's
// types cost a consumer.
import { createFreddyClient, type Thread } from '@freddy/client';

export async function allMethods(): Promise<Thread[]> {
  const client = createFreddyClient({ apiKey: 'ak_demo', baseUrl: 'http://127.0.0.1:4010/v1' });
  const thread = await client.threads.create({ title: 'Hello', metadata: { a: 'b' } });
  const page = await client.threads.list({ limit: 10, order: 'asc' });
  const same = await client.threads.retrieve(thread.id);
  const updated = await client.threads.update(thread.id, { title: 'Renamed' });
  const merged = await client.threads.updateMetadata(thread.id, { metadata: { c: 'd' }, visibleInUi: false });
  const pinned = await client.threads.pin(thread.id);
  const unpinned = await client.threads.unpin(thread.id, { timeoutMs: 5_000 });
  const deleted = await client.threads.delete(thread.id);
  const all: Thread[] = [];
  for await (const t of client.threads.iterate({ limit: 100 })) all.push(t);
  void [
    page.hasMore,
    same.title,
    updated.updatedAt,
    merged.metadata,
    pinned.pinned_at,
    unpinned.is_pinned,
    deleted.success,
  ];
  return all;
}
