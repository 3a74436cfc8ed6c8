import type { MailAccountHealth } from '../../../../src-shared/sync/mail-health';
import type { HubStore } from '../../../store/contract';
import { OUTBOUND_PREFIX, type OutboundJob } from './outbound-job';

/** The outbound part of an account's health: replies waiting, replies that failed, the newest failure. */
export async function outboundHealth(store: HubStore, accountId: string): Promise<MailAccountHealth['outbound']> {
  const jobs = (await store.connectors.list<OutboundJob>(OUTBOUND_PREFIX)).map((d) => d.value).filter((j) => j.accountId === accountId);
  const lastError = jobs.map((j) => j.lastError).reduce<OutboundJob['lastError']>((a, b) => (b && (!a || b.at > a.at) ? b : a), null);
  return { queued: jobs.filter((j) => j.state !== 'failed').length, failed: jobs.filter((j) => j.state === 'failed').length, lastError };
}
