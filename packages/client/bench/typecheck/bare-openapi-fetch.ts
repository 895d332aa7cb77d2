// The same eight calls with bare openapi-fetch, for comparison with all-methods.ts.
import type { paths } from '@freddy/types';
import createClient from 'openapi-fetch';

export async function allMethods(): Promise<unknown[]> {
  const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:4010/v1' });
  const id = { params: { path: { thread_id: 'thread_abc123' } } };
  const created = await client.POST('/threads', { body: { title: 'Hello', metadata: { a: 'b' } } });
  const page = await client.GET('/threads', { params: { query: { limit: 10, order: 'asc' } } });
  const same = await client.GET('/threads/{thread_id}', id);
  const updated = await client.POST('/threads/{thread_id}', { ...id, body: { title: 'Renamed' } });
  const merged = await client.PATCH('/threads/{thread_id}/metadata', { ...id, body: { metadata: { c: 'd' } } });
  const pinned = await client.POST('/threads/{thread_id}/pin', id);
  const unpinned = await client.POST('/threads/{thread_id}/unpin', id);
  const deleted = await client.DELETE('/threads/{thread_id}', id);
  return [
    created.data?.id,
    page.data?.hasMore,
    same.data?.title,
    updated.data,
    merged.data,
    pinned.data?.pinned_at,
    unpinned.data,
    deleted.data,
  ];
}
