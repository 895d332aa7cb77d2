/**
 * The handlers of the contract's thread operations. Each gets input that has
 * already been authenticated and validated against the spec, typed as the
 * generated contract types describe it (`Handler<K>`), and returns the success
 * body; anything else it throws as an ApiError. Reads answer at once; writes
 * answer with a promise that settles after their commit.
 */
import type { ValidateFunction } from '@freddy/spec';
import type { PinStatus } from '@freddy/types';
import type { Principal } from '../auth/keys.js';
import { errors, isoSeconds } from '../http/errors.js';
import {
  type ListPage,
  type ListQuery,
  type MetadataCheck,
  MetadataRejectedError,
  type NewThread,
  type ThreadChanges,
  type ThreadStore,
  UnknownCursorError,
} from '../store/threads.js';
import { classifyBodyError, metadataLimitExceeded } from '../validation/classify.js';
import { type Handlers, type OperationInput, RawJson } from './handler.js';

/** The ThreadList text of each page the store hands out (a cached page is rendered once). */
const renderedPages = new WeakMap<ListPage, RawJson>();

/** The ThreadList shape, around threads SQLite has already rendered as JSON. */
function renderPage(page: ListPage): RawJson {
  let text = renderedPages.get(page);
  if (!text) {
    text = new RawJson(
      `{"object":"list","data":[${page.threads.join(',')}],"firstId":${JSON.stringify(page.ids[0] ?? null)},` +
        `"lastId":${JSON.stringify(page.ids.at(-1) ?? null)},"hasMore":${page.hasMore}}`,
    );
    renderedPages.set(page, text);
  }
  return text;
}

export function createOperations(store: ThreadStore, validateMetadata: ValidateFunction): Handlers {
  const threadIdOf = (input: { params: Record<string, string> }) => String(input.params.thread_id);

  // The verdict is taken at once: the shared validator's `errors` belong to
  // whichever validation ran last, and other writes run between this merge
  // and its answer.
  const checkMetadata: MetadataCheck = (merged) =>
    validateMetadata(merged) ? { ok: true } : { ok: false, problem: validateMetadata.errors?.[0] };

  /** Merges, re-checking the merged whole against the contract's Metadata schema. */
  const applyChanges = async (
    input: { principal: Principal; params: Record<string, string> },
    changes: ThreadChanges,
  ) => {
    const id = threadIdOf(input);
    try {
      const thread = await store.change(input.principal.organizationId, id, changes, checkMetadata);
      if (thread === undefined) throw errors.threadNotFound(id);
      return new RawJson(thread);
    } catch (error) {
      if (error instanceof MetadataRejectedError) {
        const problem = error.problem;
        if (problem?.keyword === 'maxProperties') {
          throw metadataLimitExceeded(Number((problem.params as { limit: number }).limit));
        }
        throw classifyBodyError(problem ? { ...problem, instancePath: `/metadata${problem.instancePath}` } : undefined);
      }
      throw error;
    }
  };

  // A write resolves with the operation's answer, made inside the write, so
  // that an idempotency record can store it in the same transaction.
  const pinStatus = async (
    input: { principal: Principal; params: Record<string, string> },
    pinned: boolean,
  ): Promise<PinStatus> => {
    const id = threadIdOf(input);
    const status = await store.pin(input.principal.organizationId, id, pinned, (thread) => ({
      id: thread.id,
      is_pinned: thread.isPinned === true,
      pinned_at: thread.pinnedAt == null ? null : isoSeconds(thread.pinnedAt * 1000),
      message: pinned ? 'Thread pinned successfully' : 'Thread unpinned successfully',
    }));
    if (!status) throw errors.threadNotFound(id);
    return status;
  };

  const handlers = {
    // The pipeline applied the spec's defaults: `visibleInUi` of a new thread, `limit` and `order` of a list.
    createThread: (input: OperationInput<'createThread'> & { body: NewThread }) =>
      store.create(input.principal.organizationId, input.principal.userId, input.body),

    listThreads: (input: OperationInput<'listThreads'> & { query: ListQuery }) => {
      const query = input.query;
      if (query.after !== undefined && query.before !== undefined) {
        throw errors.badRequest('Use either after or before, not both', 'invalid_parameters', 'before');
      }
      try {
        return renderPage(store.list(input.principal.organizationId, query));
      } catch (error) {
        if (error instanceof UnknownCursorError) {
          throw errors.badRequest(
            `Invalid request parameters: no thread ${String(query[error.param])} to page ${error.param}`,
            'invalid_cursor',
            error.param,
          );
        }
        throw error;
      }
    },

    retrieveThread: (input) => {
      const thread = store.getJson(input.principal.organizationId, threadIdOf(input));
      if (thread === undefined) throw errors.threadNotFound(threadIdOf(input));
      return new RawJson(thread);
    },

    updateThread: (input) => applyChanges(input, input.body),

    updateThreadMetadata: (input) => applyChanges(input, input.body),

    deleteThread: async (input) => {
      const id = threadIdOf(input);
      const deleted = await store.delete(input.principal.organizationId, id, () => ({
        success: true as const,
        threadId: id,
        message: 'Thread and all messages deleted successfully',
      }));
      if (!deleted) throw errors.threadNotFound(id);
      return deleted;
    },

    pinThread: (input) => pinStatus(input, true),
    unpinThread: (input) => pinStatus(input, false),
  } satisfies Handlers;
  return handlers;
}
