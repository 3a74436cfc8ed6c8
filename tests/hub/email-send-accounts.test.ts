import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountKey, type EmailAccount } from '../../src-server/channels/email/account';
import { syncAccountOnce } from '../../src-server/channels/email/imap/account-sync';
import { NO_SENDING_ACCOUNT } from '../../src-server/channels/email/outbound/sending-account';
import type { HubStore } from '../../src-server/store/contract';
import { mutationEntityId } from '../../src-shared/sync/ids';
import type { MessageRow } from '../../src-shared/sync/rows';
import { startDovecot, testMessage, type Dovecot } from '../support/dovecot';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { jobOf, messageOf } from './email-send-fixtures';
import { waitFor } from '../support/desktop-core';
import { HUB_STORES, startTestHub, type TestHub } from './server-fixtures';

const FAST = { outbound: { baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 5 } };

let dovecot: Dovecot;
let sink: SmtpSink;
beforeAll(async () => {
  dovecot = await startDovecot();
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
  await dovecot?.stop();
});

/** A support mailbox on the test Dovecot that sends through the sink. `a-…` sorts first: the fallback. */
function account(id: string, address: string): EmailAccount {
  dovecot.addUser(id, `pw-${id}-long`);
  return {
    id,
    host: dovecot.host,
    port: dovecot.imapPort,
    security: 'none',
    user: id,
    auth: { kind: 'password', password: `pw-${id}-long` },
    folders: ['INBOX'],
    sentFolder: null,
    smtp: { host: '127.0.0.1', port: sink.port, security: 'none' },
    fromAddress: address,
    fromName: `Northwind ${id}`,
    disabled: false,
    createdAt: 1,
  };
}

async function messageByExternalId(store: HubStore, externalId: string): Promise<MessageRow> {
  return (await store.scanKind('message', '', 10_000)).map((e) => e.data as MessageRow).find((m) => m.externalId === externalId)!;
}

async function reply(t: TestHub, conversationId: number, text: string): Promise<number> {
  const d = await t.signedIn('agent');
  const [m] = d.mutations({ name: 'reply', args: { conversationId, text } });
  expect((await d.push([m!])).body.results).toEqual([{ id: m!.id, ok: true }]);
  return mutationEntityId(d.session!.clientNo, m!.id, 0);
}

const sentTo = async (store: HubStore, id: number) => {
  await waitFor(async () => (await messageOf(store, id))?.deliveryStatus === 'sent', 15_000, 'the reply marked sent');
  const header = (await messageOf(store, id))!.externalId!;
  const got = sink.received.find((r) => r.raw.toString('utf8').includes(header))!;
  return { envelopeFrom: got.from, to: got.to, from: (await simpleParser(got.raw)).from?.value[0]?.address };
};

describe('a reply goes out through the account its conversation came in on (SQLite)', () => {
  let t: TestHub;
  let shop: EmailAccount;
  let returns: EmailAccount;
  beforeAll(async () => {
    shop = account('a-shop', 'support@northwind.test');
    returns = account('b-returns', 'returns@northwind.test');
    t = await startTestHub(HUB_STORES[0]!, FAST);
    await t.store.connectors.put(accountKey(shop.id), shop);
    await t.store.connectors.put(accountKey(returns.id), returns);
  });
  afterAll(async () => t?.close());

  it('answers mail that came to the second account from that account, and mail of the first from the first', async () => {
    await dovecot.deliver(returns.id, testMessage(1, { from: 'Rita <rita@customer.example>', subject: 'Return label' }));
    await dovecot.deliver(shop.id, testMessage(2, { from: 'Omar <omar@customer.example>', subject: 'Order status' }));
    expect(await syncAccountOnce(t.store, returns)).toMatchObject({ newConversations: 1, errors: 0 });
    expect(await syncAccountOnce(t.store, shop)).toMatchObject({ newConversations: 1, errors: 0 });
    const toReturns = await messageByExternalId(t.store, '<msg-1@customer.example>');
    const toShop = await messageByExternalId(t.store, '<msg-2@customer.example>');

    const a = await reply(t, toReturns.conversationId, 'Your label is attached.');
    expect(await jobOf(t.store, a)).toMatchObject({ accountId: returns.id });
    expect((await messageOf(t.store, a))!.externalId).toMatch(/@northwind\.test>$/);
    expect(await sentTo(t.store, a)).toEqual({ envelopeFrom: 'returns@northwind.test', to: ['rita@customer.example'], from: 'returns@northwind.test' });

    const b = await reply(t, toShop.conversationId, 'It ships today.');
    expect(await sentTo(t.store, b)).toEqual({ envelopeFrom: 'support@northwind.test', to: ['omar@customer.example'], from: 'support@northwind.test' });
  });

  it('a conversation that never had inbound mail goes out through the first sending account', async () => {
    const id = await reply(t, 11, 'Following up on your order.'); // seeded, no mailbox copy
    expect(await jobOf(t.store, id)).toMatchObject({ accountId: shop.id });
    expect(await sentTo(t.store, id)).toMatchObject({ envelopeFrom: 'support@northwind.test', to: ['grace@example.test'] });
  });

  it('when the account the mail came in on cannot send, the first account that can sends it', async () => {
    const inboxOnly = { ...account('c-inbox', 'info@northwind.test'), smtp: null };
    await t.store.connectors.put(accountKey(inboxOnly.id), inboxOnly);
    await dovecot.deliver(inboxOnly.id, testMessage(3, { from: 'Lea <lea@customer.example>', subject: 'Sizes' }));
    await syncAccountOnce(t.store, inboxOnly);
    const id = await reply(t, (await messageByExternalId(t.store, '<msg-3@customer.example>')).conversationId, 'We have it in M.');
    expect(await sentTo(t.store, id)).toMatchObject({ envelopeFrom: 'support@northwind.test', to: ['lea@customer.example'] });
  });
});

describe('without any sending account (SQLite)', () => {
  let t: TestHub;
  beforeAll(async () => {
    // Retries a minute apart: what sends the reply below is the account appearing, not a timer.
    t = await startTestHub(HUB_STORES[0]!, { outbound: { baseDelayMs: 50, maxDelayMs: 60_000, maxAttempts: 5 } });
  });
  afterAll(async () => t?.close());

  it('the reply stays queued and its job says why; once an account is added it goes out from it', async () => {
    const id = await reply(t, 11, 'Thanks for waiting.');
    const waiting = (await jobOf(t.store, id))!;
    expect(waiting).toMatchObject({ accountId: NO_SENDING_ACCOUNT, state: 'pending', lastError: { reason: expect.stringMatching(/^No mailbox account can send email yet: add one with SMTP settings/) } });
    await new Promise((r) => setTimeout(r, 300));
    expect((await jobOf(t.store, id))!.accountId).toBe(NO_SENDING_ACCOUNT);
    expect((await messageOf(t.store, id))!.deliveryStatus).toBe('queued');
    expect(sink.received.filter((r) => r.raw.toString('utf8').includes(waiting.messageIdHeader))).toHaveLength(0);

    const added = account('d-late', 'hello@late.test');
    await t.store.connectors.put(accountKey(added.id), added);
    // The next commit (any desktop's push) has the queue look again: the job gets the account and is due at once.
    const d = await t.signedIn('colleague');
    await d.push(d.mutations({ name: 'addNote', args: { id: '5d0c7f4e-2b1a-4f7e-9a65-2f1f0b6f3c11', conversationId: 12, body: 'Customer called.' } }));
    expect(await sentTo(t.store, id)).toMatchObject({ envelopeFrom: 'hello@late.test', to: ['grace@example.test'] });
    // The Message-ID made without a domain was made again on the account's before the first attempt.
    expect((await messageOf(t.store, id))!.externalId).toMatch(/^<outpost\.\d+\.[0-9a-f]+@late\.test>$/);
  });
});
