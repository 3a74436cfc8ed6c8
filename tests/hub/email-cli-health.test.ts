import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { MailHealth } from '../../src-shared/sync/mail-health';
import { mailboxKey, type MailboxState } from '../../src-server/channels/email/account';
import type { ExportedConversation } from '../../src-server/export/jsonl-export';
import { tempDir } from '../support/console-process';
import { waitFor } from '../support/desktop-core';
import { runHubCli as hub } from '../support/hub-process';
import { testMessage } from '../support/dovecot';
import { emailFixtures, recordingIngest } from './email-fixtures';
import { request } from './server-client';
import { HUB_STORES, startTestHub } from './server-fixtures';

const env = emailFixtures();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));


describe('mail on the command line and the health endpoint', () => {
  it('mail sync --once takes one backfill chunk per folder and says how much older mail is left', async () => {
    const dir = tempDir('email-cli-backlog');
    dirs.push(dir);
    const { name, password } = env.user();
    await env.dovecot.append(name, password, 'INBOX', Array.from({ length: 501 }, (_, i) => testMessage(2_000 + i)));
    const args = ['--data', dir, '--host', '127.0.0.1', '--port', String(env.dovecot.imapPort), '--user', name, '--from', 'support@shop.example', '--security', 'none', '--password-stdin'];
    expect((await hub(['mail', 'add', ...args], `${password}\n`)).code).toBe(0);
    expect(JSON.parse((await hub(['mail', 'sync', '--once', '--data', dir])).stdout)).toMatchObject({ fetched: 500, errors: 0, backlog: 1, accounts: [{ id: '1', fetched: 500, backlog: 1 }] });
    expect(JSON.parse((await hub(['mail', 'sync', '--once', '--data', dir])).stdout)).toMatchObject({ fetched: 1, errors: 0, backlog: 0 });
  });

  it('mail add, mail list (no secrets), mail sync --once with a JSON summary', async () => {
    const dir = tempDir('email-cli');
    dirs.push(dir);
    const { name, password } = env.user();
    await env.dovecot.append(name, password, 'INBOX', [testMessage(1), testMessage(2), testMessage(3)]);
    const common = ['--data', dir, '--host', '127.0.0.1', '--port', String(env.dovecot.imapPort), '--user', name, '--from', 'support@shop.example'];

    const refused = await hub(['mail', 'add', ...common.map((a) => (a === '127.0.0.1' ? 'imap.shop.example' : a)), '--security', 'none', '--password-stdin'], `${password}\n`);
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toContain('IMAP security "none" is allowed only on loopback');

    const added = await hub(['mail', 'add', ...common, '--security', 'none', '--password-stdin', '--folders', 'INBOX', '--from-name', 'Shop Support'], `${password}\n`);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toBe(`Added mail account 1: ${name} @ 127.0.0.1:${env.dovecot.imapPort} (none, password), folders INBOX.\n`);

    const synced = await hub(['mail', 'sync', '--once', '--data', dir]);
    expect(synced).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(synced.stdout)).toEqual({ fetched: 3, newConversations: 3, threaded: 0, duplicatesSkipped: 0, errors: 0, backlog: 0, accounts: [{ id: '1', fetched: 3, backlog: 0, error: null }] });
    expect(JSON.parse((await hub(['mail', 'sync', '--once', '--data', dir])).stdout)).toMatchObject({ fetched: 0, newConversations: 0, errors: 0 });

    const listed = await hub(['mail', 'list', '--data', dir]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain(password);
    expect(JSON.parse(listed.stdout)).toMatchObject({ id: '1', from: 'Shop Support <support@shop.example>', sync: { INBOX: { messages: 3, backlog: 0 } } });
    expect(await hub(['mail', 'sync', '--data', dir])).toMatchObject({ code: 2, stderr: expect.stringContaining('needs --once') });
  });

  it('mail add --aliases and mail aliases: the shop\'s replies in Sent are outbound in the export, never a customer', async () => {
    const dir = tempDir('email-cli-aliases');
    dirs.push(dir);
    const { name, password } = env.user();
    const shop = `${name}@example.test`;
    await env.dovecot.append(name, password, 'INBOX', [testMessage(1, { messageId: '<q1@customer.example>' })]);
    const reply = (from: string, id: string) =>
      [`From: Support <${from}>`, 'To: Customer 1 <customer1@customer.example>', 'Subject: Re: Question 1', 'Date: Tue, 14 Nov 2023 22:20:00 GMT', `Message-ID: <${id}@example.test>`, 'In-Reply-To: <q1@customer.example>', '', 'Answered from Outlook.', ''].join('\r\n');
    await env.dovecot.append(name, password, 'Sent', [reply(shop, 'r1'), reply('help@shop.example', 'r2')]);
    const common = ['--data', dir, '--host', '127.0.0.1', '--port', String(env.dovecot.imapPort), '--user', name, '--from', shop, '--security', 'none', '--password-stdin', '--folders', 'INBOX,Sent'];
    expect(await hub(['mail', 'add', ...common, '--aliases', 'bad-address'], `${password}\n`)).toMatchObject({ code: 2, stderr: expect.stringContaining('alias "bad-address" is not an email address') });
    expect((await hub(['mail', 'add', ...common, '--aliases', 'sales@shop.example'], `${password}\n`)).code).toBe(0);
    expect(JSON.parse((await hub(['mail', 'aliases', '--account', '1', '--data', dir])).stdout)).toEqual({ id: '1', from: shop, aliases: ['sales@shop.example'] });
    expect(await hub(['mail', 'aliases', '--account', '1', '--set', 'help@shop.example', '--data', dir])).toMatchObject({ code: 0, stdout: `Mail account 1: the shop's addresses are ${shop}, help@shop.example.\n` });
    expect(JSON.parse((await hub(['mail', 'list', '--data', dir])).stdout)).toMatchObject({ aliases: ['help@shop.example'] });

    expect(JSON.parse((await hub(['mail', 'sync', '--once', '--data', dir])).stdout)).toMatchObject({ fetched: 3, newConversations: 1, threaded: 2, errors: 0 });
    const exported = (await hub(['export', '--format', 'jsonl', '--data', dir])).stdout.trim().split('\n').map((l) => JSON.parse(l) as ExportedConversation);
    expect(exported).toHaveLength(1);
    expect(exported[0]!.customer!.identities.map((i) => i.value)).toEqual(['customer1@customer.example']);
    expect(exported[0]!.messages.map((m) => [m.externalId, m.direction]).sort()).toEqual([
      ['<q1@customer.example>', 'inbound'],
      ['<r1@example.test>', 'outbound'],
      ['<r2@example.test>', 'outbound'],
    ]);
  });

  it('GET /mail/health for any agent, POST /mail/resync for supervisors, on PostgreSQL with the runner in the hub', async () => {
    const rec = recordingIngest();
    const t = await startTestHub(HUB_STORES.find((k) => k.name === 'PostgreSQL')!, { mail: { accountsPollMs: 200, pollMs: 1_000, sync: { ingester: rec.ingester } } });
    try {
      const { name, password, account } = env.user();
      await env.dovecot.append(name, password, 'INBOX', [testMessage(1), testMessage(2)]);
      await t.store.connectors.put(`email/account/${account.id}`, account);
      const agent = await t.signedIn('agent');
      const health = async () => (await request<MailHealth>(t.url, 'GET', '/mail/health', undefined, agent.token)).body;
      await waitFor(async () => (await health()).accounts[0]?.folders[0]?.synced === 2, 10_000, 'both mails synced');
      expect(await health()).toEqual({
        accounts: [
          {
            accountId: account.id,
            address: account.fromAddress,
            state: 'connected',
            lastSyncAt: expect.any(Number),
            backlog: 0,
            folders: [{ mailbox: 'INBOX', messages: 2, synced: 2, backfilling: false, lastSyncAt: expect.any(Number) }],
            error: null,
            skipped: [],
            outbound: { queued: 0, failed: 0, lastError: null },
          },
        ],
        waitingForAccount: 0,
      });
      expect((await request(t.url, 'GET', '/mail/health')).status).toBe(401);
      expect((await request(t.url, 'POST', '/mail/resync', { accountId: account.id }, agent.token)).status).toBe(403);
      const supervisor = await t.signedIn('supervisor');
      expect((await request(t.url, 'POST', '/mail/resync', { accountId: 'nope' }, supervisor.token)).status).toBe(404);
      expect(rec.seen.length).toBe(2);
      expect((await request(t.url, 'POST', '/mail/resync', { accountId: account.id }, supervisor.token)).status).toBe(200);
      // Rebuilt from scratch: every message handed to the ingest again, which skips by Message-ID what it already has.
      await waitFor(() => rec.seen.length >= 4, 10_000, 'the resync to hand both mails to the ingest again');
      expect(rec.times('<msg-1@customer.example>')).toBe(2);
      expect(rec.times('<msg-2@customer.example>')).toBe(2);
      // The folder's count is saved when the cycle ends, a moment after the ingest saw the mails.
      const rebuilt = await waitFor(async () => {
        const s = await t.store.connectors.get<MailboxState>(mailboxKey(account.id, 'INBOX'));
        return s?.messages === 2 && s;
      }, 10_000, 'the rebuilt folder state to be saved');
      expect(rebuilt).toMatchObject({ fetched: 2, backfillBelow: 1, messages: 2 });
    } finally {
      await t.close();
    }
  });
});
