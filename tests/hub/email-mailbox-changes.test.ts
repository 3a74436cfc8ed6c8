import { describe, expect, it } from 'vitest';
import type { EmailAccount } from '../../src-server/channels/email/account';
import { syncAccountOnce } from '../../src-server/channels/email/imap/account-sync';
import type { MailboxSyncOptions } from '../../src-server/channels/email/imap/mailbox-sync';
import { vanishedBySearch } from '../../src-server/channels/email/imap/expunge-scan';
import { copiesKey, type MessageCopies } from '../../src-server/channels/email/ingest/message-copies';
import type { HubStore } from '../../src-server/store/contract';
import type { MessageRow } from '../../src-shared/sync/rows';
import { testMessage } from '../support/dovecot';
import { emailFixtures } from './email-fixtures';

const env = emailFixtures();
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function messages(store: HubStore): Promise<Map<string, MessageRow>> {
  const rows = (await store.scanKind('message', '', 100_000)).map((e) => e.data as MessageRow);
  return new Map(rows.map((m) => [m.externalId!, m]));
}
const byN = async (store: HubStore, n: number) => (await messages(store)).get(`<msg-${n}@customer.example>`)!;

/** Runs an IMAP session as the mailbox's owner (a person in their mail program). */
async function asOwner(user: { name: string; password: string }, folder: string, fn: (c: Awaited<ReturnType<typeof env.dovecot.client>>) => Promise<unknown>) {
  const c = await env.dovecot.client(user.name, user.password);
  try {
    await c.mailboxOpen(folder);
    await fn(c);
  } finally {
    await c.logout();
  }
}

describe.each([
  { name: 'CONDSTORE + QRESYNC', changes: {} },
  { name: 'without the extensions (FLAGS scan, UID SEARCH)', changes: { useExtensions: false } },
])('mailbox changes reach the message rows ($name)', ({ changes }) => {
  const sync = (store: HubStore, account: EmailAccount, more: Partial<MailboxSyncOptions> = {}) => syncAccountOnce(store, account, { changes, ...more });

  it('keeps the flags fetched with the mail, then the flags set and cleared in the mailbox', async () => {
    const store = await env.store();
    const user = env.user();
    await asOwner(user, 'INBOX', async (c) => {
      await c.append('INBOX', testMessage(1), ['\\Seen']);
      await c.append('INBOX', testMessage(2));
    });
    await sync(store, user.account);
    expect((await byN(store, 1)).mailboxFlagsJson).toBe('["\\\\Seen"]');
    expect((await byN(store, 2)).mailboxFlagsJson).toBe('[]');

    await asOwner(user, 'INBOX', async (c) => {
      await c.messageFlagsAdd('2', ['\\Flagged', '\\Seen'], { uid: true });
      await c.messageFlagsRemove('1', ['\\Seen'], { uid: true });
    });
    const before = await store.version();
    await sync(store, user.account);
    expect(JSON.parse((await byN(store, 2)).mailboxFlagsJson!)).toEqual(['\\Flagged', '\\Seen']);
    expect((await byN(store, 1)).mailboxFlagsJson).toBe('[]');
    expect(await store.version()).toBe(before + 1); // both rows in one write: one version for the desktops
  });

  it('a mail deleted from the mailbox stays in its conversation, marked removed after the next full cycle', async () => {
    const store = await env.store();
    const user = env.user();
    await env.dovecot.append(user.name, user.password, 'INBOX', range(11, 13).map((n) => testMessage(n)));
    await sync(store, user.account);
    await asOwner(user, 'INBOX', (c) => c.messageDelete('2', { uid: true }));

    await sync(store, user.account);
    // Noticed; the verdict waits for a cycle that saw every folder after it (a move would show up there).
    expect((await byN(store, 12)).mailboxRemovedAt).toBeNull();
    const t0 = Date.now();
    await sync(store, user.account);
    const gone = await byN(store, 12);
    expect(gone.mailboxRemovedAt).toEqual(expect.any(Number));
    expect(gone.mailboxRemovedAt!).toBeLessThanOrEqual(t0);
    expect(gone.conversationId).toEqual(expect.any(Number));
    expect((await byN(store, 11)).mailboxRemovedAt).toBeNull();
    expect((await byN(store, 13)).mailboxRemovedAt).toBeNull();
    expect((await messages(store)).size).toBe(3);
    expect(await store.connectors.get<MessageCopies>(copiesKey(gone.id))).toEqual({ accountId: user.account.id, copies: [] });
  });

  it('a mail moved to another synced folder is not removed: its copy is recorded there', async () => {
    const store = await env.store();
    const user = env.user(['INBOX', 'Archive']);
    await env.dovecot.append(user.name, user.password, 'INBOX', range(21, 22).map((n) => testMessage(n)));
    await env.dovecot.append(user.name, user.password, 'Archive', []);
    await sync(store, user.account);
    await asOwner(user, 'INBOX', (c) => c.messageMove('1', 'Archive', { uid: true }));
    await sync(store, user.account);
    await sync(store, user.account);
    const moved = await byN(store, 21);
    expect(moved.mailboxRemovedAt).toBeNull();
    const doc = await store.connectors.get<MessageCopies>(copiesKey(moved.id));
    expect(doc?.copies.map((c) => [c.mailbox, c.uid])).toEqual([['Archive', 1]]);

    // Deleted from Archive too: now it is gone from every synced folder.
    await asOwner(user, 'Archive', (c) => c.messageDelete('1', { uid: true }));
    await sync(store, user.account);
    await sync(store, user.account);
    expect((await byN(store, 21)).mailboxRemovedAt).toEqual(expect.any(Number));
    expect((await byN(store, 22)).mailboxRemovedAt).toBeNull();
  });

  it('a flag storm on 300 mails is written in one transaction', async () => {
    const store = await env.store();
    const user = env.user();
    await env.dovecot.append(user.name, user.password, 'INBOX', range(101, 400).map((n) => testMessage(n)));
    await sync(store, user.account, { changes: { ...changes, flagScanLimit: 1_000 } });
    await asOwner(user, 'INBOX', (c) => c.messageFlagsAdd('1:*', ['\\Seen'], { uid: true }));
    const before = await store.version();
    const r = await sync(store, user.account, { changes: { ...changes, flagScanLimit: 1_000 } });
    expect(r.errors).toBe(0);
    expect(await store.version()).toBe(before + 1);
    const rows = [...(await messages(store)).values()];
    expect(rows).toHaveLength(300);
    expect(rows.every((m) => m.mailboxFlagsJson === '["\\\\Seen"]')).toBe(true);
  });
});

describe('expunges without QRESYNC (UID SEARCH against block digests)', () => {
  it('reports the UIDs gone since the last look; old gaps only again when their block of 1,024 UIDs changed', async () => {
    const store = await env.store();
    const user = env.user();
    await env.dovecot.append(user.name, user.password, 'INBOX', range(1, 1030).map((n) => testMessage(10_000 + n)));
    const look = async () => {
      const c = await env.dovecot.client(user.name, user.password);
      try {
        const box = await c.mailboxOpen('INBOX', { readOnly: true });
        return await vanishedBySearch(c, store, 'acct', 'INBOX', String(box.uidValidity), 1, 1030);
      } finally {
        await c.logout();
      }
    };
    await asOwner(user, 'INBOX', (c) => c.messageDelete('2:4', { uid: true }));
    expect(await look()).toEqual([2, 3, 4]); // the first look knows nothing: every gap
    expect(await look()).toEqual([]);
    await asOwner(user, 'INBOX', (c) => c.messageDelete('1029', { uid: true }));
    expect(await look()).toEqual([1029]); // another block: 2-4 are not looked up again
    await asOwner(user, 'INBOX', (c) => c.messageDelete('7', { uid: true }));
    expect(await look()).toEqual([2, 3, 4, 7]); // same block: its old gaps come back (striking them again is a no-op)
  }, 60_000);
});
