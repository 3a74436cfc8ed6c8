import { createHash } from 'node:crypto';
import type { ParsedEmail } from './parse-email';

/**
 * The secondary keys the email channel keeps in the hub's ref table (HubWriteTx.findRefs/putRefs).
 * One place spells them, so the ingest, the outbound queue (which registers the Message-IDs it
 * makes) and the one-time index of older data agree.
 */
export const emailRefs = {
  /** A normalized Message-ID (no brackets, domain lower-cased) → the message. */
  messageId: (id: string) => `email/message-id:${id}`,
  /** The content hash of a message → the message: identity without a Message-ID, and the check that a reused one is the same mail. */
  messageHash: (hash: string) => `email/message-hash:${hash}`,
  /** A lower-cased address → the customer. */
  address: (address: string) => `email/address:${address.trim().toLowerCase()}`,
  /** The 22-byte root of Outlook's Thread-Index → the conversation it started. */
  threadIndex: (root: string) => `email/thread-index:${root}`,
  /** One copy in a support mailbox (account, folder, UIDVALIDITY, UID) → the message: how a flag change or an expunge the server reports finds its row. */
  copy: (accountId: string, mailbox: string, uidValidity: string, uid: number) => `email/copy:${accountId}:${uidValidity}:${uid}:${mailbox}`,
  /** A Message-ID a customer's filed mail referenced before it was known → that customer's conversation waiting for it (late-parent.ts). */
  awaited: (customerId: number, id: string) => `email/awaited:${customerId}:${id}`,
  /** A customer's normalized subject → their newest email conversation on it. */
  subject: (customerId: number, normalized: string) => `email/subject:${customerId}:${sha256(normalized).slice(0, 32)}`,
};

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * What makes two copies "the same mail": the headers a person sees and the words. Stable across
 * re-fetches, moves between folders and servers that add Received headers.
 */
export function contentHash(mail: ParsedEmail): string {
  return sha256(JSON.stringify([mail.date, mail.from?.address ?? null, [...mail.to].sort(), mail.subject, collapseWhitespace(mail.text).trim(), mail.attachments.map((a) => a.contentHash)]));
}

/**
 * `text.replace(/\s+/g, ' ')`, exactly, about three times faster on prose: a lone space (most of
 * them) is left alone instead of being replaced by itself.
 */
export const collapseWhitespace = (text: string) => text.replace(/\s{2,}|[^\S ]/g, ' ');

/**
 * The thread root of an Outlook Thread-Index: its first 22 bytes (a timestamp and a GUID) are the
 * same on every message of the thread; replies append 5 bytes each. Null for a malformed value.
 */
export function threadIndexRoot(threadIndex: string | null): string | null {
  if (threadIndex === null || !/^[A-Za-z0-9+/=\s]+$/.test(threadIndex)) return null;
  const bytes = Buffer.from(threadIndex.replace(/\s+/g, ''), 'base64');
  return bytes.length >= 22 ? bytes.subarray(0, 22).toString('hex') : null;
}
