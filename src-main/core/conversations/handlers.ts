import type { Handlers } from '../api/dispatcher';
import type { CoreContext } from '../context';

export function conversationHandlers(ctx: CoreContext): Pick<Handlers, 'conversation.get'> {
  return {
    'conversation.get': ({ id }) => ctx.conversations.getDetail(id),
  };
}
