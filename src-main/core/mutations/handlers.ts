import type { Handlers } from '../api/dispatcher';
import type { CoreContext } from '../context';

const CHANGED_TABLES = ['conversation', 'message', 'note', 'conversation_tag', 'mutation_outbox', 'notification'];

export function mutationHandlers(ctx: CoreContext): Pick<Handlers, 'mutate' | 'mutate.batch' | 'outbox.list'> {
  return {
    mutate: ({ name, args }) => {
      const { outboxId, conversationIds } = ctx.mutations.apply(ctx.me(), name, args);
      ctx.broadcast('db-changed', { tables: CHANGED_TABLES, conversationIds });
      return { outboxId };
    },
    'mutate.batch': ({ mutations }) => {
      const { results, conversationIds } = ctx.mutations.applyBatch(ctx.me(), mutations);
      // One refresh for the whole batch, however many conversations it touched.
      if (results.some((r) => r.ok)) ctx.broadcast('db-changed', { tables: CHANGED_TABLES, conversationIds });
      return { results };
    },
    'outbox.list': ({ limit }) => ({ entries: ctx.mutations.list(limit) }),
  };
}
