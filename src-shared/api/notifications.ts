import { z } from 'zod';
import type { Id, Timestamp } from '../domain';

export const NotificationArgs = {
  'notification.list': z.object({ limit: z.number().int().positive().max(200).default(30) }),
  /** Marks the given notifications read, or all of mine when ids is omitted. */
  'notification.markRead': z.object({ ids: z.array(z.number().int().positive()).max(500).optional() }),
} as const;

export interface NotificationItem {
  id: Id;
  kind: 'mention' | 'assignment' | 'reply';
  conversationId: Id;
  subject: string;
  actorId: Id | null;
  createdAt: Timestamp;
  readAt: Timestamp | null;
}

export interface NotificationResults {
  'notification.list': { unread: number; items: NotificationItem[] };
  'notification.markRead': { marked: number };
}
