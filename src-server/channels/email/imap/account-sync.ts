import type { ImapFlow } from 'imapflow';
import type { HubStore } from '../../../store/contract';
import { healthKey, type AccountHealthDoc, type EmailAccount } from '../account';
import { describeImapFailure, openImap } from './imap-connection';
import { resolveRemovals } from './mailbox-changes';
import { DEFAULT_SYNC_OPTIONS, emptyCounts, syncMailbox, type MailboxSyncOptions, type SyncCounts } from './mailbox-sync';

export interface AccountSyncResult extends SyncCounts {
  /** The failure that ended the cycle early, or null. */
  failure: { auth: boolean; reason: string } | null;
}

export async function writeHealth(store: HubStore, accountId: string, patch: Partial<AccountHealthDoc>): Promise<void> {
  const current = (await store.connectors.get<AccountHealthDoc>(healthKey(accountId))) ?? { state: 'connecting', error: null, lastSyncAt: null };
  await store.connectors.put(healthKey(accountId), { ...current, ...patch });
}

/** Syncs every folder of `account` on `client`; a folder that fails is recorded and the others go on. */
export async function syncFolders(client: ImapFlow, store: HubStore, account: EmailAccount, folders: string[], opts: MailboxSyncOptions): Promise<AccountSyncResult> {
  const total: AccountSyncResult = { ...emptyCounts(), failure: null };
  const startedAt = opts.now();
  for (const folder of folders) {
    try {
      await syncMailbox(client, store, account.id, folder, opts, total);
    } catch (e) {
      total.errors++;
      total.failure = describeImapFailure(e, account);
      if (!client.usable) break; // the connection is gone: the caller reconnects
    }
  }
  // Only a cycle that saw every folder can tell a deletion from a move to another synced folder.
  if (!total.failure && account.folders.every((f) => folders.includes(f))) await resolveRemovals(store, account.id, startedAt);
  const now = opts.now();
  await writeHealth(store, account.id, total.failure ? { state: 'error', error: { at: now, reason: total.failure.reason } } : { state: 'connected', error: null, lastSyncAt: now });
  return total;
}

/** One full cycle on a connection of its own: `mail sync --once`, and the health panel's resync. */
export async function syncAccountOnce(store: HubStore, account: EmailAccount, opts: Partial<MailboxSyncOptions> = {}): Promise<AccountSyncResult> {
  const options = { ...DEFAULT_SYNC_OPTIONS, ...opts };
  let client: ImapFlow;
  try {
    client = await openImap(account);
  } catch (e) {
    const failure = describeImapFailure(e, account);
    await writeHealth(store, account.id, { state: 'error', error: { at: options.now(), reason: failure.reason } });
    return { ...emptyCounts(), errors: 1, failure };
  }
  try {
    return await syncFolders(client, store, account, account.folders, options);
  } finally {
    await client.logout().catch(() => client.close());
  }
}
