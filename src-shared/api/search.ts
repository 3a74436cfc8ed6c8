import { z } from 'zod';
import { Category, Channel, ConversationStatus, Id } from '../domain';

/**
 * Narrows a search to conversations with these properties and to messages and notes written in
 * [from, to) (epoch ms). `assigneeId` also takes 'me' (this desktop's agent) and 'unassigned'.
 */
export const SearchFilters = z
  .object({
    channel: Channel.optional(),
    status: ConversationStatus.optional(),
    category: Category.optional(),
    assigneeId: z.union([Id, z.literal('me'), z.literal('unassigned')]).optional(),
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from < f.to, { message: '`from` must be before `to`', path: ['from'] });
export type SearchFilters = z.infer<typeof SearchFilters>;

export const SearchArgs = {
  'search.query': z.object({
    q: z.string().max(500),
    limit: z.number().int().positive().max(100).default(25),
    filters: SearchFilters.optional(),
  }),
} as const;

export interface SearchHit {
  kind: 'message' | 'note' | 'customer';
  conversationId: Id | null;
  customerId: Id;
  customerName: string;
  subject: string | null;
  channel: Channel | null;
  /** Snippet with matches wrapped in \u0002...\u0003 so the UI can highlight without HTML. */
  snippet: string;
  at: number;
}

export interface SearchResults {
  'search.query': { hits: SearchHit[]; tookMs: number };
}
