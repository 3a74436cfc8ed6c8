import { z } from 'zod';
import type { Channel, Id } from '../domain';

export const SearchArgs = {
  'search.query': z.object({ q: z.string().max(500), limit: z.number().int().positive().max(100).default(25) }),
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
