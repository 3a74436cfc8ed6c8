import { afterAll, beforeAll } from 'vitest';
import { ingestEmail, prepareEmail, type IngestOutcome } from '../../src-server/channels/email/ingest/ingest-email';
import { storeAttachmentBodies } from '../../src-server/channels/email/ingest/store-attachments';
import type { HubStore } from '../../src-server/store/contract';
import { toEntity, type ConversationRow, type MessageRow } from '../../src-shared/sync/rows';
import type { HubStoreKind } from './server-fixtures';

export const NOW = Date.UTC(2026, 10, 20, 9, 0);
export const DAY = 86_400_000;
export const AGENT = 7;
export const SHOP = 'support@shop.test';

export interface RawMail {
  from: string;
  subject: string;
  messageId?: string | null;
  to?: string;
  date?: string;
  inReplyTo?: string;
  references?: string;
  headers?: string[];
  contentType?: string;
  body: string;
}

/** A raw RFC 5322 message with CRLF line ends, as an IMAP FETCH BODY[] returns it. */
export function rawMail(m: RawMail): Buffer {
  const lines = [
    `From: ${m.from}`,
    `To: ${m.to ?? `Northwind Support <${SHOP}>`}`,
    `Subject: ${m.subject}`,
    `Date: ${m.date ?? 'Fri, 20 Nov 2026 09:00:00 +0000'}`,
    ...(m.messageId === null ? [] : [`Message-ID: <${m.messageId ?? `${Math.random().toString(36).slice(2)}@mail.example`}>`]),
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`] : []),
    ...(m.references ? [`References: ${m.references}`] : []),
    'MIME-Version: 1.0',
    ...(m.headers ?? []),
    `Content-Type: ${m.contentType ?? 'text/plain; charset=utf-8'}`,
    '',
    m.body,
  ];
  return Buffer.from(lines.join('\r\n').replace(/\r?\n/g, '\r\n'), 'utf8');
}

export interface IngestHarness {
  store: HubStore;
  ingest(raw: Buffer, receivedAt?: number): Promise<IngestOutcome>;
  conversation(id: number): Promise<ConversationRow>;
  message(id: number): Promise<MessageRow>;
}

let uid = 0;
/** A fresh store of `kind` per suite, with one agent, closed after it. */
export function useIngestStore(kind: HubStoreKind): () => IngestHarness {
  let h: IngestHarness | undefined;
  beforeAll(async () => {
    const { store } = await kind.open();
    await store.importEntities([[toEntity('agent', { id: AGENT, name: 'Ines Agent', email: 'ines@team.test', role: 'agent', createdAt: NOW - 100 * DAY })]]);
    const get = async <T>(k: 'conversation' | 'message', id: number) => (await store.getEntities([{ kind: k, id: String(id) }])).get(`${k}/${id}`)!.data as T;
    h = {
      store,
      // As the IMAP engine does: prepare outside the workspace lock, file inside it.
      async ingest(raw, receivedAt = NOW) {
        const source = { accountId: '1', mailbox: 'INBOX', uid: ++uid, receivedAt };
        const prepared = await prepareEmail(raw, source);
        if (prepared.ok) await storeAttachmentBodies(store.blobs, [prepared.attachments]);
        return store.write((tx) => ingestEmail(tx, prepared, source));
      },
      conversation: (id) => get<ConversationRow>('conversation', id),
      message: (id) => get<MessageRow>('message', id),
    };
  });
  afterAll(async () => h?.store.close());
  return () => h!;
}
