import type { Handlers } from '../api/dispatcher';
import type { CoreContext } from '../context';
import { createInboxQueries } from './queries';

export function inboxHandlers(ctx: CoreContext): Pick<Handlers, 'inbox.counts' | 'inbox.list' | 'inbox.ids'> {
  const inbox = createInboxQueries(ctx.db, ctx.me);
  return {
    'inbox.counts': ({ views }) => ({ counts: views.map((view) => inbox.count({ view, filters: {} })) }),
    'inbox.list': ({ view, sort, filters, offset, limit }) => inbox.list({ view, sort, filters }, offset, limit),
    'inbox.ids': ({ view, sort, filters }) => inbox.ids({ view, sort, filters }),
  };
}
