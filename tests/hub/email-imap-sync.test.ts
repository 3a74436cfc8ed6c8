import { describe, expect, it } from 'vitest';
import { mailboxKey, type MailboxState } from '../../src-server/channels/email/account';
import { syncAccountOnce } from '../../src-server/channels/email/imap/account-sync';
import type { HubStore } from '../../src-server/store/contract';
import { testMessage } from '../support/dovecot';
import { sha256 } from '../../src-server/channels/email/ingest/email-refs';
import { emailFixtures, recordingIngest } from './email-fixtures';
import { rawMail } from './email-ingest-fixtures';

const env = emailFixtures();
const live = async (store: HubStore, kind: 'conversation' | 'message') => (await store.scanKind(kind, '', 10_000)).length;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('IMAP sync against Dovecot', () => {
  it('first sync takes every message newest first, in resumable chunks; a re-run fetches nothing', async () => {
    const store = await env.store();
    const { name, password, account } = env.user();
    await env.dovecot.append(name, password, 'INBOX', range(1, 25).map((n) => testMessage(n)));
    const rec = recordingIngest();
    const opts = { ingester: rec.ingester, backfillChunk: 10, batchMessages: 4 };

    const first = await syncAccountOnce(store, account, opts);
    expect(first).toMatchObject({ fetched: 10, errors: 0, failure: null });
    // Newest first: the latest mail is usable at once.
    expect(rec.seen.map((s) => s.uid)).toEqual(range(16, 25).reverse());
    let state = (await store.connectors.get<MailboxState>(mailboxKey(account.id, 'INBOX')))!;
    expect(state).toMatchObject({ uidNext: 26, backfillBelow: 16, messages: 25, fetched: 10, backlog: 15, lastFullSyncAt: null });

    await syncAccountOnce(store, account, opts);
    const third = await syncAccountOnce(store, account, opts);
    expect(third.fetched).toBe(5);
    state = (await store.connectors.get<MailboxState>(mailboxKey(account.id, 'INBOX')))!;
    expect(state).toMatchObject({ backfillBelow: 1, backlog: 0, fetched: 25 });
    expect(state.lastFullSyncAt).not.toBeNull();

    const again = await syncAccountOnce(store, account, opts);
    expect(again.fetched).toBe(0);
    expect(await live(store, 'conversation')).toBe(25);
    expect(await live(store, 'message')).toBe(25);
    expect(rec.seen.map((s) => s.uid).sort((a, b) => a - b)).toEqual(range(1, 25));
  });

  it('incremental sync takes only new mail, oldest first, and counts flag changes and deletions', async () => {
    const store = await env.store();
    const { name, password, account } = env.user();
    await env.dovecot.append(name, password, 'INBOX', range(1, 3).map((n) => testMessage(100 + n)));
    const rec = recordingIngest();
    await syncAccountOnce(store, account, { ingester: rec.ingester });
    for (const n of [4, 5]) await env.dovecot.deliver(name, testMessage(100 + n));
    const c = await env.dovecot.client(name, password);
    await c.mailboxOpen('INBOX');
    await c.messageFlagsAdd('1', ['\\Seen'], { uid: true });
    await c.messageDelete('2', { uid: true });
    await c.logout();

    const next = await syncAccountOnce(store, account, { ingester: rec.ingester });
    expect(next.fetched).toBe(2);
    expect(rec.seen.slice(3).map((s) => [s.uid, s.messageId])).toEqual([[4, '<msg-104@customer.example>'], [5, '<msg-105@customer.example>']]);
    expect(await store.connectors.get<MailboxState>(mailboxKey(account.id, 'INBOX'))).toMatchObject({ uidNext: 6, messages: 4, fetched: 5, flagChanges: 1, expunged: 1 });
  });

  it('a message moved to another synced folder is recognised by its Message-ID, never duplicated', async () => {
    const store = await env.store();
    const { name, password, account } = env.user(['INBOX', 'Archive']);
    await env.dovecot.append(name, password, 'INBOX', range(1, 3).map((n) => testMessage(600 + n)));
    await env.dovecot.append(name, password, 'Archive', []);
    expect(await syncAccountOnce(store, account)).toMatchObject({ fetched: 3, newConversations: 3, errors: 0 });
    const c = await env.dovecot.client(name, password);
    await c.mailboxOpen('INBOX');
    await c.messageMove('2', 'Archive', { uid: true });
    await c.logout();
    expect(await syncAccountOnce(store, account)).toMatchObject({ fetched: 1, duplicatesSkipped: 1, newConversations: 0, errors: 0 });
    expect(await live(store, 'message')).toBe(3);
    expect(await store.connectors.get<MailboxState>(mailboxKey(account.id, 'INBOX'))).toMatchObject({ messages: 2, expunged: 1 });
  });

  it('a rebuilt folder (new UIDVALIDITY) is fetched again once, with no duplicates handed over twice in it', async () => {
    const store = await env.store();
    const { name, password, account } = env.user(['Orders']);
    await env.dovecot.append(name, password, 'Orders', range(1, 6).map((n) => testMessage(200 + n)));
    const rec = recordingIngest();
    await syncAccountOnce(store, account, { ingester: rec.ingester });
    const before = (await store.connectors.get<MailboxState>(mailboxKey(account.id, 'Orders')))!;

    const c = await env.dovecot.client(name, password);
    await c.mailboxDelete('Orders');
    await c.logout();
    await env.dovecot.append(name, password, 'Orders', range(1, 7).map((n) => testMessage(200 + n)));

    const after = await syncAccountOnce(store, account, { ingester: rec.ingester });
    // No flood: the six known messages are recognised by Message-ID; only the new one is new.
    expect(after).toMatchObject({ fetched: 7, errors: 0, duplicatesSkipped: 6, newConversations: 1 });
    expect(await live(store, 'message')).toBe(7);
    const state = (await store.connectors.get<MailboxState>(mailboxKey(account.id, 'Orders')))!;
    expect(state.uidValidity).not.toBe(before.uidValidity);
    expect(state).toMatchObject({ fetched: 7, backfillBelow: 1, uidNext: 8 });
    for (const n of range(1, 6)) expect(rec.times(`<msg-${200 + n}@customer.example>`)).toBe(2); // once per UIDVALIDITY, the ingest dedupes
    expect(rec.times('<msg-207@customer.example>')).toBe(1);
    expect((await syncAccountOnce(store, account, { ingester: rec.ingester })).fetched).toBe(0);
  });

  it('records a message over the size cap and goes on with the rest', async () => {
    const store = await env.store();
    const { name, password, account } = env.user();
    await env.dovecot.append(name, password, 'INBOX', [testMessage(301), testMessage(302, { body: 'x'.repeat(20_000) }), testMessage(303)]);
    const rec = recordingIngest();
    const r = await syncAccountOnce(store, account, { ingester: rec.ingester, maxMessageBytes: 10_000 });
    expect(r).toMatchObject({ fetched: 3, errors: 1 });
    expect(rec.seen.map((s) => s.uid)).toEqual([3, 1]);
    const state = (await store.connectors.get<MailboxState>(mailboxKey(account.id, 'INBOX')))!;
    expect(state.skipped).toEqual([{ at: expect.any(Number), uid: 2, reason: expect.stringMatching(/over the 10,000-byte limit; skipped/) }]);
    expect(state.backfillBelow).toBe(1);
  });

  it('a message whose filing throws is recorded and skipped; the rest of its batch goes in', async () => {
    const store = await env.store();
    const { name, password, account } = env.user();
    await env.dovecot.append(name, password, 'INBOX', range(1, 4).map((n) => testMessage(500 + n)));
    const rec = recordingIngest();
    const ingester = { ...rec.ingester, ingest: async (...args: Parameters<typeof rec.ingester.ingest>) => {
      if (args[2].uid === 2) throw new Error('the store refused this row');
      return rec.ingester.ingest(...args);
    } };
    const r = await syncAccountOnce(store, account, { ingester });
    expect(r).toMatchObject({ fetched: 4, newConversations: 3, errors: 1, failure: null });
    expect(await live(store, 'message')).toBe(3);
    const state = (await store.connectors.get<MailboxState>(mailboxKey(account.id, 'INBOX')))!;
    expect(state).toMatchObject({ fetched: 4, backfillBelow: 1, skipped: [{ uid: 2, reason: 'ingest error: the store refused this row' }] });
  });

  it('files batches one at a time in listing order while later batches are fetched and prepared ahead', async () => {
    const store = await env.store();
    const { name, password, account } = env.user();
    await env.dovecot.append(name, password, 'INBOX', range(1, 12).map((n) => testMessage(600 + n)));
    const rec = recordingIngest();
    const events: string[] = [];
    const ingester = {
      prepare: async (...args: Parameters<typeof rec.ingester.prepare>) => {
        events.push(`prepare ${args[1].uid}`);
        return rec.ingester.prepare(...args);
      },
      ingest: async (...args: Parameters<typeof rec.ingester.ingest>) => {
        events.push(`file ${args[2].uid}`);
        await new Promise((r) => setTimeout(r, 25)); // a slow write: the next batches must not wait for it to be fetched
        return rec.ingester.ingest(...args);
      },
    };
    const r = await syncAccountOnce(store, account, { ingester, batchMessages: 3, batchesAhead: 2 });
    expect(r).toMatchObject({ fetched: 12, newConversations: 12, errors: 0 });
    const filed = events.filter((e) => e.startsWith('file')).map((e) => Number(e.split(' ')[1]));
    expect(filed).toEqual(range(1, 12).reverse());
    // Batch 2 (UIDs 9..7) was being prepared before batch 1 (12..10) had finished filing.
    expect(events.indexOf('prepare 9')).toBeLessThan(events.indexOf('file 10'));
    expect(await live(store, 'message')).toBe(12);
    expect((await store.connectors.get<MailboxState>(mailboxKey(account.id, 'INBOX')))!).toMatchObject({ fetched: 12, backfillBelow: 1, skipped: [] });
  });

  it('a blob store failure stops the sync with nothing of its batch filed; the next cycle takes it', async () => {
    const store = await env.store();
    const { name, password, account } = env.user();
    const withFile = rawMail({
      from: 'Ana <ana@customer.example>',
      subject: 'Label',
      messageId: 'label-702@customer.example',
      contentType: 'multipart/mixed; boundary="b"',
      body: '--b\nContent-Type: text/plain\n\nLabel attached\n--b\nContent-Type: application/pdf; name="label.pdf"\nContent-Disposition: attachment; filename="label.pdf"\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--b--\n',
    });
    await env.dovecot.append(name, password, 'INBOX', [testMessage(701), withFile, testMessage(703)]);
    const failing: HubStore = { ...store, blobs: { ...store.blobs, putMany: () => Promise.reject(new Error('disk full')) } };
    const r = await syncAccountOnce(failing, account, { batchMessages: 1 });
    expect(r.failure?.reason).toContain('disk full');
    // Newest first: UID 3 is filed; UID 2 (the attachment) is not, nor UID 1 behind it, though it was fetched and digested.
    expect(await live(store, 'message')).toBe(1);
    expect((await store.connectors.get<MailboxState>(mailboxKey(account.id, 'INBOX')))!).toMatchObject({ fetched: 1, backfillBelow: 3, skipped: [] });

    expect(await syncAccountOnce(store, account, { batchMessages: 1 })).toMatchObject({ fetched: 2, newConversations: 2, errors: 0, failure: null });
    expect(await live(store, 'message')).toBe(3);
    expect(await store.blobs.has(sha256(Buffer.from('JVBERi0xLjQK', 'base64')))).toBe(true);
  });

  it('a wrong password is reported clearly, with nothing fetched', async () => {
    const store = await env.store();
    const { account } = env.user();
    const r = await syncAccountOnce(store, { ...account, auth: { kind: 'password', password: 'wrong' } });
    expect(r.failure).toEqual({ auth: true, reason: expect.stringContaining(`IMAP login to 127.0.0.1:${account.port} as ${account.user} was refused: check the user name and password`) });
    expect(r.failure!.reason).not.toContain('wrong');
    expect(await store.connectors.get(`email/health/${account.id}`)).toMatchObject({ state: 'error', error: { reason: r.failure!.reason } });
  });
});
