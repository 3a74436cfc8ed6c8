import type Mail from 'nodemailer/lib/mailer';
import { markupToText } from '../../../../src-shared/mail/markup';
import type { AttachmentRef } from '../../../../src-shared/domain';
import type { ConversationRow, CustomerIdentityRow, MessageRow } from '../../../../src-shared/sync/rows';
import type { HubStore } from '../../../store/contract';
import type { OutboundJob } from './outbound-job';
import type { SendingAccount } from './sending-account';

/** References grows with every reply; keep the thread's first id and the newest ones (RFC 5322 allows trimming the middle). */
export const MAX_REFERENCES = 20;

/** A reply that cannot be built is a permanent failure of that message (no address, message gone). */
export class UnsendableReply extends Error {}

/** "Re: Re: AW: Where is my order" → "Re: Where is my order". */
export function replySubject(subject: string): string {
  const bare = subject.replace(/^(\s*(re|aw|sv|antw)(\[\d+\])?\s*:\s*)+/i, '').trim();
  return `Re: ${bare || '(no subject)'}`;
}

/** The thread's Message-IDs in order, bounded: first + newest. */
export function referencesOf(thread: readonly string[]): string[] {
  return thread.length <= MAX_REFERENCES ? [...thread] : [thread[0]!, ...thread.slice(thread.length - (MAX_REFERENCES - 1))];
}

/**
 * The email for one queued reply, read from the canonical store: From the shop, To the customer's
 * email identity, threaded on the conversation's Message-IDs, the agent's text (markup flattened)
 * and HTML, attachments from the hub's blob store.
 */
export async function composeReply(store: HubStore, account: SendingAccount, job: OutboundJob): Promise<Mail.Options> {
  const found = await store.getEntities([
    { kind: 'message', id: String(job.messageId) },
    { kind: 'conversation', id: String(job.conversationId) },
  ]);
  const message = found.get(`message/${job.messageId}`)?.data as MessageRow | undefined;
  if (!message) throw new UnsendableReply('the message no longer exists');
  // A merge may have moved the reply: its conversation is where it lives now.
  const conversation = (message.conversationId === job.conversationId ? found.get(`conversation/${job.conversationId}`) : (await store.getEntities([{ kind: 'conversation', id: String(message.conversationId) }])).get(`conversation/${message.conversationId}`))?.data as
    | ConversationRow
    | undefined;
  if (!conversation) throw new UnsendableReply('the conversation no longer exists');
  const identities = (await store.listChildren('customer_identity', String(conversation.customerId))).map((e) => e.data as CustomerIdentityRow);
  const to = identities.filter((i) => i.kind === 'email').sort((a, b) => a.id - b.id)[0]?.value;
  if (!to) throw new UnsendableReply('the customer has no email address');

  const thread = (await store.listChildren('message', String(conversation.id)))
    .map((e) => e.data as MessageRow)
    .filter((m) => m.channel === 'email' && m.externalId !== null && m.id !== message.id && (m.createdAt < message.createdAt || (m.createdAt === message.createdAt && m.id < message.id)))
    .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  const inReplyTo = thread.filter((m) => m.direction === 'inbound').at(-1)?.externalId ?? thread.at(-1)?.externalId;

  const attachments: Mail.Attachment[] = [];
  for (const a of JSON.parse(message.attachmentsJson) as AttachmentRef[]) {
    const blob = await store.blobs.get(a.contentHash);
    if (!blob) throw new UnsendableReply(`attachment "${a.filename}" is missing from the hub`);
    attachments.push({ filename: a.filename, content: blob.body, contentType: a.mimeType });
  }

  return {
    from: account.displayName ? { name: account.displayName, address: account.address } : account.address,
    to,
    subject: replySubject(conversation.subject),
    messageId: job.messageIdHeader,
    ...(inReplyTo ? { inReplyTo, references: referencesOf(thread.map((m) => m.externalId!)) } : {}),
    // The agent's text carries the composer's small markup when there is an HTML part.
    text: message.html !== null ? markupToText(message.text) : message.text,
    ...(message.html !== null ? { html: message.html } : {}),
    attachments,
    date: new Date(message.createdAt),
  };
}
