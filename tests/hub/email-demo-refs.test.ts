import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexImportedEmail } from '../../src-server/channels/email/ingest/index-imported';
import { ingestEmail, prepareEmail } from '../../src-server/channels/email/ingest/ingest-email';
import type { HubStore } from '../../src-server/store/contract';
import type { ConversationRow, CustomerIdentityRow, MessageRow } from '../../src-shared/sync/rows';
import { seedTeamStore } from '../support/team-hub';
import { rawMail } from './email-ingest-fixtures';
import { HUB_STORES } from './server-fixtures';

const all = async <T>(store: HubStore, kind: 'conversation' | 'message' | 'customer' | 'customer_identity') => (await store.scanKind(kind, '', 100_000)).map((e) => e.data as T);

describe.each(HUB_STORES)('an imported demo workspace is indexed for email ($name)', (kind) => {
  let store: HubStore;
  let uid = 0;
  const ingest = async (raw: Buffer) => {
    const source = { accountId: 'shop', mailbox: 'INBOX', uid: ++uid, receivedAt: Date.now() };
    const prepared = await prepareEmail(raw, source); // these mails carry no attachments to store first
    return store.write((tx) => ingestEmail(tx, prepared, source));
  };
  /** An open email conversation of the demo, its newest message with a Message-ID, and its customer's address. */
  let demo: { conversation: ConversationRow; message: MessageRow; address: string };

  beforeAll(async () => {
    ({ store } = await kind.open());
    await seedTeamStore(store, { conversations: 80 }); // importReplica, as `npm start`'s embedded hub does
    const identities = await all<CustomerIdentityRow>(store, 'customer_identity');
    const messages = await all<MessageRow>(store, 'message');
    const conversation = (await all<ConversationRow>(store, 'conversation')).find(
      (c) => c.channel === 'email' && c.status !== 'closed' && c.mergedIntoId === null && identities.some((i) => i.customerId === c.customerId && i.kind === 'email'),
    )!;
    demo = {
      conversation,
      message: messages.filter((m) => m.conversationId === conversation.id && m.externalId !== null).sort((a, b) => b.createdAt - a.createdAt)[0]!,
      address: identities.find((i) => i.customerId === conversation.customerId && i.kind === 'email')!.value,
    };
  });
  afterAll(async () => store?.close());

  it('a reply to a seeded message threads into its conversation', async () => {
    const out = await ingest(rawMail({ from: `Demo Customer <${demo.address}>`, subject: 'Re: something else entirely', inReplyTo: demo.message.externalId!.slice(1, -1), body: 'Thanks, that helps.' }));
    expect(out).toMatchObject({ kind: 'threaded', conversationId: demo.conversation.id });
    expect(out.reason).toBe(`In-Reply-To ${demo.message.externalId} is a message of #${demo.conversation.id}`);
  });

  it("a demo customer's first real email belongs to that customer, not to a new one", async () => {
    const customers = (await all(store, 'customer')).length;
    const out = await ingest(rawMail({ from: `Someone <${demo.address.toUpperCase()}>`, subject: `A brand new question ${Date.now()}`, body: 'Do you ship to Norway?' }));
    expect(out.kind).toBe('new-conversation');
    const made = (await store.getEntities([{ kind: 'conversation', id: String(out.conversationId) }])).get(`conversation/${out.conversationId}`)!.data as ConversationRow;
    expect(made.customerId).toBe(demo.conversation.customerId);
    expect((await all(store, 'customer')).length).toBe(customers);
  });

  it('indexing again changes nothing and makes no version for the desktops', async () => {
    const version = await store.version();
    expect(await indexImportedEmail(store)).toBeGreaterThan(0);
    expect(await store.version()).toBe(version);
  });
});
