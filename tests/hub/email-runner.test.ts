import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/desktop-core';
import { mailboxKey, type MailboxState } from '../../src-server/channels/email/account';
import { syncAccountOnce } from '../../src-server/channels/email/imap/account-sync';
import { startMailRunner } from '../../src-server/channels/email/runner';
import type { HubStore } from '../../src-server/store/contract';
import { testMessage } from '../support/dovecot';
import { startTcpProxy } from '../support/tcp-proxy';
import { emailFixtures, recordingIngest } from './email-fixtures';

const env = emailFixtures();
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const state = (store: HubStore, account: string, folder = 'INBOX') => store.connectors.get<MailboxState>(mailboxKey(account, folder));

describe('mail runner against Dovecot', () => {
  it('backfills, then a message delivered while IDLE reaches the hub within seconds; other folders are polled', async () => {
    const store = await env.store();
    const { name, password, account } = env.user(['INBOX', 'Archive']);
    await env.dovecot.append(name, password, 'INBOX', range(1, 12).map((n) => testMessage(n)));
    await env.dovecot.append(name, password, 'Archive', [testMessage(50)]);
    await store.connectors.put(`email/account/${account.id}`, account);
    const rec = recordingIngest();
    const runner = startMailRunner({ store, pollMs: 1_500, sync: { ingester: rec.ingester, backfillChunk: 5 } });
    try {
      await waitFor(async () => (await state(store, account.id))?.backfillBelow === 1 && (await state(store, account.id, 'Archive'))?.backfillBelow === 1, 10_000, 'backfill');
      expect(rec.seen.length).toBe(13);
      // Give IDLE a moment to start, then deliver as an MTA would.
      await new Promise((r) => setTimeout(r, 300));
      const sent = Date.now();
      await env.dovecot.deliver(name, testMessage(13));
      await waitFor(async () => rec.times('<msg-13@customer.example>') === 1, 10_000, 'IDLE arrival');
      expect(Date.now() - sent).toBeLessThan(3_000);
      await env.dovecot.append(name, password, 'Archive', [testMessage(51)]);
      await waitFor(async () => rec.times('<msg-51@customer.example>') === 1, 8_000, 'polled folder');
      expect(await store.connectors.get(`email/health/${account.id}`)).toMatchObject({ state: 'connected', error: null });
    } finally {
      await runner.close();
    }
    expect(rec.seen.length).toBe(15);
  });

  it('mail delivered while a cycle is still running is fetched at once, not at the next poll', async () => {
    const store = await env.store();
    const { name, account } = env.user();
    await env.dovecot.deliver(name, testMessage(30));
    await store.connectors.put(`email/account/${account.id}`, account);
    const rec = recordingIngest();
    let delivered: Promise<void> | null = null;
    // The second mail lands while the first is being filed: the server tells of it during the
    // cycle's later commands, not under IDLE, so only a remembered announcement brings it in.
    const ingester = { ...rec.ingester, ingest: async (...args: Parameters<typeof rec.ingester.ingest>) => {
      delivered ??= env.dovecot.deliver(name, testMessage(31));
      await delivered;
      return rec.ingester.ingest(...args);
    } };
    const runner = startMailRunner({ store, pollMs: 600_000, sync: { ingester } });
    try {
      await waitFor(async () => rec.times('<msg-31@customer.example>') === 1, 15_000, 'the mail delivered mid-cycle');
      expect(rec.seen.map((s) => s.uid)).toEqual([1, 2]);
    } finally {
      await runner.close();
    }
  });

  it('a connection dropped mid-fetch loses and doubles nothing once it is back', async () => {
    const store = await env.store();
    const { name, password, account } = env.user();
    const big = 'lorem ipsum dolor sit amet '.repeat(2_000); // ~54 KB each
    await env.dovecot.append(name, password, 'INBOX', range(1, 30).map((n) => testMessage(400 + n, { body: `${n} ${big}` })));
    const proxy = await startTcpProxy(env.dovecot.imapPort);
    const viaProxy = { ...account, port: Number(new URL(proxy.url).port) };
    const rec = recordingIngest();
    const opts = { ingester: rec.ingester, batchMessages: 5, backfillChunk: 100 };
    try {
      const cut = proxy.cutAfterBytes(600_000); // in the middle of the third batch's bodies
      const broken = await syncAccountOnce(store, viaProxy, opts);
      await cut;
      expect(broken.failure).not.toBeNull();
      expect(broken.fetched).toBeGreaterThan(0);
      expect(broken.fetched).toBeLessThan(30);
      const half = (await state(store, account.id))!;
      expect(half.fetched).toBe(broken.fetched);
      expect(await store.connectors.get(`email/health/${account.id}`)).toMatchObject({ state: 'error' });

      await proxy.restore();
      const resumed = await syncAccountOnce(store, viaProxy, opts);
      expect(resumed).toMatchObject({ failure: null, fetched: 30 - broken.fetched });
      expect(rec.seen.map((s) => s.uid).sort((a, b) => a - b)).toEqual(range(1, 30));
      expect(await state(store, account.id)).toMatchObject({ fetched: 30, backfillBelow: 1 });
      expect((await store.scanKind('message', '', 100)).length).toBe(30);
    } finally {
      await proxy.close();
    }
  });

  it('a silently dead connection is noticed by the IDLE watchdog, and a cut one is made again; new mail still arrives', async () => {
    const store = await env.store();
    const { name, account } = env.user();
    const proxy = await startTcpProxy(env.dovecot.imapPort);
    await store.connectors.put(`email/account/${account.id}`, { ...account, port: Number(new URL(proxy.url).port) });
    const rec = recordingIngest();
    const lines: string[] = [];
    const runner = startMailRunner({ store, log: (l) => lines.push(l), idleRestartMs: 400, noopTimeoutMs: 400, backoffMinMs: 50, imap: { socketTimeoutMs: 1_500 }, sync: { ingester: rec.ingester } });
    try {
      // The cycle is over (health written last), not merely the backfill: freezing mid-cycle would fail a command, not IDLE.
      await waitFor(async () => (await state(store, account.id))?.backfillBelow === 1 && (await store.connectors.get<{ lastSyncAt: number | null }>(`email/health/${account.id}`))?.lastSyncAt != null, 10_000, 'first sync');
      proxy.freeze();
      await env.dovecot.deliver(name, testMessage(701));
      await waitFor(async () => rec.times('<msg-701@customer.example>') === 1, 10_000, 'arrival after the watchdog reconnected');
      expect(lines.join('\n')).toContain('the server stopped answering (NOOP after IDLE timed out); reconnecting');

      await proxy.cut();
      await new Promise((r) => setTimeout(r, 200));
      await proxy.restore();
      await env.dovecot.deliver(name, testMessage(702));
      // Filed, not merely handed to the parser.
      await waitFor(async () => rec.times('<msg-702@customer.example>') === 1 && (await store.scanKind('message', '', 100)).length === 2, 10_000, 'arrival after reconnecting');
      expect(rec.seen.length).toBe(2);
      expect((await store.scanKind('message', '', 100)).length).toBe(2);
    } finally {
      await runner.close();
      await proxy.close();
    }
  });

  it('wrong credentials: a clear error in the health doc and no retry storm', async () => {
    const store = await env.store();
    const { account } = env.user();
    await store.connectors.put(`email/account/${account.id}`, { ...account, auth: { kind: 'password', password: 'nope' } });
    const runner = startMailRunner({ store, authRetryMs: 60_000, backoffMinMs: 10 });
    try {
      const health = await waitFor(async () => {
        const h = await store.connectors.get<{ state: string; error: { reason: string } | null }>(`email/health/${account.id}`);
        return h?.state === 'error' && h;
      }, 10_000, 'auth error');
      expect(health.error!.reason).toMatch(/IMAP login to .* was refused: check the user name and password/);
      const at = (await store.connectors.get<{ error: { at: number } }>(`email/health/${account.id}`))!.error.at;
      await new Promise((r) => setTimeout(r, 1_000));
      // Still the same failure: no second attempt within the auth retry delay.
      expect((await store.connectors.get<{ error: { at: number } }>(`email/health/${account.id}`))!.error.at).toBe(at);
    } finally {
      await runner.close();
    }
  });
});
