import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesktop, waitFor, type Desktop } from '../support/desktop-core';
import { startMailTeamHub, type MailTeamHub } from '../support/mail-team-hub';
import { replicaRow } from '../support/replica-rows';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

/**
 * A failed send end to end: a hub process with a connected mailbox, its SMTP server refusing the
 * customer (550), a desktop that sees why, and Retry getting the same reply out exactly once.
 */
let sink: SmtpSink;
let mail: MailTeamHub;
let desk: Desktop;

beforeAll(async () => {
  sink = await startSmtpSink();
  mail = await startMailTeamHub({ conversations: 60, smtpPort: sink.port });
  const agent = mail.agents[0]!;
  desk = await startDesktop({ teamHub: { hubUrl: mail.hub.url, email: agent.email, password: agent.password } });
  await waitFor(async () => (await desk.api.call('sync.state', {})).status === 'online' && (await desk.api.call('sync.state', {})).catchUp === null, 20_000, 'the desktop to catch up');
});

afterAll(async () => {
  await desk?.close();
  await mail?.close();
  await sink?.close();
});

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
