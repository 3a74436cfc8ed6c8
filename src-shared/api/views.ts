import { z } from 'zod';
import { Category, Channel, ConversationStatus, Id, Priority } from '../domain';

/** An inbox view: which conversations it holds. `inbox.list` sorts and narrows it further. */
export const InboxView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('open') }),
  z.object({ kind: z.literal('mine') }),
  z.object({ kind: z.literal('unassigned') }),
  z.object({ kind: z.literal('status'), status: ConversationStatus }),
  z.object({ kind: z.literal('channel'), channel: Channel }),
  z.object({ kind: z.literal('category'), category: Category }),
  /** Open or pending, not yet answered, first response due within the next hour. */
  z.object({ kind: z.literal('sla_at_risk') }),
  /** Open or pending and a first-response or resolution due time has passed unmet. */
  z.object({ kind: z.literal('sla_breached') }),
]);
export type InboxView = z.infer<typeof InboxView>;

export function viewKey(v: InboxView): string {
  switch (v.kind) {
    case 'status':
      return `status:${v.status}`;
    case 'channel':
      return `channel:${v.channel}`;
    case 'category':
      return `category:${v.category}`;
    default:
      return v.kind;
  }
}

export const InboxSort = z.enum(['last_activity', 'sla_due', 'priority']);
export type InboxSort = z.infer<typeof InboxSort>;

/** Narrowing within a view. `assigneeId: null` means unassigned. */
export const InboxFilters = z
  .object({
    channel: Channel.optional(),
    category: Category.optional(),
    priority: Priority.optional(),
    assigneeId: Id.nullable().optional(),
    tag: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
export type InboxFilters = z.infer<typeof InboxFilters>;
