/**
 * The eight operations of the contract. Each gets input that has already been
 * authenticated and validated against the spec, and returns the success body;
 * anything else it throws as an ApiError.
 */
import type { ValidateFunction } from '@freddy/spec';
import type { Principal } from '../auth/keys.js';
import { errors, isoSeconds } from '../http/errors.js';
import {
  type ListQuery,
  type Metadata,
  MetadataRejectedError,
  type NewThread,
  type Thread,
  type ThreadChanges,
  type ThreadStore,
  UnknownCursorError,
} from '../store/threads.js';
import { classifyBodyError, metadataLimitExceeded } from '../validation/classify.js';

export interface OperationInput {
  principal: Principal;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown> | undefined;
}

/** Reads answer at once; writes answer with a promise that settles after their commit. */
export type OperationHandler = (input: OperationInput) => unknown;

/** A response body that is already JSON text, sent as is. */
export class RawJson {
  constructor(readonly text: string) {}
}

export function createOperations(store: ThreadStore, validateMetadata: ValidateFunction) {
  const threadIdOf = (input: OperationInput) => String(input.params.thread_id);

  /** Merges, re-checking the merged whole against the contract's Metadata schema. */
  const applyChanges = async (input: OperationInput, changes: ThreadChanges): Promise<Thread> => {
    const id = threadIdOf(input);
    try {
      const thread = await store.change(input.principal.organizationId, id, changes, (merged) =>
        Boolean(validateMetadata(merged)),
      );
      if (!thread) throw errors.threadNotFound(id);
      return thread;
    } catch (error) {
      if (error instanceof MetadataRejectedError) {
        const first = validateMetadata.errors?.[0];
        if (first?.keyword === 'maxProperties') {
          throw metadataLimitExceeded(Number((first.params as { limit: number }).limit));
        }
        throw classifyBodyError(first ? { ...first, instancePath: `/metadata${first.instancePath}` } : undefined);
      }
      throw error;
    }
  };

  const pinStatus = async (input: OperationInput, pinned: boolean) => {
    const id = threadIdOf(input);
    const thread = await store.pin(input.principal.organizationId, id, pinned);
    if (!thread) throw errors.threadNotFound(id);
    return {
      id: thread.id,
      is_pinned: thread.isPinned,
      pinned_at: thread.pinnedAt === null ? null : isoSeconds(thread.pinnedAt * 1000),
      message: pinned ? 'Thread pinned successfully' : 'Thread unpinned successfully',
    };
  };

  const handlers: Record<string, OperationHandler> = {
    createThread: (input) =>
      store.create(input.principal.organizationId, input.principal.userId, input.body as unknown as NewThread),

    listThreads: (input) => {
      const query = input.query as unknown as ListQuery;
      if (query.after !== undefined && query.before !== undefined) {
        throw errors.badRequest('Use either after or before, not both', 'invalid_parameters', 'before');
      }
      try {
        const page = store.list(input.principal.organizationId, query);
        // The ThreadList shape, around threads SQLite has already rendered as JSON.
        return new RawJson(
          `{"object":"list","data":[${page.threads.join(',')}],"firstId":${JSON.stringify(page.ids[0] ?? null)},` +
            `"lastId":${JSON.stringify(page.ids.at(-1) ?? null)},"hasMore":${page.hasMore}}`,
        );
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

    updateThread: (input) => {
      const body = input.body ?? {};
      return applyChanges(input, {
        metadata: body.metadata as Metadata | undefined,
        title: body.title as string | undefined,
        visibleInUi: body.visibleInUi as boolean | undefined,
      });
    },

    updateThreadMetadata: (input) => {
      const body = input.body ?? {};
      return applyChanges(input, {
        metadata: body.metadata as Metadata,
        visibleInUi: body.visibleInUi as boolean | undefined,
      });
    },

    deleteThread: async (input) => {
      const id = threadIdOf(input);
      if (!(await store.delete(input.principal.organizationId, id))) throw errors.threadNotFound(id);
      return { success: true, threadId: id, message: 'Thread and all messages deleted successfully' };
    },

    pinThread: (input) => pinStatus(input, true),
    unpinThread: (input) => pinStatus(input, false),
  };
  return handlers;
}
