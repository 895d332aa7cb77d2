import { describe, expect, it } from 'vitest';
import type { ListPage } from './list-pages.js';
import { PAGE_CACHE_CHARS, ThreadCaches } from './thread-caches.js';

/** A page whose threads' JSON is `chars` long in all. */
function pageOf(chars: number, id = 'thread_x'): ListPage {
  return { threads: ['x'.repeat(chars)], ids: [id], hasMore: false };
}

const noWrite = { saved: [], removed: [], generation: undefined };

describe('ThreadCaches list pages', () => {
  it('keeps a page from its second read on, not its first (a walk through every page keeps none)', () => {
    const caches = new ThreadCaches<{ id: string; organization_id: string }>();
    const first = pageOf(10);
    caches.rememberPage('org_a', 'k', first);
    expect(caches.page('org_a', 'k')).toBeUndefined();
    const second = pageOf(10);
    caches.rememberPage('org_a', 'k', second);
    expect(caches.page('org_a', 'k')).toBe(second);
    // Another organization's read of the same query is its own first read.
    caches.rememberPage('org_b', 'k', pageOf(10));
    expect(caches.page('org_b', 'k')).toBeUndefined();
  });

  it('holds at most PAGE_CACHE_CHARS of JSON per organization, the least recently used out first', () => {
    const caches = new ThreadCaches<{ id: string; organization_id: string }>();
    const third = PAGE_CACHE_CHARS / 3;
    const keep = (key: string) => {
      const page = pageOf(third, key);
      caches.rememberPage('org_a', key, page);
      caches.rememberPage('org_a', key, page);
      return page;
    };
    const a = keep('a');
    keep('b');
    const c = keep('c');
    expect(caches.page('org_a', 'a')).toBe(a); // now the most recently used
    const d = keep('d');
    expect(caches.page('org_a', 'b')).toBeUndefined();
    expect([caches.page('org_a', 'a'), caches.page('org_a', 'c'), caches.page('org_a', 'd')]).toEqual([a, c, d]);
    // A page larger than the whole budget is not kept, and evicts nothing.
    caches.rememberPage('org_a', 'huge', pageOf(PAGE_CACHE_CHARS + 1));
    caches.rememberPage('org_a', 'huge', pageOf(PAGE_CACHE_CHARS + 1));
    expect(caches.page('org_a', 'huge')).toBeUndefined();
    expect(caches.page('org_a', 'd')).toBe(d);
  });

  it("drops an organization's pages on its write, not another's", () => {
    const caches = new ThreadCaches<{ id: string; organization_id: string }>();
    for (const org of ['org_a', 'org_b']) {
      caches.rememberPage(org, 'k', pageOf(10));
      caches.rememberPage(org, 'k', pageOf(10));
    }
    caches.afterWrite({ organizationId: 'org_a', ...noWrite });
    expect(caches.page('org_a', 'k')).toBeUndefined();
    expect(caches.page('org_b', 'k')).toBeDefined();
  });
});
