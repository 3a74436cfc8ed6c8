import { z } from 'zod';
import type { Id } from '../domain';
import type { NotificationKind } from '../notifications';

export const NotificationArgs = {
  /** This desktop's agent's notifications, newest first. */
  'notifications.list': z.object({ unreadOnly: z.boolean().default(false), limit: z.number().int().positive().max(200).default(50) }),
  /** Marks some (`ids`) or every (`all`) notification of mine read; others' are never touched. */
  'notifications.markRead': z.union([z.object({ ids: z.array(z.number().int().nonnegative()).min(1).max(500) }), z.object({ all: z.literal(true) })]),
  'notifications.counts': z.object({}),
} as const;

export interface NotificationItem {
  id: Id;
  kind: NotificationKind;
  conversationId: Id;
  subject: string;
  customerName: string;
  actorId: Id | null;
  /** The mentioning note's opening words, for a mention. */
  excerpt: string | null;
  createdAt: number;
  readAt: number | null;
}

export interface NotificationResults {
  'notifications.list': { notifications: NotificationItem[]; unread: number };
  'notifications.markRead': { updated: number; unread: number };
  'notifications.counts': { unread: number };
}
