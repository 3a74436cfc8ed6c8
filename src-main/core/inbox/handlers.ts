import type { Handlers } from '../api/dispatcher';
import type { CoreContext } from '../context';
import { createInboxQueries } from './queries';

export function inboxHandlers(ctx: CoreContext): Pick<Handlers, 'inbox.counts' | 'inbox.list'> {
  const inbox = createInboxQueries(ctx.db, ctx.me);
  return {
    'inbox.counts': ({ views }) => ({ counts: views.map((v) => inbox.count(v)) }),
    'inbox.list': ({ view, offset, limit }) => inbox.list(view, offset, limit),
  };
}
