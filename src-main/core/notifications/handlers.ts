import type { Handlers } from '../api/dispatcher';
import type { CoreContext } from '../context';
import { createNotificationStore } from './store';

/** Notifications of the agent this desktop acts as. */
export function notificationHandlers(ctx: CoreContext): Pick<Handlers, 'notifications.list' | 'notifications.markRead' | 'notifications.counts'> {
  const store = createNotificationStore(ctx.db);
  return {
    'notifications.list': ({ unreadOnly, limit }) => ({ notifications: store.list(ctx.me(), unreadOnly, limit), unread: store.unread(ctx.me()) }),
    'notifications.markRead': (which) => {
      const updated = store.markRead(ctx.me(), which, Date.now());
      if (updated > 0) ctx.broadcast('db-changed', { tables: ['notification'], conversationIds: [] });
      return { updated, unread: store.unread(ctx.me()) };
    },
    'notifications.counts': () => ({ unread: store.unread(ctx.me()) }),
  };
}
