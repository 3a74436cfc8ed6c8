import type { Channel } from './channels';
import type { ConversationStatus } from './conversation';

const HOUR = 3_600_000;
/** First-response targets per channel, from when the customer wrote: chat is expected within the hour, email within a day. */
export const FIRST_RESPONSE_SLA: Record<Channel, number> = {
  email: 24 * HOUR,
  chat: 1 * HOUR,
  whatsapp: 1 * HOUR,
  instagram: 4 * HOUR,
  messenger: 4 * HOUR,
  x: 4 * HOUR,
};
/** Resolution target, from when the conversation started. */
export const RESOLUTION_SLA = 72 * HOUR;

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
