import type { ConversationStatus } from '../domain';
import type { StatusTransitions } from './tx';

/**
 * The conversation status state machine. `closed` is final: a customer writing again after a
 * conversation is closed starts a new one, so closed tickets keep their CSAT and KPIs stable.
 */
export const STATUS_TRANSITIONS: StatusTransitions = {
  open: ['pending', 'snoozed', 'solved', 'closed'],
  pending: ['open', 'snoozed', 'solved', 'closed'],
  snoozed: ['open', 'pending', 'solved', 'closed'],
  solved: ['open', 'closed'],
  closed: [],
};

export function canTransition(from: ConversationStatus, to: ConversationStatus): boolean {
  return from === to || STATUS_TRANSITIONS[from].includes(to);
}
