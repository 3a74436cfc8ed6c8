import { z } from 'zod';
import { Id, Timestamp } from './ids';

/** One criterion of a QA scorecard, scored 0..max by a reviewer. */
export const QaScore = z.object({
  criterion: z.string().min(1),
  score: z.number().int().nonnegative(),
  max: z.number().int().positive(),
});

export const QaReview = z.object({
  id: Id,
  conversationId: Id,
  reviewerId: Id,
  agentId: Id,
  scores: z.array(QaScore),
  comment: z.string().nullable(),
  createdAt: Timestamp,
});
export type QaReview = z.infer<typeof QaReview>;

/** Percentage of points earned; 0 for an empty scorecard. */
export function qaPercent(review: Pick<QaReview, 'scores'>): number {
  const max = review.scores.reduce((s, c) => s + c.max, 0);
  if (max === 0) return 0;
  const got = review.scores.reduce((s, c) => s + Math.min(c.score, c.max), 0);
  return Math.round((got / max) * 100);
}
