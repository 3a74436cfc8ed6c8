import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub } from '../../src-server/hub';
import { mutationEntityId } from '../../src-shared/sync/ids';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startTcpProxy } from '../support/tcp-proxy';
import { folderMessageIds, jobOf, messageOf, prepareMailbox, SHOP, shopAccount, storeBlob, THREAD_IDS } from './email-send-fixtures';
import { waitFor } from '../support/desktop-core';
import { HUB_STORES, startTestHub, type TestHub } from './server-fixtures';

const FAST = { outbound: { baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 5 } };
/** Retries far off: what happens next is up to the restarted hub. */
const SLOW = { outbound: { baseDelayMs: 60_000, maxDelayMs: 60_000, maxAttempts: 5 } };

let dovecot: Dovecot;
let sink: SmtpSink;
beforeAll(async () => {
  dovecot = await startDovecot();
  dovecot.addUser(SHOP.user, SHOP.password);
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
  await dovecot?.stop();
});

describe.each(HUB_STORES)('email replies go out over SMTP ($name)', (kind) => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub(kind, FAST);
    await prepareMailbox(t.store, shopAccount(dovecot, sink.port));
  });
  afterAll(async () => t?.close());

  it('sends a threaded reply from the shop with its HTML and attachment, files it in Sent, marks it sent for every desktop', async () => {
    const pdf = Buffer.from('%PDF-1.4 invoice 1042\n');
    const hash = await storeBlob(t.store, pdf, 'application/pdf');
    const d = await t.signedIn('agent');
    const before = sink.received.length;
    const [m] = d.mutations({ name: 'reply', args: { conversationId: 11, text: 'It ships **tomorrow**.', html: '<p>It ships <strong>tomorrow</strong>.</p>', attachments: [{ filename: 'invoice.pdf', mimeType: 'application/pdf', size: pdf.length, contentHash: hash }] } });
    expect((await d.push([m!])).body.results).toEqual([{ id: m!.id, ok: true }]);
    const id = mutationEntityId(d.session!.clientNo, m!.id, 0);

    // The Message-ID exists before any attempt: on the message and in its job, committed with the push.
    const header = (await messageOf(t.store, id))!.externalId!;
    expect(header).toMatch(/^<outpost\.\d+\.[0-9a-f]+@northwind\.test>$/);

    const sent = await waitFor(async () => (await messageOf(t.store, id))?.deliveryStatus === 'sent' && messageOf(t.store, id), 15_000, 'the message marked sent');
    expect(sent.externalId).toBe(header);
    expect(await jobOf(t.store, id)).toBeUndefined();
    expect(sink.received.length).toBe(before + 1);

    const got = sink.received.at(-1)!;
    expect(got.to).toEqual(['grace@example.test']);
    const mail = await simpleParser(got.raw);
    expect(mail.messageId).toBe(header);
    expect(mail.from?.value).toEqual([{ address: SHOP.address, name: 'Northwind Support' }]);
    expect(mail.subject).toBe('Re: Order question 11');
    expect(mail.inReplyTo).toBe(THREAD_IDS[1]);
    expect(mail.references).toEqual(THREAD_IDS);
    expect(mail.text?.trim()).toBe('It ships tomorrow.');
    expect(mail.html).toContain('<strong>tomorrow</strong>');
    expect(mail.attachments.map((a) => [a.filename, a.contentType, a.content.equals(pdf)])).toEqual([['invoice.pdf', 'application/pdf', true]]);
    expect(await folderMessageIds(dovecot, 'Sent')).toContain(header);

    // Desktops learn it through the normal change feed.
    const pulled = await d.pullAll();
    expect(pulled.changes.find((c) => c.kind === 'message' && c.id === String(id))).toMatchObject({ data: { deliveryStatus: 'sent', externalId: header } });
  });
});

describe('email send failures and restarts (SQLite)', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub(HUB_STORES[0]!, SLOW);
    await prepareMailbox(t.store, shopAccount(dovecot, sink.port));
  });
  afterAll(async () => t?.close());

  it('marks a reply the server refuses with 550 as failed, with the reason, and sends nothing else', async () => {
    sink.refuse.add('grace@example.test');
    try {
      const d = await t.signedIn('agent');
      const [m] = d.mutations({ name: 'reply', args: { conversationId: 11, text: 'Refund issued.' } });
      await d.push([m!]);
      const id = mutationEntityId(d.session!.clientNo, m!.id, 0);
      await waitFor(async () => (await messageOf(t.store, id))?.deliveryStatus === 'failed', 15_000, 'the message marked failed');
      const job = (await jobOf(t.store, id))!;
      expect(job.state).toBe('failed');
      expect(job.attempts).toBe(1);
      expect(job.lastError?.reason).toMatch(/^refused by the mail server: 550 .*User unknown/);
    } finally {
      sink.refuse.clear();
    }
  });

  it('resumes after a restart when the connection died after DATA: finds the copy in Sent and never sends twice', async () => {
    // The SMTP server takes the message, files it in Sent itself (as Gmail does), and the line dies before it answers.
    const proxy = await startTcpProxy(sink.port);
    const proxyPort = Number(new URL(proxy.url).port);
    await t.store.connectors.put('email/account/shop', shopAccount(dovecot, proxyPort));
    sink.onMessage = async (raw) => {
      await dovecot.append(SHOP.user, SHOP.password, 'Sent', [raw]);
      await proxy.cut();
    };
    try {
      const d = await t.signedIn('agent');
      const before = sink.received.length;
      const [m] = d.mutations({ name: 'reply', args: { conversationId: 11, text: 'On its way.' } });
      await d.push([m!]);
      const id = mutationEntityId(d.session!.clientNo, m!.id, 0);
      const stuck = await waitFor(async () => {
        const j = await jobOf(t.store, id);
        return j?.state === 'sending' && j.lastError !== null && j;
      }, 15_000, 'an attempt with an unknown outcome');
      expect(stuck.lastError!.reason).toMatch(/connection ended before the mail server confirmed/);
      expect(sink.received.length).toBe(before + 1);

      // The hub goes down before its retry; a new one on the same store, past the retry time, picks the job up.
      await t.hub.close();
      expect((await jobOf(t.store, id))?.state).toBe('sending');
      sink.onMessage = null;
      await proxy.restore();
      const again = await startHub({ store: t.store, now: () => Date.now() + 120_000, ...FAST });
      try {
        await waitFor(async () => (await messageOf(t.store, id))?.deliveryStatus === 'sent', 15_000, 'the message marked sent');
        expect(sink.received.length).toBe(before + 1);
        expect((await folderMessageIds(dovecot, 'Sent')).filter((h) => h === stuck.messageIdHeader)).toHaveLength(1);
      } finally {
        await again.close();
      }
    } finally {
      sink.onMessage = null;
      await proxy.close();
    }
  });
});
