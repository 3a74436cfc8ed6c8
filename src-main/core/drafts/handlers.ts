import { eq } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api';
import type { Handlers } from '../api/dispatcher';
import type { CoreContext } from '../context';
import * as t from '../db/schema';

/** Drafts are local to this desktop and never pushed: an unsent reply is nobody else's business. */
export function draftHandlers(ctx: CoreContext): Pick<Handlers, 'draft.get' | 'draft.save' | 'draft.delete'> {
  const { db } = ctx;
  return {
    'draft.get': ({ conversationId }) => ({ draft: db.select().from(t.draft).where(eq(t.draft.conversationId, conversationId)).get() ?? null }),
    'draft.save': ({ conversationId, mode, body }) => {
      if (!ctx.conversations.getConversation(conversationId)) throw new ApiError('not_found', `conversation ${conversationId} does not exist`);
      const draft = { conversationId, mode, body, updatedAt: Date.now() };
      db.insert(t.draft).values(draft).onConflictDoUpdate({ target: t.draft.conversationId, set: { mode, body, updatedAt: draft.updatedAt } }).run();
      return { draft };
    },
    'draft.delete': ({ conversationId }) => ({ deleted: db.delete(t.draft).where(eq(t.draft.conversationId, conversationId)).run().changes > 0 }),
  };
}
