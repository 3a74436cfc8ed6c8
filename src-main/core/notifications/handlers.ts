import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { NotificationItem } from '../../../src-shared/api';
import type { Handlers } from '../api/dispatcher';
import type { CoreContext } from '../context';
import * as t from '../db/schema';

/** This desktop's agent's mentions and assignments, newest first, with an unread count for the badge. */
export function notificationHandlers(ctx: CoreContext): Pick<Handlers, 'notification.list' | 'notification.markRead'> {
  const { db } = ctx;
  return {
    'notification.list': ({ limit }) => {
      const me = ctx.me();
      const items: NotificationItem[] = db
        .select({ id: t.notification.id, kind: t.notification.kind, conversationId: t.notification.conversationId, subject: t.conversation.subject, actorId: t.notification.actorId, createdAt: t.notification.createdAt, readAt: t.notification.readAt })
        .from(t.notification)
        .innerJoin(t.conversation, eq(t.conversation.id, t.notification.conversationId))
        .where(eq(t.notification.agentId, me))
        .orderBy(desc(t.notification.createdAt), desc(t.notification.id))
        .limit(limit)
        .all();
      const unread = db.select({ n: sql<number>`count(*)` }).from(t.notification).where(and(eq(t.notification.agentId, me), isNull(t.notification.readAt))).get()?.n ?? 0;
      return { unread, items };
    },
    'notification.markRead': ({ ids }) => {
      const mine = and(eq(t.notification.agentId, ctx.me()), isNull(t.notification.readAt), ids ? inArray(t.notification.id, ids) : undefined);
      const marked = db.update(t.notification).set({ readAt: Date.now() }).where(mine).run().changes;
      return { marked };
    },
  };
}
