import type { AgentRow, ConversationRow } from '../../../../src-shared/sync/rows';
import type { EntityKey, HubWriteTx } from '../../../store/contract';
import { createHubMutations } from '../../../sync/hub-mutator-tx';
import { emailRefs, sha256 } from './email-refs';
import { conversationOf } from './thread-email';

/**
 * Order-independent threading. Backfill files newest first, so a reply is often filed before the
 * message it answers: it opens a conversation of its own and leaves, for each Message-ID it named
 * but nobody knew, a ref "awaited by that conversation". When the awaited message arrives it goes
 * into that conversation, or, if its own rules put it elsewhere, the waiting conversation is
 * merged there with the shared merge mutator (the console's bulk merge), so desktops see an
 * ordinary synced merge with its reason. Two of a customer's mails waiting for the same message
 * belong together (in order, both would have joined it). Never across customers, as in
 * threadEmail: the refs are kept per customer, so another customer's wait never hides this one's.
 */

type Ref = EntityKey & { ref: string };

export function awaitedRefs(customerId: number, conversationId: number, unknownParents: string[]): Ref[] {
  return unknownParents.map((id) => ({ ref: emailRefs.awaited(customerId, id), kind: 'conversation' as const, id: String(conversationId) }));
}

/** The first conversation of this customer, not closed, that waits for one of `messageIds`; null when none does. */
export async function awaitingConversation(tx: HubWriteTx, messageIds: (string | null)[], customerId: number): Promise<{ conversation: ConversationRow; messageId: string } | null> {
  const ids = messageIds.filter((id): id is string => id !== null);
  if (ids.length === 0) return null;
  const found = await tx.findRefs(ids.map((id) => emailRefs.awaited(customerId, id)));
  for (const messageId of ids) {
    const key = found.get(emailRefs.awaited(customerId, messageId));
    const c = key ? await conversationOf(tx, Number(key.id)) : null;
    if (c && c.customerId === customerId && c.status !== 'closed') return { conversation: c, messageId };
  }
  return null;
}

/**
 * Folds the waiting conversation into the one the late parent joined. The merge note needs an
 * agent as author (the replicas' notes reference agents): the workspace's first admin, else its
 * first agent. With no agent at all (a hub nobody signed in to yet) nothing is merged.
 */
export async function mergeAwaiting(tx: HubWriteTx, waiting: ConversationRow, into: ConversationRow, messageId: string): Promise<boolean> {
  const agents = (await tx.listKind('agent')).map((e) => e.data as AgentRow).sort((a, b) => a.id - b.id);
  const actor = agents.find((a) => a.role === 'admin') ?? agents[0];
  if (!actor) return false;
  // Read after this mail was filed: its status and last activity as the merge will find them.
  const target = (await conversationOf(tx, into.id)) ?? into;
  const mutations = createHubMutations(tx, { has: () => Promise.resolve(false) });
  const ctx = { actorId: actor.id, clientId: 'hub/email', clientNo: 0, mutationId: 0, now: Date.now() };
  const reason = `a reply filed before the message it answers (<${messageId}>) opened #${waiting.id}; that message is in #${into.id}`;
  const outcome = await mutations.apply('merge', { sourceId: waiting.id, targetId: into.id, noteId: uuidOf(`email-late-parent:${waiting.id}:${into.id}`), reason }, ctx);
  if (!outcome.ok) return false;
  // As if the mail had come in order: a customer's mail newer than anything in the target reopens it
  // (lastActivityAt moves only for a person's mail, never an auto-reply's).
  if (waiting.status === 'open' && waiting.lastActivityAt > target.lastActivityAt && target.status !== 'open') {
    await mutations.apply('setStatus', { conversationId: into.id, to: 'open', expectedFrom: target.status }, ctx);
  }
  await mutations.flush();
  return true;
}

/** A stable UUID (version 5 layout) from a name: a replayed ingest writes the merge note once. */
function uuidOf(name: string): string {
  const h = sha256(name);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
