import type { Handlers } from '../api/dispatcher';
import type { CoreContext } from '../context';

export function mutationHandlers(ctx: CoreContext): Pick<Handlers, 'mutate' | 'outbox.list'> {
  return {
    mutate: ({ name, args }) => {
      const { outboxId, conversationIds } = ctx.mutations.apply(ctx.me(), name, args);
      ctx.broadcast('db-changed', { tables: ['conversation', 'message', 'note', 'conversation_tag', 'mutation_outbox', 'notification'], conversationIds });
      return { outboxId };
    },
    'outbox.list': ({ limit }) => ({ entries: ctx.mutations.list(limit) }),
  };
}
