import { randomBytes } from 'node:crypto';
import type { Entity, MessageRow } from '../../../../src-shared/sync/rows';
import type { EntityKey, HubWriteTx } from '../../../store/contract';
import { emailRefs } from '../ingest/email-refs';
import { sendingAccounts } from './sending-account';

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
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase() || 'outpost.invalid';
  return `<outpost.${messageId}.${randomBytes(9).toString('hex')}@${domain}>`;
}

type Change = Entity | (EntityKey & { deleted: true });
const isQueuedEmail = (c: Change): c is Entity<'message'> => {
  if ('deleted' in c || c.kind !== 'message') return false;
  const m = c.data as MessageRow;
  return m.direction === 'outbound' && m.channel === 'email' && m.deliveryStatus === 'queued';
};

/**
 * Called by a push, in its transaction, with the rows it wrote: every queued outbound email gets a
 * send job (or, after a Retry, its failed job is made pending again, keeping its Message-ID). The
 * message row gets the Message-ID now, so a customer's reply to it threads even before it is sent.
 * Without a sending account (the embedded hub of a solo desktop) replies stay queued.
 */
export async function enqueueOutboundEmails(tx: HubWriteTx, changes: readonly Change[], now: number): Promise<number> {
  const queued = changes.filter(isQueuedEmail);
  if (queued.length === 0) return 0;
  const [account] = await sendingAccounts(tx.connectors);
  if (!account) return 0;
  let enqueued = 0;
  for (const e of queued) {
    const row = e.data as MessageRow;
    const existing = await tx.connectors.get<OutboundJob>(outboundKey(row.id));
    if (existing && existing.state !== 'failed') continue;
    const header = existing?.messageIdHeader ?? row.externalId ?? makeMessageIdHeader(row.id, account.address);
    const job: OutboundJob = {
      messageId: row.id,
      conversationId: row.conversationId,
      accountId: existing?.accountId ?? account.id,
      messageIdHeader: header,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      createdAt: existing?.createdAt ?? now,
    };
    await tx.connectors.put(outboundKey(row.id), job);
    if (row.externalId !== header) await tx.put([{ ...e, data: { ...row, externalId: header } }]);
    await tx.putRefs([{ ref: emailRefs.messageId(header.slice(1, -1)), kind: 'message', id: e.id }]);
    enqueued++;
  }
  return enqueued;
}
