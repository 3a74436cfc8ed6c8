import { createHash } from 'node:crypto';
import type { EmailAccount } from '../../src-server/channels/email/account';
import { accountKey } from '../../src-server/channels/email/account';
import type { OutboundJob } from '../../src-server/channels/email/outbound/outbound-job';
import { outboundKey } from '../../src-server/channels/email/outbound/outbound-job';
import type { HubStore } from '../../src-server/store/contract';
import type { MessageRow } from '../../src-shared/sync/rows';
import { toEntity } from '../../src-shared/sync/rows';
import type { Dovecot } from '../support/dovecot';
import { messageRow } from './store-rows';

export const SHOP = { user: 'shop', password: 'counter top', address: 'support@northwind.test' };
/** The customer's earlier mails on conversation 11 (seeded by server-fixtures), oldest first. */
export const THREAD_IDS = ['<first-question@example.test>', '<second-question@example.test>'];

export function shopAccount(dovecot: Dovecot, smtpPort: number): EmailAccount {
  return {
    id: 'shop',
    host: dovecot.host,
    port: dovecot.imapPort,
    security: 'none',
    user: SHOP.user,
    auth: { kind: 'password', password: SHOP.password },
    folders: ['INBOX'],
    sentFolder: 'Sent',
    smtp: { host: '127.0.0.1', port: smtpPort, security: 'none' },
    fromAddress: SHOP.address,
    fromName: 'Northwind Support',
    disabled: false,
    createdAt: 1,
  };
}

/** Gives conversation 11's two seeded inbound messages their Message-IDs, and registers the sending account. */
export async function prepareMailbox(store: HubStore, account: EmailAccount): Promise<void> {
  await store.connectors.put(accountKey(account.id), account);
  await store.write(async (tx) => {
    await tx.put([101, 102].map((id, i) => toEntity('message', { ...messageRow(id, 11), externalId: THREAD_IDS[i]! } satisfies MessageRow)));
  });
}

export async function storeBlob(store: HubStore, body: Buffer, mimeType: string): Promise<string> {
  const hash = createHash('sha256').update(body).digest('hex');
  await store.blobs.put(hash, mimeType, body);
  return hash;
}

export async function messageOf(store: HubStore, id: number): Promise<MessageRow | undefined> {
  return (await store.getEntities([{ kind: 'message', id: String(id) }])).get(`message/${id}`)?.data as MessageRow | undefined;
}
export const jobOf = (store: HubStore, id: number) => store.connectors.get<OutboundJob>(outboundKey(id));


/** Message-IDs in a Dovecot folder (empty when the folder does not exist). */
export async function folderMessageIds(dovecot: Dovecot, folder: string): Promise<string[]> {
  const c = await dovecot.client(SHOP.user, SHOP.password);
  try {
    if (!(await c.list()).some((f) => f.path === folder)) return [];
    const lock = await c.getMailboxLock(folder, { readOnly: true });
    try {
      const ids: string[] = [];
      for await (const m of c.fetch('1:*', { envelope: true })) if (m.envelope?.messageId) ids.push(m.envelope.messageId);
      return ids;
    } finally {
      lock.release();
    }
  } catch (e) {
    if (/Mailbox is empty|Invalid messageset/i.test((e as Error).message)) return [];
    throw e;
  } finally {
    await c.logout();
  }
}
