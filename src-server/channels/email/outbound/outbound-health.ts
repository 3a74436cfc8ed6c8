import type { MailAccountHealth } from '../../../../src-shared/sync/mail-health';
import type { HubStore } from '../../../store/contract';
import { OUTBOUND_PREFIX, type OutboundJob } from './outbound-job';
import { NO_SENDING_ACCOUNT } from './sending-account';

/** The outbound queue as Mail health shows it, read once per health request. */
export interface OutboundSummary {
  /** An account's part: replies waiting, replies that failed, the newest failure. */
  forAccount(accountId: string): MailAccountHealth['outbound'];
  /** Replies no account can send yet (no mailbox with SMTP settings). */
  waitingForAccount: number;
}

export async function outboundSummary(store: HubStore): Promise<OutboundSummary> {
  const jobs = (await store.connectors.list<OutboundJob>(OUTBOUND_PREFIX)).map((d) => d.value);
  return {
    forAccount(accountId) {
      const own = jobs.filter((j) => j.accountId === accountId);
      const lastError = own.map((j) => j.lastError).reduce<OutboundJob['lastError']>((a, b) => (b && (!a || b.at > a.at) ? b : a), null);
      return { queued: own.filter((j) => j.state !== 'failed').length, failed: own.filter((j) => j.state === 'failed').length, lastError };
    },
    waitingForAccount: jobs.filter((j) => j.accountId === NO_SENDING_ACCOUNT && j.state !== 'failed').length,
  };
}
