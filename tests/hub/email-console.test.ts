import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src-shared/api';
import { makeAgents } from '../../src-main/core/seed/people';
import { startDesktop, waitFor, type Desktop } from '../support/desktop-core';
import { ANSWERED_ELSEWHERE } from '../support/answered-elsewhere';
import { startMailTeamHub, type MailTeamHub } from '../support/mail-team-hub';
import { replicaRow } from '../support/replica-rows';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

/**
 * The console's side of the email channel against a real hub process with a connected mailbox
 * (Dovecot for IMAP, an SMTP sink): a refused send's reason and Retry, and the Mail health panel's
 * calls (what the hub reports, who may resync, an unreachable hub).
 */
let sink: SmtpSink;
let mail: MailTeamHub;
/** A supervisor's desktop, and a plain agent's. */
let desk: Desktop;
let agentDesk: Desktop;

const roleOf = (email: string) => makeAgents().find((a) => a.email === email)?.role;
const caughtUp = (d: Desktop) =>
  waitFor(async () => {
    const s = await d.api.call('sync.state', {});
    return s.status === 'online' && s.catchUp === null;
  }, 20_000, 'the desktop to catch up');

beforeAll(async () => {
  sink = await startSmtpSink();
  mail = await startMailTeamHub({ conversations: 60, smtpPort: sink.port });
  const supervisor = mail.agents.find((a) => roleOf(a.email) === 'supervisor')!;
  const agent = mail.agents.find((a) => roleOf(a.email) === 'agent')!;
  desk = await startDesktop({ teamHub: { hubUrl: mail.hub.url, email: supervisor.email, password: supervisor.password } });
  agentDesk = await startDesktop({ teamHub: { hubUrl: mail.hub.url, email: agent.email, password: agent.password } });
  await caughtUp(desk);
  await caughtUp(agentDesk);
});

afterAll(async () => {
  await desk?.close();
  await agentDesk?.close();
  await mail?.close();
  await sink?.close();
});

const apiErrorKind = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e instanceof ApiError ? e.kind : `not an ApiError: ${String(e)}`));

const messageRow = (id: number) => replicaRow(desk.core.db, 'message', id) as { deliveryStatus: string; deliveryError: string | null; externalId: string | null } | undefined;

describe('a refused email reply', () => {
  it('shows the server’s reason on the desktop, and Retry delivers it exactly once with its Message-ID', async () => {
    // An open email conversation and the address its reply goes to (the customer's first email identity).
    const target = desk.core.db.$client
      .prepare(
        `SELECT c.id AS conversationId, (SELECT value FROM customer_identity i WHERE i.customer_id = c.customer_id AND i.kind = 'email' ORDER BY i.id LIMIT 1) AS address
         FROM conversation c WHERE c.channel = 'email' AND c.status = 'open' AND address IS NOT NULL ORDER BY c.id LIMIT 1`,
      )
      .get() as { conversationId: number; address: string };
    sink.refuse.add(target.address);

    await desk.api.call('mutate', { name: 'reply', args: { conversationId: target.conversationId, text: 'Your exchange is approved: the new size ships tomorrow.' } });
    const id = desk.core.db.$client.prepare("SELECT max(id) FROM message WHERE conversation_id = ? AND direction = 'outbound'").pluck().get(target.conversationId) as number;

    const failed = await waitFor(() => messageRow(id)?.deliveryStatus === 'failed' && messageRow(id), 20_000, 'the refusal to reach the desktop');
    expect(failed.deliveryError).toMatch(/550.*User unknown/);
    expect(sink.received.filter((r) => r.to.includes(target.address))).toHaveLength(0);
    const header = failed.externalId!;
    expect(header).toMatch(/^<outpost\./);

    // A retry of something not failed is refused with a reason, and changes nothing.
    const other = desk.core.db.$client.prepare("SELECT id FROM message WHERE direction = 'inbound' LIMIT 1").pluck().get() as number;
    await expect(desk.api.call('mutate', { name: 'retrySend', args: { messageId: other } })).rejects.toThrow(/only an email reply/);

    sink.refuse.delete(target.address);
    await desk.api.call('mutate', { name: 'retrySend', args: { messageId: id } });
    // Optimistic: queued at once, the old reason gone.
    expect(messageRow(id)).toMatchObject({ deliveryStatus: 'queued', deliveryError: null });

    const sent = await waitFor(() => messageRow(id)?.deliveryStatus === 'sent' && messageRow(id), 20_000, 'the retried reply to be sent');
    expect(sent).toMatchObject({ deliveryError: null, externalId: header });
    const got = sink.received.filter((r) => r.to.includes(target.address));
    expect(got).toHaveLength(1);
    expect((await simpleParser(got[0]!.raw)).messageId).toBe(header);

    // Nothing more goes out later (the job is done, not rescheduled).
    await new Promise((r) => setTimeout(r, 1_500));
    expect(sink.received.filter((r) => r.to.includes(target.address))).toHaveLength(1);
  });
});

describe('an answer an agent sent from their own mail program', () => {
  it('reaches the desktop as the shop’s outbound reply in the customer’s conversation, which waits for the customer', async () => {
    const sql = desk.core.db.$client;
    type Row = { id: number; status: string; firstResponseAt: number | null; direction: string; authorAgentId: number | null; deliveryStatus: string; at: number };
    const rows = () =>
      sql
        .prepare(
          `SELECT c.id, c.status, c.first_response_at AS firstResponseAt, m.direction, m.author_agent_id AS authorAgentId, m.delivery_status AS deliveryStatus, m.created_at AS at
           FROM conversation c JOIN message m ON m.conversation_id = c.id WHERE c.subject = ? ORDER BY m.created_at`,
        )
        .all(ANSWERED_ELSEWHERE.subject) as Row[];
    const thread = await waitFor(() => rows().length === 2 && rows(), 20_000, 'the mailbox thread on the desktop');
    expect(new Set(thread.map((r) => r.id)).size).toBe(1);
    expect(thread.map((r) => [r.direction, r.authorAgentId, r.deliveryStatus])).toEqual([['inbound', null, 'received'], ['outbound', null, 'sent']]);
    expect(thread[0]).toMatchObject({ status: 'pending', firstResponseAt: thread[1]!.at });
    // The shop's address is never a customer.
    expect(sql.prepare('SELECT count(*) FROM customer_identity WHERE value = ?').pluck().get(mail.address)).toBe(0);
  });
});

describe('Mail health from the desktop', () => {
  it('reports the hub’s account: address, state, folders, outbound queue', async () => {
    const health = await waitFor(async () => {
      const h = await agentDesk.api.call('mail.health', {});
      return h.accounts[0]?.lastSyncAt && h;
    }, 20_000, 'the first mail sync');
    expect(health.hub).toEqual({ mode: 'team', url: mail.hub.url });
    expect(health.accounts).toHaveLength(1);
    expect(health.accounts[0]).toMatchObject({ accountId: 'support', address: mail.address, state: 'connected', error: null, folders: [{ mailbox: 'INBOX' }, { mailbox: 'Sent' }] });
    expect(health.accounts[0]!.outbound).toMatchObject({ queued: 0 });
  });

  it('lets a supervisor resync, and tells an agent it is not theirs to do', async () => {
    expect(await apiErrorKind(agentDesk.api.call('mail.resync', { accountId: 'support' }))).toBe('auth');
    await expect(agentDesk.api.call('mail.resync', { accountId: 'support' })).rejects.toThrow(/supervisor or an admin/);
    expect(await desk.api.call('mail.resync', { accountId: 'support' })).toEqual({ ok: true });
    expect(await apiErrorKind(desk.api.call('mail.resync', { accountId: 'nope' }))).toBe('rejected');
    // The account syncs again from scratch and comes back.
    await waitFor(async () => (await desk.api.call('mail.health', {})).accounts[0]?.state === 'connected', 20_000, 'the resync to finish');
  });

  it('says the hub cannot be reached when it is down', async () => {
    await mail.hub.stop();
    expect(await apiErrorKind(desk.api.call('mail.health', {}))).toBe('unavailable');
  });
});
