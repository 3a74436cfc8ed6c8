import { toEntity, type ConversationRow, type Entity, type MessageRow } from '../../../../src-shared/sync/rows';
import type { EntityKey, HubWriteTx } from '../../../store/contract';
import { detectAutomated, type Automated } from './automated-mail';
import { categorizeEmail } from './categorize';
import { findOrPlanCustomer } from './email-customer';
import type { DigestedEmail, IngestSource } from './digest-email';
import { digestInPool } from './digest-pool';
import { emailRefs, threadIndexRoot } from './email-refs';
import { awaitedRefs, awaitingConversation, mergeAwaiting } from './late-parent';
import { sideOf } from './own-mail';
import { joinConversation, newConversation } from './inbound-effects';
import type { EmailFacts } from './parse-email';
import { normalizeSubject } from './subject';
import { threadEmail } from './thread-email';

export type { IngestSource } from './digest-email';

export interface IngestOutcome {
  kind: 'new-conversation' | 'threaded' | 'duplicate' | 'ignored' | 'failed';
  conversationId: number | null;
  messageId: number | null;
  reason: string;
}

type Ref = EntityKey & { ref: string };

/** What the message row's thread reason says first for mail no person wrote (see automated-mail.ts). */
const AUTOMATED_LABEL: Record<Automated['kind'], string> = { 'auto-reply': 'Automatic reply', bounce: 'Delivery failure report' };

/**
 * A mail parsed, its HTML sanitized, its attachments planned: everything done before taking the
 * workspace lock. Its attachment bodies must be in the blob store before it is filed
 * (storeAttachmentBodies, once per batch).
 */
export type PreparedEmail = ({ ok: true } & DigestedEmail) | { ok: false; outcome: IngestOutcome };

const failed = (reason: string): IngestOutcome => ({ kind: 'failed', conversationId: null, messageId: null, reason });
const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Phase one, OUTSIDE store.write: parse, sanitize and hash in a worker thread (digest-email.ts).
 * A 30 MB mail should not hold the workspace lock while it is decoded. The attachment bodies are
 * stored next, also outside (content-addressed, so a blob left by a crash before the write is
 * harmless and reused; the blob store cannot be written inside a workspace write). Never throws:
 * bad mail, or mail that crashes or hangs the parser, comes back as a `failed` outcome.
 */
export async function prepareEmail(raw: Buffer, source: IngestSource): Promise<PreparedEmail> {
  const result = await digestInPool(raw, source);
  return result.ok ? { ok: true, ...result.digest } : { ok: false, outcome: failed(result.reason) };
}

/**
 * Phase two, INSIDE store.write: one prepared email into the workspace: its customer, its
 * conversation (new or joined, the reason recorded on the message), its refs for later replies.
 * Bad mail never throws (a `failed` outcome, nothing written); errors of the store itself do, so
 * the caller's transaction rolls back.
 */
export async function ingestEmail(tx: HubWriteTx, prepared: PreparedEmail, source: IngestSource): Promise<IngestOutcome> {
  if (!prepared.ok) return prepared.outcome;
  let plan: Plan | IngestOutcome;
  try {
    plan = await planIngest(tx, prepared, source);
  } catch (e) {
    return failed(`Could not file ${source.mailbox} UID ${source.uid}: ${describe(e)}`);
  }
  if ('kind' in plan) return plan;
  await tx.put(plan.entities);
  await tx.putRefs(plan.refs);
  if (plan.mergeFrom) {
    const { waiting, into, messageId } = plan.mergeFrom;
    const merged = await mergeAwaiting(tx, waiting, into, messageId);
    return { ...plan.outcome, reason: `${plan.outcome.reason}. ${merged ? `Merged #${waiting.id}, which waited for this message, into #${into.id}` : `#${waiting.id} waited for this message but could not be merged into #${into.id}`}` };
  }
  return plan.outcome;
}

interface Plan {
  entities: Entity[];
  refs: Ref[];
  /** A conversation that waited for this mail but sits apart from where it went: merged after the mail is filed. */
  mergeFrom: { waiting: ConversationRow; into: ConversationRow; messageId: string } | null;
  outcome: IngestOutcome;
}

/** Reads and decides everything first, so a mail that fails half-way leaves nothing behind. */
async function planIngest(tx: HubWriteTx, prepared: Extract<PreparedEmail, { ok: true }>, source: IngestSource): Promise<Plan | IngestOutcome> {
  const { mail, attachments, html, text } = prepared;
  const from = mail.from!;
  const side = await sideOf(tx, source.accountId, mail);
  const identity = await identify(tx, mail, prepared.contentHash, side.direction === 'outbound');
  if ('kind' in identity) return identity;

  if (side.counterpart === null) return { kind: 'ignored', conversationId: null, messageId: null, reason: `Mail among the shop's own addresses (from ${from.address}): no customer to file it for` };
  const outbound = side.direction === 'outbound';

  const [customerId, identityId, conversationId0, messageId, notificationId] = await tx.allocateHubIds(5);
  const customerIds = [customerId!, identityId!];
  const nextCustomerId = () => customerIds.shift()!;
  const at = source.receivedAt;
  const customer = await findOrPlanCustomer(tx, side.counterpart.address, side.counterpart.name, at, nextCustomerId);
  const threaded = await threadEmail(tx, mail, customer.id, at);
  // Order independence (late-parent.ts): a conversation filed first may wait for this very mail,
  // or for a parent this mail names too; the first is joined or merged, the second joined.
  const waiting = (await awaitingConversation(tx, [mail.messageId], customer.id))?.conversation ?? null;
  const sibling = threaded.conversation === null && waiting === null ? await awaitingConversation(tx, threaded.unknownParents, customer.id) : null;
  const decision =
    threaded.conversation !== null ? threaded
    : waiting !== null ? { ...threaded, conversation: waiting, reason: `a reply in #${waiting.id} that was filed first references <${mail.messageId}>` }
    : sibling !== null ? { ...threaded, conversation: sibling.conversation, reason: `#${sibling.conversation.id} also answers <${sibling.messageId}>, not filed yet` }
    : threaded;
  const mergeFrom = waiting !== null && decision.conversation !== null && waiting.id !== decision.conversation.id ? waiting : null;
  const automated = outbound ? null : detectAutomated(mail);

  const reason = [
    outbound ? `Sent outside Outpost, from ${from.address}` : null,
    automated ? `${AUTOMATED_LABEL[automated.kind]} (${automated.sign})` : null,
    identity.note,
    decision.reason,
    ...mail.repairs.map((r) => `repaired: ${r}`),
  ]
    .filter(Boolean)
    .join('. ');
  const conversationId = decision.conversation?.id ?? conversationId0!;
  const message: MessageRow = {
    id: messageId!,
    conversationId,
    direction: side.direction,
    channel: 'email',
    authorAgentId: null,
    text,
    html,
    attachmentsJson: JSON.stringify(attachments.refs),
    externalId: mail.messageId === null ? null : `<${mail.messageId}>`,
    deliveryStatus: outbound ? 'sent' : 'received',
    createdAt: at,
    threadReason: reason,
    deliveryError: null,
    autoKind: automated?.kind ?? null,
    mailboxFlagsJson: source.flags === undefined ? null : JSON.stringify(source.flags),
    mailboxRemovedAt: null,
  };
  const summary = { at, preview: prepared.preview, automated, outbound };
  const conversation = decision.conversation
    ? await joinConversation(tx, decision.conversation, summary, message.id, notificationId!)
    : newConversation(conversationId, customer.id, mail.subject, categorizeEmail(mail.subject, text), summary);

  const refs: Ref[] = [...customer.refs, ...identity.refs.map((ref) => ({ ref, kind: 'message' as const, id: String(message.id) }))];
  const subject = normalizeSubject(mail.subject);
  if (subject !== '') refs.push({ ref: emailRefs.subject(customer.id, subject), kind: 'conversation', id: String(conversationId) });
  const root = threadIndexRoot(mail.threadIndex);
  if (root !== null) refs.push({ ref: emailRefs.threadIndex(root), kind: 'conversation', id: String(conversationId) });
  // Mail its own evidence did not place leaves its wait: a conversation joined by its references was placed for good.
  if (threaded.conversation === null) refs.push(...awaitedRefs(customer.id, conversationId, decision.unknownParents));

  return {
    entities: [...customer.entities, ...conversation, toEntity('message', message)],
    refs,
    mergeFrom: mergeFrom && decision.conversation ? { waiting: mergeFrom, into: decision.conversation, messageId: mail.messageId! } : null,
    outcome: { kind: decision.conversation ? 'threaded' : 'new-conversation', conversationId, messageId: message.id, reason },
  };
}

interface Identity {
  /** The refs that will name this message. */
  refs: string[];
  /** Said in the thread reason when the identity needed care. */
  note: string | null;
}

/**
 * Is this mail already here? The same content (by hash) is a duplicate, whatever its Message-ID.
 * A Message-ID already used by different content is a second mail (a broken mailer reusing ids):
 * kept, under a derived key, never dropped. No Message-ID: the content hash alone identifies it.
 */
async function identify(tx: HubWriteTx, mail: EmailFacts, hash: string, outbound: boolean): Promise<Identity | IngestOutcome> {
  const hashRef = emailRefs.messageHash(hash);
  const idRef = mail.messageId === null ? null : emailRefs.messageId(mail.messageId);
  const found = await tx.findRefs(idRef === null ? [hashRef] : [hashRef, idRef]);
  const same = found.get(hashRef);
  if (same && (await tx.getEntities([same])).size > 0) {
    const message = (await tx.getEntities([same])).get(`message/${same.id}`)?.data as MessageRow | undefined;
    return { kind: 'duplicate', conversationId: message?.conversationId ?? null, messageId: Number(same.id), reason: `Already stored as message #${same.id} (same content${mail.messageId ? `, Message-ID <${mail.messageId}>` : ''})` };
  }
  if (idRef === null) return { refs: [hashRef], note: 'No Message-ID: identified by a hash of its date, sender, recipients, subject and body' };
  const taken = found.get(idRef);
  const takenRow = taken ? ((await tx.getEntities([taken])).get(`message/${taken.id}`)?.data as MessageRow | undefined) : undefined;
  // The shop's own mail under the Message-ID of a reply Outpost sent: that reply's copy in Sent.
  if (takenRow && outbound && takenRow.direction === 'outbound') {
    return { kind: 'duplicate', conversationId: takenRow.conversationId, messageId: takenRow.id, reason: `The mailbox copy of reply #${takenRow.id}, sent by Outpost (Message-ID <${mail.messageId}>)` };
  }
  if (taken && (await tx.getEntities([taken])).size > 0) {
    return { refs: [hashRef, `${idRef}#${hash.slice(0, 16)}`], note: `Message-ID <${mail.messageId}> is already used by message #${taken.id} with different content: kept as a separate message` };
  }
  return { refs: [hashRef, idRef], note: null };
}
