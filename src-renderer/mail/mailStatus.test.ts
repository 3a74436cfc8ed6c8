import { describe, expect, it } from 'vitest';
import type { MailAccountHealth } from '../../src-shared/sync/mail-health';
import { describeMailAccount, describeOutbound } from './mailStatus';

const account = (over: Partial<MailAccountHealth> = {}): MailAccountHealth => ({
  accountId: '1', address: 'support@shop.test', state: 'connected', lastSyncAt: 1, backlog: 0, error: null, skipped: [],
  folders: [{ mailbox: 'INBOX', messages: 20_000, synced: 20_000, backfilling: false, lastSyncAt: 1 }],
  outbound: { queued: 0, failed: 0, lastError: null },
  ...over,
});

describe('describeMailAccount', () => {
  it('says idle when everything is fetched', () => {
    expect(describeMailAccount(account())).toMatchObject({ tone: 'ok', label: 'Idle', progress: null });
  });

  it('shows backfill progress over every folder', () => {
    const v = describeMailAccount(account({
      backlog: 7_600,
      folders: [
        { mailbox: 'INBOX', messages: 15_000, synced: 10_000, backfilling: true, lastSyncAt: 1 },
        { mailbox: 'Support', messages: 5_000, synced: 2_400, backfilling: true, lastSyncAt: 1 },
      ],
    }));
    expect(v).toMatchObject({ tone: 'busy', label: 'Backfilling', detail: '12,400 of 20,000 messages fetched', progress: { done: 12_400, total: 20_000 } });
  });

  it('says syncing while new mail waits, and gives an error its reason', () => {
    expect(describeMailAccount(account({ backlog: 3 }))).toMatchObject({ label: 'Syncing', detail: '3 new messages to fetch' });
    expect(describeMailAccount(account({ state: 'error', error: { at: 1, reason: 'IMAP login refused: check the password' } }))).toMatchObject({ tone: 'error', detail: 'IMAP login refused: check the password' });
    expect(describeMailAccount(account({ state: 'disabled' })).label).toBe('Paused');
  });

  it('sums up the outbound queue', () => {
    expect(describeOutbound({ queued: 0, failed: 0, lastError: null })).toBe('Nothing waiting');
    expect(describeOutbound({ queued: 2, failed: 1, lastError: null })).toBe('2 waiting to send · 1 failed');
  });
});
