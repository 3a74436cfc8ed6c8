import type { MailAccountHealth, MailHealth } from '../../../src-shared/sync/mail-health';
import type { HubStore } from '../../store/contract';
import type { OutboundSummary } from './outbound/outbound-health';
import { ACCOUNT_PREFIX, healthKey, mailboxKey, type AccountHealthDoc, type EmailAccount, type MailboxState } from './account';

/** The outbound queue's part of the health (the outbound sender provides it). */
export type OutboundHealth = () => Promise<OutboundSummary>;

/** Every account's sync health, from the documents its runner keeps: what `GET /mail/health` answers. */
export async function buildMailHealth(store: HubStore, outboundHealth: OutboundHealth): Promise<MailHealth> {
  const outbound = await outboundHealth();
  const accounts: MailAccountHealth[] = [];
  for (const { value: account } of await store.connectors.list<EmailAccount>(ACCOUNT_PREFIX)) {
    const doc = await store.connectors.get<AccountHealthDoc>(healthKey(account.id));
    const folders = [];
    const skipped: MailAccountHealth['skipped'] = [];
    for (const mailbox of account.folders) {
      const s = await store.connectors.get<MailboxState>(mailboxKey(account.id, mailbox));
      folders.push({
        mailbox,
        messages: s?.messages ?? 0,
        synced: s ? Math.max(0, s.messages - s.backlog) : 0,
        backfilling: !s || s.backfillBelow > 1,
        lastSyncAt: s?.lastSyncAt ?? null,
      });
      for (const k of s?.skipped ?? []) skipped.push({ ...k, mailbox });
    }
    accounts.push({
      accountId: account.id,
      address: account.fromAddress,
      state: account.disabled ? 'disabled' : (doc?.state ?? 'connecting'),
      lastSyncAt: doc?.lastSyncAt ?? null,
      // A folder never synced yet counts as wholly unfetched once its size is known; before that, as 0.
      backlog: folders.reduce((n, f) => n + (f.messages - f.synced), 0),
      folders,
      error: doc?.error ?? null,
      skipped: skipped.sort((a, b) => b.at - a.at).slice(0, 50),
      outbound: outbound.forAccount(account.id),
    });
  }
  return { accounts, waitingForAccount: outbound.waitingForAccount };
}
