import type { ConversationStatus } from './conversation';

/** A first response due within this window is "at risk". */
export const SLA_AT_RISK_MS = 60 * 60 * 1000;

export type SlaState = 'breached' | 'at_risk' | null;

export interface SlaClock {
  status: ConversationStatus;
  firstResponseAt: number | null;
  slaFirstResponseDueAt: number | null;
  slaResolutionDueAt: number | null;
}

/**
 * Where a conversation stands against its SLA, by the same rule as the SLA views of the inbox
 * (src-main/core/inbox/queries.ts): only open or pending work counts; breached when the first
 * response is late and still missing, or the resolution is late; at risk when the first response
 * is due within the hour and still missing.
 */
export function slaState(c: SlaClock, now: number): SlaState {
  if (c.status !== 'open' && c.status !== 'pending') return null;
  const awaitingFirstResponse = c.firstResponseAt === null && c.slaFirstResponseDueAt !== null;
  if ((awaitingFirstResponse && c.slaFirstResponseDueAt! <= now) || (c.slaResolutionDueAt !== null && c.slaResolutionDueAt <= now)) return 'breached';
  if (awaitingFirstResponse && c.slaFirstResponseDueAt! <= now + SLA_AT_RISK_MS) return 'at_risk';
  return null;
}
