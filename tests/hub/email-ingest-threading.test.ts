import { describe, expect, it } from 'vitest';
import { emailRefs } from '../../src-server/channels/email/ingest/email-refs';
import { toEntity, type MessageRow } from '../../src-shared/sync/rows';
import { AGENT, DAY, NOW, rawMail, useIngestStore } from './email-ingest-fixtures';
import { HUB_STORES } from './server-fixtures';

/** Outlook's Thread-Index: 22 bytes of thread root, then 5 bytes per reply. */
const ROOT = Buffer.from('01d9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d', 'hex');
const threadIndex = (replies: number) => Buffer.concat([ROOT, Buffer.alloc(5 * replies, 7)]).toString('base64');

describe.each(HUB_STORES)('email threading on $name', (kind) => {
  const h = useIngestStore(kind);

  /** What the outbound queue does when it sends an agent's reply: the message, its Message-ID ref. */
  async function agentReply(conversationId: number, id: number, messageId: string, at: number) {
    const row: MessageRow = { id, conversationId, direction: 'outbound', channel: 'email', authorAgentId: AGENT, text: 'We are on it.', html: null, attachmentsJson: '[]', externalId: `<${messageId}>`, deliveryStatus: 'sent', createdAt: at, threadReason: null, deliveryError: null, autoKind: null, mailboxFlagsJson: null, mailboxRemovedAt: null };
    await h().store.write(async (tx) => {
      await tx.put([toEntity('message', row)]);
      await tx.putRefs([{ ref: emailRefs.messageId(messageId), kind: 'message', id: String(id) }]);
    });
  }

  it('threads a Gmail reply by In-Reply-To, reopens the solved conversation and notifies its assignee', async () => {
    const first = await h().ingest(rawMail({ from: 'Grace Hopper <Grace@Example.com>', subject: 'Where is my parcel?', messageId: 'CAF=first@mail.gmail.com', body: 'Hi, order #1001 has not arrived yet.' }));
    expect(first).toMatchObject({ kind: 'new-conversation', reason: 'New conversation: no reference, Thread-Index or recent subject matched' });
    const c = await h().conversation(first.conversationId!);
    expect(c).toMatchObject({ channel: 'email', status: 'open', subject: 'Where is my parcel?', category: 'shipping_status', messageCount: 1, slaFirstResponseDueAt: NOW + DAY });
    await h().store.write((tx) => tx.put([toEntity('conversation', { ...c, status: 'solved', resolvedAt: NOW + 1000, assigneeId: AGENT })]));
    await agentReply(c.id, 9_000_001, 'reply-1@shop.test', NOW + 1000);

    const reply = await h().ingest(
      rawMail({
        from: 'Grace Hopper <grace@example.com>',
        subject: 'Re: Where is my parcel?',
        messageId: 'CAF=second@mail.gmail.com',
        inReplyTo: 'reply-1@shop.test',
        references: '<CAF=first@mail.gmail.com> <reply-1@shop.test>',
        body: 'It arrived, thanks!\n\nOn Fri, 20 Nov 2026 at 10:00, Northwind Support <support@shop.test> wrote:\n> We are on it.',
      }),
      NOW + 2 * 3600_000,
    );
    expect(reply).toMatchObject({ kind: 'threaded', conversationId: c.id, reason: `In-Reply-To <reply-1@shop.test> is a message of #${c.id}` });
    expect(await h().conversation(c.id)).toMatchObject({ status: 'open', resolvedAt: null, messageCount: 2, preview: 'It arrived, thanks!', lastActivityAt: NOW + 2 * 3600_000 });
    expect((await h().message(reply.messageId!)).threadReason).toBe(reply.reason);
    const notes = await h().store.scanKind('notification', '', 10);
    expect(notes.map((n) => n.data)).toEqual([expect.objectContaining({ agentId: AGENT, kind: 'reply', conversationId: c.id, messageId: reply.messageId })]);
    expect(notes[0]!.audience).toBe(AGENT);
  });

  it('threads an Outlook reply by Thread-Index although the subject changed and no In-Reply-To came', async () => {
    const first = await h().ingest(rawMail({ from: 'Jan Müller <jan@firma.de>', subject: 'Rechnung fehlt', headers: [`Thread-Topic: Rechnung fehlt`, `Thread-Index: ${threadIndex(0)}`], body: 'Guten Tag, mir fehlt die Rechnung.' }));
    const second = await h().ingest(
      rawMail({
        from: 'Jan Müller <jan@firma.de>',
        subject: 'AW: Rechnung fehlt (Bestellung 2002)',
        headers: [`Thread-Topic: Rechnung fehlt`, `Thread-Index: ${threadIndex(2)}`],
        body: 'Noch eine Frage.\r\n\r\nFrom: Northwind Support <support@shop.test>\r\nSent: Friday, November 20, 2026 10:00 AM\r\nTo: Jan Müller <jan@firma.de>\r\nSubject: RE: Rechnung fehlt\r\n\r\nWe will send it.',
      }),
      NOW + 60_000,
    );
    expect(second).toMatchObject({ kind: 'threaded', conversationId: first.conversationId, reason: `Outlook Thread-Index of #${first.conversationId}` });
    expect((await h().conversation(first.conversationId!)).preview).toBe('Noch eine Frage.');
    expect((await h().message(second.messageId!)).text).toContain('Sent: Friday'); // folded in the console, but kept
  });

  it('threads an Apple Mail reply by References and a forward by its recent subject, never across customers', async () => {
    const first = await h().ingest(rawMail({ from: 'Ada <ada@icloud.test>', subject: 'Wrong size', messageId: 'A1B2@icloud.test', body: 'The shoes are too small, can I exchange them?' }));
    const apple = await h().ingest(rawMail({ from: 'Ada <ada@icloud.test>', subject: 'Re: Wrong size', messageId: 'A1B3@icloud.test', references: '<unknown@elsewhere.test> <A1B2@icloud.test>', body: 'Size 39 please.\n\n> The shoes are too small' }), NOW + 1000);
    expect(apple).toMatchObject({ kind: 'threaded', conversationId: first.conversationId, reason: `References <A1B2@icloud.test> is a message of #${first.conversationId}` });
    const forward = await h().ingest(rawMail({ from: 'Ada <ada@icloud.test>', subject: 'Fwd: WG: [#1234] Wrong size', body: '---------- Forwarded message ---------\nFrom: Ada\n\nsee below' }), NOW + 3 * DAY);
    expect(forward).toMatchObject({ kind: 'threaded', conversationId: first.conversationId });
    expect(forward.reason).toContain('same subject "wrong size" from the same customer');

    // Another customer, same subject, even quoting Ada's Message-ID: a conversation of their own.
    const other = await h().ingest(rawMail({ from: 'Eve <eve@example.org>', subject: 'Re: Wrong size', inReplyTo: 'A1B2@icloud.test', body: 'Me too!' }), NOW + 3 * DAY);
    expect(other.kind).toBe('new-conversation');
    expect(other.reason).toBe(`New conversation: In-Reply-To <A1B2@icloud.test> points to #${first.conversationId}, but #${first.conversationId} belongs to another customer`);
    expect((await h().conversation(other.conversationId!)).customerId).not.toBe((await h().conversation(first.conversationId!)).customerId);
  });

  it('starts a new conversation for the same subject after 30 quiet days', async () => {
    const first = await h().ingest(rawMail({ from: 'kim@example.net', subject: 'Question about the blender', body: 'Is it dishwasher safe?' }));
    const later = await h().ingest(rawMail({ from: 'kim@example.net', subject: 'Question about the blender', body: 'Another one.' }), NOW + 30 * DAY);
    expect(later.kind).toBe('new-conversation');
    expect(later.reason).toBe(`New conversation: same subject as #${first.conversationId}, but #${first.conversationId} has been quiet for more than 14 days`);
    expect(await h().conversation(later.conversationId!)).toMatchObject({ category: 'product_questions', status: 'open' });
  });

  it('files an auto-reply without reopening, and a bounce DSN as a solved, tagged conversation', async () => {
    const first = await h().ingest(rawMail({ from: 'lou@example.com', subject: 'Refund please', messageId: 'lou-1@example.com', body: 'I want a refund.' }));
    const c = await h().conversation(first.conversationId!);
    await h().store.write((tx) => tx.put([toEntity('conversation', { ...c, status: 'solved', resolvedAt: NOW + 10, assigneeId: AGENT })]));
    const before = (await h().store.scanKind('notification', '', 100)).length;
    const ooo = await h().ingest(rawMail({ from: 'lou@example.com', subject: 'Automatic reply: Refund please', inReplyTo: 'lou-1@example.com', headers: ['Auto-Submitted: auto-replied', 'X-Autoreply: yes'], body: 'I am out of office until Monday.' }), NOW + DAY);
    expect(ooo.kind).toBe('threaded');
    expect(ooo.reason).toMatch(/^Automatic reply \(Auto-Submitted: auto-replied\)\. In-Reply-To/);
    expect(await h().conversation(c.id)).toMatchObject({ status: 'solved', messageCount: 2, preview: c.preview, lastActivityAt: c.lastActivityAt });
    expect((await h().store.scanKind('notification', '', 100)).length).toBe(before);

    const bounce = await h().ingest(
      rawMail({
        from: 'Mail Delivery System <MAILER-DAEMON@mx.example.com>',
        subject: 'Undelivered Mail Returned to Sender',
        contentType: 'multipart/report; report-type=delivery-status; boundary="b1"',
        body: '--b1\nContent-Type: text/plain\n\nThis is the mail system. Your message could not be delivered.\n--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.com\n\nFinal-Recipient: rfc822; nobody@example.com\nAction: failed\nStatus: 5.1.1\n--b1--',
      }),
    );
    expect(bounce.kind).toBe('new-conversation');
    expect(bounce.reason).toMatch(/^Delivery failure report \(Content-Type: multipart\/report/);
    expect(await h().conversation(bounce.conversationId!)).toMatchObject({ status: 'solved', slaFirstResponseDueAt: null });
    expect((await h().store.getEntities([{ kind: 'conversation_tag', id: `${bounce.conversationId}:bounce` }])).size).toBe(1);
  });

  it('wakes a conversation snoozed until the customer replies, but an older backfilled mail changes nothing', async () => {
    const first = await h().ingest(rawMail({ from: 'sam@example.com', subject: 'Cancel my order', messageId: 'sam-1@example.com', body: 'Please cancel.' }), NOW);
    const c = await h().conversation(first.conversationId!);
    await h().store.write((tx) => tx.put([toEntity('conversation', { ...c, status: 'snoozed', snoozedUntilReply: true })]));
    const older = await h().ingest(rawMail({ from: 'sam@example.com', subject: 'Re: Cancel my order', inReplyTo: 'sam-1@example.com', date: 'Thu, 19 Nov 2026 09:00:00 +0000', body: 'Earlier note.' }), NOW - DAY);
    expect(older.kind).toBe('threaded');
    expect(await h().conversation(c.id)).toMatchObject({ status: 'snoozed', preview: 'Please cancel.', messageCount: 2 });
    await h().ingest(rawMail({ from: 'sam@example.com', subject: 'Re: Cancel my order', inReplyTo: 'sam-1@example.com', body: 'Any news?' }), NOW + DAY);
    expect(await h().conversation(c.id)).toMatchObject({ status: 'open', snoozedUntilReply: false, preview: 'Any news?', messageCount: 3 });
  });

  it('recognises re-fetched mail, mail without a Message-ID, and a reused Message-ID with other content', async () => {
    const raw = rawMail({ from: 'dup@example.com', subject: 'Hello', messageId: 'same@example.com', body: 'One.' });
    const first = await h().ingest(raw);
    expect(await h().ingest(raw)).toEqual({ kind: 'duplicate', conversationId: first.conversationId, messageId: first.messageId, reason: `Already stored as message #${first.messageId} (same content, Message-ID <same@example.com>)` });

    const reused = await h().ingest(rawMail({ from: 'dup@example.com', subject: 'Hello', messageId: 'same@example.com', body: 'Two, a different mail.' }), NOW + 1);
    expect(reused.kind).toBe('threaded');
    expect(reused.messageId).not.toBe(first.messageId);
    expect(reused.reason).toContain(`Message-ID <same@example.com> is already used by message #${first.messageId} with different content`);
    expect((await h().ingest(rawMail({ from: 'dup@example.com', subject: 'Hello', messageId: 'same@example.com', body: 'Two, a different mail.' }))).kind).toBe('duplicate');

    const bare = rawMail({ from: 'dup@example.com', subject: 'No id', messageId: null, body: 'Sent by an old script.' });
    const noId = await h().ingest(bare);
    expect(noId.reason).toMatch(/^No Message-ID: identified by a hash/);
    expect((await h().message(noId.messageId!)).externalId).toBeNull();
    expect((await h().ingest(bare)).kind).toBe('duplicate');
    expect(await h().conversation(first.conversationId!)).toMatchObject({ messageCount: 2 });
  });

  it('finds the customer of a known address by its ref, case-insensitively', async () => {
    const a = await h().ingest(rawMail({ from: 'Zoe <zoe@example.com>', subject: 'First', body: 'a' }));
    const b = await h().ingest(rawMail({ from: 'ZOE@EXAMPLE.COM', subject: 'Second topic', body: 'b' }));
    expect((await h().conversation(b.conversationId!)).customerId).toBe((await h().conversation(a.conversationId!)).customerId);
    expect((await h().store.getEntities([{ kind: 'customer', id: String((await h().conversation(a.conversationId!)).customerId) }])).values().next().value?.data).toMatchObject({ name: 'Zoe' });
  });
});
