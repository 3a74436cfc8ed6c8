import type { ConversationRow, MessageRow } from '../../../../src-shared/sync/rows';
import type { EntityKey, HubWriteTx } from '../../../store/contract';
import { emailRefs, threadIndexRoot } from './email-refs';
import type { EmailFacts } from './parse-email';
import { normalizeSubject } from './subject';

/** A reply by subject alone only joins a conversation that moved within this window. */
export const SUBJECT_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;
/** Merges chain (A into B into C); a longer chain is a bug, not a thread to follow forever. */
const MAX_MERGE_HOPS = 8;

export interface ThreadDecision {
  /** The conversation the mail joins, or null for a new one. */
  conversation: ConversationRow | null;
  /** One sentence an agent can read: which rule decided, on what evidence. */
  reason: string;
  /** Referenced Message-IDs not (yet) known: filed before their parent, this mail waits for them (late-parent.ts). */
  unknownParents: string[];
}

/** The live conversation `id` became, following merges. */
export async function conversationOf(tx: HubWriteTx, id: number): Promise<ConversationRow | null> {
  let current = id;
  for (let hop = 0; hop <= MAX_MERGE_HOPS; hop++) {
    const row = (await tx.getEntities([{ kind: 'conversation', id: String(current) }])).get(`conversation/${current}`)?.data as ConversationRow | undefined;
    if (!row) return null;
    if (row.mergedIntoId === null) return row;
    current = row.mergedIntoId;
  }
  return null;
}

/** Why a found conversation may not take this mail, or null when it may. */
function refusal(c: ConversationRow, customerId: number): string | null {
  if (c.customerId !== customerId) return `#${c.id} belongs to another customer`;
  if (c.status === 'closed') return `#${c.id} is closed`;
  return null;
}

/**
 * Deterministic threading, first rule that matches wins, never across customers:
 * 1. In-Reply-To, then References (newest first) naming a message we know;
 * 2. Outlook's Thread-Index root naming a conversation we know;
 * 3. the same normalized subject from the same customer, active within 14 days;
 * else a new conversation. What each rule saw is kept in the reason, matched or not.
 */
export async function threadEmail(tx: HubWriteTx, mail: EmailFacts, customerId: number, at: number): Promise<ThreadDecision> {
  const decision = await decide(tx, mail, customerId, at);
  return { ...decision, unknownParents: decision.unknownParents.filter((id) => id !== mail.messageId) };
}

async function decide(tx: HubWriteTx, mail: EmailFacts, customerId: number, at: number): Promise<ThreadDecision> {
  const notes: string[] = [];

  const refs = mail.parents.map((p) => emailRefs.messageId(p.id));
  const found = refs.length ? await tx.findRefs(refs) : new Map<string, EntityKey>();
  const unknownParents = mail.parents.filter((_, i) => !found.has(refs[i]!)).map((p) => p.id);
  for (const [i, { id: parentId, header }] of mail.parents.entries()) {
    const key = found.get(refs[i]!);
    if (!key || key.kind !== 'message') continue;
    const message = (await tx.getEntities([key])).get(`message/${key.id}`)?.data as MessageRow | undefined;
    const c = message ? await conversationOf(tx, message.conversationId) : null;
    if (!c) continue;
    const no = refusal(c, customerId);
    if (no === null) return { conversation: c, reason: `${header} <${parentId}> is a message of #${c.id}`, unknownParents };
    notes.push(`${header} <${parentId}> points to #${c.id}, but ${no}`);
  }
  if (mail.parents.length > 0 && notes.length === 0) notes.push(`none of the ${mail.parents.length} referenced Message-IDs is known`);

  const root = threadIndexRoot(mail.threadIndex);
  if (root !== null) {
    const key = (await tx.findRefs([emailRefs.threadIndex(root)])).get(emailRefs.threadIndex(root));
    const c = key ? await conversationOf(tx, Number(key.id)) : null;
    if (c) {
      const no = refusal(c, customerId);
      if (no === null) return { conversation: c, reason: `Outlook Thread-Index of #${c.id}`, unknownParents };
      notes.push(`Thread-Index points to #${c.id}, but ${no}`);
    }
  }

  const subject = normalizeSubject(mail.subject);
  if (subject !== '') {
    const ref = emailRefs.subject(customerId, subject);
    const key = (await tx.findRefs([ref])).get(ref);
    const c = key ? await conversationOf(tx, Number(key.id)) : null;
    if (c) {
      // Either way in time: backfill files newer mail first, and the rule must not depend on that order.
      const no = refusal(c, customerId) ?? (Math.abs(at - c.lastActivityAt) > SUBJECT_WINDOW_MS ? `#${c.id} has been quiet for more than 14 days` : null);
      if (no === null) return { conversation: c, reason: `same subject "${subject}" from the same customer as #${c.id}, active within 14 days`, unknownParents };
      notes.push(`same subject as #${c.id}, but ${no}`);
    }
  }

  return { unknownParents, conversation: null, reason: notes.length ? `New conversation: ${notes.join('; ')}` : 'New conversation: no reference, Thread-Index or recent subject matched' };
}
