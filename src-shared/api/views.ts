import { z } from 'zod';
import { Category, Channel, ConversationStatus } from '../domain';

/** An inbox view: which conversations it holds. Every view lists newest activity first. */
export const InboxView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('open') }),
  z.object({ kind: z.literal('mine') }),
  z.object({ kind: z.literal('unassigned') }),
  z.object({ kind: z.literal('status'), status: ConversationStatus }),
  z.object({ kind: z.literal('channel'), channel: Channel }),
  z.object({ kind: z.literal('category'), category: Category }),
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
