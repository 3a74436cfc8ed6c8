import { randomBytes } from 'node:crypto';
import type { Entity, MessageRow } from '../../../../src-shared/sync/rows';
import type { EntityKey, HubWriteTx } from '../../../store/contract';
import { emailRefs } from '../ingest/email-refs';
import type { EmailAccount } from '../account';
import { NO_SENDING_ACCOUNT, NO_SENDING_ACCOUNT_REASON, replyAccountFor } from './sending-account';

/**
 * One reply to send, kept as the connector doc `email/outbound/<messageId>` from the moment the
 * hub accepts it (in the push's own transaction: a crash never loses it) until it is sent.
 *
 * States, each saved before the step it guards, so a restart knows what may have happened:
 * - pending: not tried yet, or a try that certainly did not deliver (refused, no connection);
 * - sending: an SMTP attempt started; if the hub dies now the outcome is unknown, so the next
 *   attempt first looks for the Message-ID in the Sent folder;
 * - accepted: the SMTP server took it; only the Sent copy and the status change remain;
 * - failed: permanently refused (5xx, bad address) or out of attempts; `lastError` says why.
 * A sent job's doc is deleted in the same write that marks the message sent.
 */
export interface OutboundJob {
  messageId: number;
  conversationId: number;
  /** The account it goes out through (sending-account.ts replyAccountFor), or NO_SENDING_ACCOUNT while none can send. */
  accountId: string;
  /** RFC 5322 Message-ID, made before any attempt and also stored as the message's externalId. */
  messageIdHeader: string;
  state: 'pending' | 'sending' | 'accepted' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  lastError: { at: number; reason: string } | null;
  createdAt: number;
}

export const OUTBOUND_PREFIX = 'email/outbound/';
export const outboundKey = (messageId: number) => `${OUTBOUND_PREFIX}${messageId}`;

/** `<2f9c0e…@shop.example>`: unique without coordination, on the shop's own domain. */
export function makeMessageIdHeader(messageId: number, address: string): string {
  // Lower-case: the form ingest normalizes Message-IDs to, so a reply to it finds it by ref.
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase() || NO_DOMAIN;
  return `<outpost.${messageId}.${randomBytes(9).toString('hex')}@${domain}>`;
}

/** Message-IDs made while no account could send carry this domain until the job gets one. */
const NO_DOMAIN = 'outpost.invalid';

type Change = Entity | (EntityKey & { deleted: true });
const isQueuedEmail = (c: Change): c is Entity<'message'> => {
  if ('deleted' in c || c.kind !== 'message') return false;
  const m = c.data as MessageRow;
  return m.direction === 'outbound' && m.channel === 'email' && m.deliveryStatus === 'queued';
};

/**
 * Called by a push, in its transaction, with the rows it wrote: every queued outbound email gets a
 * send job (or, after a Retry, its failed job is made pending again, keeping its Message-ID) on
 * the account its conversation's mail came in on (chosen again at a Retry: the account may have
 * changed). The message row gets the Message-ID now, so a customer's reply to it threads even
 * before it is sent. Without a sending account (the embedded hub of a solo desktop) the reply
 * stays queued and its job says why; the queue picks an account once one is added.
 */
export async function enqueueOutboundEmails(tx: HubWriteTx, changes: readonly Change[], now: number): Promise<number> {
  const queued = changes.filter(isQueuedEmail);
  if (queued.length === 0) return 0;
  let enqueued = 0;
  for (const e of queued) {
    const row = e.data as MessageRow;
    const existing = await tx.connectors.get<OutboundJob>(outboundKey(row.id));
    if (existing && existing.state !== 'failed') continue;
    const account = await replyAccountFor(tx, row.conversationId);
    const header = existing?.messageIdHeader ?? row.externalId ?? makeMessageIdHeader(row.id, account?.fromAddress ?? '');
    const job: OutboundJob = {
      messageId: row.id,
      conversationId: row.conversationId,
      accountId: account?.id ?? NO_SENDING_ACCOUNT,
      messageIdHeader: header,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lastError: account ? null : { at: now, reason: NO_SENDING_ACCOUNT_REASON },
      createdAt: existing?.createdAt ?? now,
    };
    await tx.connectors.put(outboundKey(row.id), job);
    if (row.externalId !== header) await tx.put([{ ...e, data: { ...row, externalId: header } }]);
    await tx.putRefs([{ ref: emailRefs.messageId(header.slice(1, -1)), kind: 'message', id: e.id }]);
    enqueued++;
  }
  return enqueued;
}

/**
 * A job that waited for a sending account gets `account` and is due at once, in one write; a Message-ID made without
 * a domain (never sent) is made again on the account's, on the job, the message row and its ref.
 */
export async function assignAccount(tx: HubWriteTx, messageId: number, account: EmailAccount, now: number): Promise<void> {
  const job = await tx.connectors.get<OutboundJob>(outboundKey(messageId));
  if (!job || job.accountId !== NO_SENDING_ACCOUNT) return;
  const remade = job.attempts === 0 && job.messageIdHeader.endsWith(`@${NO_DOMAIN}>`);
  const header = remade ? makeMessageIdHeader(messageId, account.fromAddress) : job.messageIdHeader;
  await tx.connectors.put(outboundKey(messageId), { ...job, accountId: account.id, messageIdHeader: header, lastError: null, nextAttemptAt: now } satisfies OutboundJob);
  if (!remade) return;
  const found = (await tx.getEntities([{ kind: 'message', id: String(messageId) }])).get(`message/${messageId}`);
  if (found) await tx.put([{ ...found, data: { ...(found.data as MessageRow), externalId: header } }]);
  await tx.putRefs([{ ref: emailRefs.messageId(header.slice(1, -1)), kind: 'message', id: String(messageId) }]);
}
