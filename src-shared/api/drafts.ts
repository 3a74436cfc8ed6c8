import { z } from 'zod';
import { Id, Timestamp } from '../domain';

/** Unsent composer text, kept in the local replica only: it survives reloads, crashes and being offline. */
export const Draft = z.object({
  conversationId: Id,
  mode: z.enum(['reply', 'note']),
  body: z.string().max(100_000),
  updatedAt: Timestamp,
});
export type Draft = z.infer<typeof Draft>;

export const DraftArgs = {
  'draft.get': z.object({ conversationId: Id }),
  'draft.save': z.object({ conversationId: Id, mode: z.enum(['reply', 'note']), body: z.string().max(100_000) }),
  'draft.delete': z.object({ conversationId: Id }),
} as const;

export interface DraftResults {
  'draft.get': { draft: Draft | null };
  'draft.save': { draft: Draft };
  'draft.delete': { deleted: boolean };
}
