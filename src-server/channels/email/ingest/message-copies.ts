import { toEntity, type MessageRow } from '../../../../src-shared/sync/rows';
import type { ConnectorDocs, HubWriteTx } from '../../../store/contract';
import { emailRefs } from './email-refs';
import type { IngestOutcome, IngestSource } from './ingest-email';

/**
 * Where each ingested mail lives in the support mailboxes: the connector doc
 * `email/copies/<messageId>` lists its copies (account, folder, UIDVALIDITY, UID), and a ref per
 * copy (`emailRefs.copy`) leads from a UID the server reports back to the message. The account
 * the mail first came in on is the one its conversation's replies go out through.
 */
export interface MailboxCopy {
  accountId: string;
  mailbox: string;
  uidValidity: string;
  uid: number;
}
export interface MessageCopies {
  /** The account the mail first arrived on: replies to its conversation are sent from it. */
  accountId: string;
  copies: MailboxCopy[];
}

export const COPIES_PREFIX = 'email/copies/';
export const copiesKey = (messageId: number) => `${COPIES_PREFIX}${messageId}`;

const sameFolder = (a: MailboxCopy, b: Pick<MailboxCopy, 'accountId' | 'mailbox'>) => a.accountId === b.accountId && a.mailbox === b.mailbox;

/** Message rows by id, inside the write. */
export async function messagesById(tx: HubWriteTx, ids: number[]): Promise<Map<number, MessageRow>> {
  const found = await tx.getEntities(ids.map((id) => ({ kind: 'message' as const, id: String(id) })));
  return new Map([...found.values()].map((e) => [Number(e.id), e.data as MessageRow]));
}

/**
 * Records, in the ingest's own write, where each filed mail of a fetched batch lives. A mail met
 * again (moved or copied to another synced folder, or the folder rebuilt) gains the copy, takes
 * that copy's flags, and is no longer "removed from the mailbox" if it had been. A copy of the same
 * folder under an older UIDVALIDITY is dropped: that numbering is gone.
 */
export async function recordCopies(tx: HubWriteTx, sources: readonly IngestSource[], outcomes: readonly IngestOutcome[], uidValidity: string): Promise<void> {
  const filed = outcomes.flatMap((o, i) => (o.messageId !== null && o.kind !== 'failed' && o.kind !== 'ignored' ? [{ messageId: o.messageId, duplicate: o.kind === 'duplicate', source: sources[i]! }] : []));
  if (filed.length === 0) return;
  const again = await messagesById(tx, filed.filter((f) => f.duplicate).map((f) => f.messageId));
  const changed: MessageRow[] = [];
  for (const { messageId, duplicate, source } of filed) {
    const copy: MailboxCopy = { accountId: source.accountId, mailbox: source.mailbox, uidValidity, uid: source.uid };
    const doc = (duplicate ? await tx.connectors.get<MessageCopies>(copiesKey(messageId)) : undefined) ?? { accountId: source.accountId, copies: [] };
    const copies = [...doc.copies.filter((c) => !(sameFolder(c, copy) && (c.uidValidity !== uidValidity || c.uid === copy.uid))), copy];
    await tx.connectors.put(copiesKey(messageId), { ...doc, copies });
    const row = again.get(messageId);
    const flags = source.flags === undefined ? null : JSON.stringify(source.flags);
    if (row && (row.mailboxRemovedAt !== null || (flags !== null && row.mailboxFlagsJson !== flags))) changed.push({ ...row, mailboxRemovedAt: null, mailboxFlagsJson: flags ?? row.mailboxFlagsJson });
  }
  await tx.putRefs(filed.map(({ messageId, source }) => ({ ref: emailRefs.copy(source.accountId, source.mailbox, uidValidity, source.uid), kind: 'message', id: String(messageId) })));
  if (changed.length) await tx.put(changed.map((m) => toEntity('message', m)));
}

/**
 * The account a conversation's replies go out through: the one its newest inbound email with a
 * known copy arrived on (after a merge, the conversation holds mail of both). Null when none of
 * its mail came through a mailbox (demo data, a conversation started by an agent).
 */
export async function replyAccountOf(tx: { listChildren: HubWriteTx['listChildren']; connectors: ConnectorDocs }, conversationId: number): Promise<string | null> {
  const inbound = (await tx.listChildren('message', String(conversationId)))
    .map((e) => e.data as MessageRow)
    .filter((m) => m.channel === 'email' && m.direction === 'inbound')
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  for (const m of inbound) {
    const doc = await tx.connectors.get<MessageCopies>(copiesKey(m.id));
    if (doc) return doc.accountId;
  }
  return null;
}
