import { and, eq, lte } from 'drizzle-orm';
import type { CoreContext } from '../context';
import * as t from '../db/schema';

export const WAKE_INTERVAL_MS = 30_000;

/**
 * Reopens snoozed conversations whose time has come, through the normal mutation path so each
 * wake-up is in the outbox and every console hears of it. Returns the ids woken.
 */
export function wakeDueConversations(ctx: CoreContext, now = Date.now()): number[] {
  const due = ctx.db
    .select({ id: t.conversation.id })
    .from(t.conversation)
    .where(and(eq(t.conversation.status, 'snoozed'), lte(t.conversation.snoozedUntil, now)))
    .all()
    .map((r) => r.id);
  for (const conversationId of due) ctx.mutations.apply(ctx.me(), 'wake', { conversationId, reason: 'time' }, now);
  if (due.length > 0) ctx.broadcast('db-changed', { tables: ['conversation', 'mutation_outbox'], conversationIds: due });
  return due;
}

/** Checks at start and then periodically; the timer never keeps the process alive on its own. */
export function startWakeTimer(ctx: CoreContext, log: (line: string) => void, intervalMs = WAKE_INTERVAL_MS): () => void {
  const tick = () => {
    try {
      wakeDueConversations(ctx);
    } catch (e) {
      log(`Waking snoozed conversations failed: ${(e as Error).message}`);
    }
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
