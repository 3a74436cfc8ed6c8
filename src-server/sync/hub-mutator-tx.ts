import type { AgentRole, Conversation } from '../../src-shared/domain';
import { MutationRejected, runMutation, type MutationName, type MutatorTx } from '../../src-shared/mutators';
import { createIdAllocator, IDS_PER_MUTATION } from '../../src-shared/sync/ids';
import { toConversation, toMacro, toMessage } from '../../src-shared/sync/row-mappers';
import type { ConversationRow, Entity, MacroRow, MessageRow, NoteRow } from '../../src-shared/sync/rows';
import type { AuditRecord, HubStore, HubWriteTx, Rejection } from '../store/contract';
import { EntityCache, NeedRows } from './entity-cache';

/**
 * The hub's MutatorTx: the same pure mutators the desktop runs, over the canonical store.
 * Mutators are synchronous and the store is not, so reads come from an EntityCache; a read it
 * cannot answer throws NeedRows, the runner loads those rows and runs the mutator again.
 *
 * Every write must leave exactly the row src-main/core/mutations/replica-tx.ts leaves in the
 * desktop's replica (same ids, same columns, same JSON), or the replicas diverge:
 * tests/hub/server-mutator-parity.test.ts runs both from the same rows and compares.
 */

/** A mutator that asks for more rows than this many times has a bug (it cannot converge). */
const MAX_LOADS = 64;

export interface MutationContext {
  actorId: number;
  clientId: string;
  clientNo: number;
  mutationId: number;
  now: number;
}

export type MutationOutcome = { ok: true } | { ok: false; rejection: Rejection };

const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
/** SQLite's lower(): ASCII only, so a name matches on the hub exactly when it does in the replica. */
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
/** SQLite's BINARY collation: UTF-8 byte order (JavaScript's sort compares UTF-16 units). */
const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Runs one push's mutations over `tx`, each applied whole or not at all, later ones seeing earlier ones' writes. */
export function createHubMutations(tx: HubWriteTx, blobs: Pick<HubStore['blobs'], 'has'>) {
  const cache = new EntityCache();

  return {
    async apply(name: MutationName, args: unknown, ctx: MutationContext): Promise<MutationOutcome> {
      for (let loads = 0; ; loads++) {
        const audits: Omit<AuditRecord, 'id'>[] = [];
        try {
          runMutation(mutatorTx(cache, ctx, audits), name, args);
        } catch (e) {
          cache.rollback();
          if (e instanceof NeedRows && loads < MAX_LOADS) {
            await cache.load(tx, e, blobs);
            continue;
          }
          if (e instanceof MutationRejected) return { ok: false, rejection: { mutationId: ctx.mutationId, code: e.code, message: e.message } };
          if (e instanceof NeedRows) throw new Error(`mutation ${name} kept asking for rows it was given (${MAX_LOADS} loads)`, { cause: e });
          throw e;
        }
        cache.commit();
        for (const a of audits) await tx.audit(a);
        return { ok: true };
      }
    },
    /** Puts every accepted write in the store (one version for the whole push); returns them. */
    async flush(): Promise<ReturnType<EntityCache['changes']>> {
      const changes = cache.changes();
      if (changes.length > 0) await tx.put(changes);
      return changes;
    },
  };
}

function mutatorTx(cache: EntityCache, ctx: MutationContext, audits: Omit<AuditRecord, 'id'>[]): MutatorTx {
  const { actorId, now } = ctx;
  const allocate = createIdAllocator(ctx.clientNo, ctx.mutationId);
  const nextId = () => {
    try {
      return allocate();
    } catch (e) {
      if (e instanceof RangeError) throw new MutationRejected('invalid', `one change may create at most ${IDS_PER_MUTATION} records`);
      throw e;
    }
  };
  const conversationRow = (id: number) => cache.get('conversation', String(id))?.data;
  const tagsOf = (id: number) => cache.children({ kind: 'conversation_tag', parent: String(id) })[0]!.map((e) => e.data.tag);
  const macroRow = (id: number) => cache.get('macro', String(id))?.data;
  const messagesOf = (id: number) => cache.children({ kind: 'message', parent: String(id) })[0]!.map((e) => e.data);

  return {
    now,
    actorId,
    getConversation(id) {
      // The row and its tags in one load: nearly every mutator starts here.
      cache.require([{ kind: 'conversation', id: String(id) }], [{ kind: 'conversation_tag', parent: String(id) }]);
      const row = conversationRow(id);
      return row && toConversation(row, tagsOf(id).sort(utf8Order));
    },
    updateConversation(id, patch) {
      const row = conversationRow(id);
      if (row) cache.write('conversation', withPatch(row, patch));
    },
    addTag(conversationId, tag) {
      if (!cache.get('conversation_tag', `${conversationId}:${tag}`, String(conversationId))) cache.write('conversation_tag', { conversationId, tag });
    },
    removeTag(conversationId, tag) {
      if (cache.get('conversation_tag', `${conversationId}:${tag}`, String(conversationId))) cache.remove('conversation_tag', `${conversationId}:${tag}`);
    },
    insertNote(n) {
      const row: NoteRow = { id: n.id, conversationId: n.conversationId, authorId: n.authorId, kind: n.kind, body: n.body, mentionsJson: JSON.stringify(n.mentions), createdAt: n.createdAt };
      cache.write('note', row);
    },
    hasNote: (id) => cache.get('note', id) !== null,
    hasAttachment: (contentHash) => cache.hasBlob(contentHash),
    insertMessage(m) {
      const id = nextId();
      const row: MessageRow = {
        id,
        conversationId: m.conversationId,
        direction: m.direction,
        channel: m.channel,
        authorAgentId: m.authorAgentId,
        text: m.text,
        html: m.html,
        attachmentsJson: JSON.stringify(m.attachments),
        externalId: m.externalId,
        deliveryStatus: m.deliveryStatus,
        createdAt: m.createdAt,
        threadReason: null,
        deliveryError: null,
        autoKind: null,
        mailboxFlagsJson: null,
        mailboxRemovedAt: null,
      };
      cache.write('message', row);
      return id;
    },
    listMessages: (conversationId) => messagesOf(conversationId).sort((a, b) => a.createdAt - b.createdAt || a.id - b.id).map(toMessage),
    getMessage(id) {
      const row = cache.get('message', String(id))?.data;
      return row && toMessage(row);
    },
    updateMessageDelivery(id, patch) {
      const row = cache.get('message', String(id))?.data;
      if (row) cache.write('message', { ...row, ...patch });
    },
    moveMessages(messageIds, toConversationId) {
      for (const e of cache.getMany('message', messageIds.map(String))) if (e) cache.write('message', { ...e.data, conversationId: toConversationId });
    },
    insertConversation(c) {
      const id = nextId();
      cache.write('conversation', conversationRowOf(id, c));
      return id;
    },
    notify(n) {
      // Every call takes an id, written or not, so the desktop and the hub number alike.
      const id = nextId();
      // As in the replica: only an agent of the workspace is notified.
      if (!cache.get('agent', String(n.agentId))) return;
      cache.write('notification', { id, agentId: n.agentId, kind: n.kind, conversationId: n.conversationId, actorId, noteId: n.noteId, messageId: null, createdAt: now });
    },
    moveThread(fromId, toId) {
      const [messages, notes] = cache.children({ kind: 'message', parent: String(fromId) }, { kind: 'note', parent: String(fromId) }) as [Entity<'message'>[], Entity<'note'>[]];
      for (const e of messages) cache.write('message', { ...e.data, conversationId: toId });
      for (const e of notes) cache.write('note', { ...e.data, conversationId: toId });
    },
    threadSummary(conversationId) {
      const [messages, notes] = cache.children({ kind: 'message', parent: String(conversationId) }, { kind: 'note', parent: String(conversationId) }) as [Entity<'message'>[], Entity<'note'>[]];
      // The replica takes the newest message by (created_at, id), the last entry of its index.
      const newest = messages.map((e) => e.data).reduce<MessageRow | null>((a, b) => (a === null || b.createdAt > a.createdAt || (b.createdAt === a.createdAt && b.id > a.id) ? b : a), null);
      const times = [newest?.createdAt ?? null, notes.length ? Math.max(...notes.map((e) => e.data.createdAt)) : null].filter((x): x is number => x !== null);
      return { messageCount: messages.length, lastAt: times.length ? Math.max(...times) : null, preview: (newest?.text ?? '').slice(0, 140) };
    },
    audit(action, entityType, entityId, data) {
      audits.push({ at: now, actorId, clientId: ctx.clientId, mutationId: ctx.mutationId, action, entityType, entityId, data });
    },
    getAgentRole: (id) => cache.get('agent', String(id))?.data.role as AgentRole | undefined,
    getAgentName: (id) => cache.get('agent', String(id))?.data.name,
    getMacro(id) {
      const row = macroRow(id);
      return row && toMacro(row);
    },
    findMacroByName(name, scope, ownerId) {
      const wanted = asciiLower(name);
      const row = cache
        .all('macro')
        .map((e) => e.data)
        .sort(byId)
        .find((m) => asciiLower(m.name) === wanted && m.scope === scope && m.ownerId === ownerId);
      return row && toMacro(row);
    },
    insertMacro({ actions, ...rest }) {
      const id = nextId();
      const row: MacroRow = { id, name: rest.name, body: rest.body, actionsJson: JSON.stringify(actions), scope: rest.scope, ownerId: rest.ownerId, usageCount: 0 };
      cache.write('macro', row);
      return id;
    },
    updateMacro(id, { actions, ...rest }) {
      const row = macroRow(id);
      if (row) cache.write('macro', { ...withPatch(row, rest), ...(actions ? { actionsJson: JSON.stringify(actions) } : {}) });
    },
    deleteMacro(id) {
      if (macroRow(id)) cache.remove('macro', String(id));
    },
    incrementMacroUsage(id) {
      const row = macroRow(id);
      if (row) cache.write('macro', { ...row, usageCount: row.usageCount + 1 });
    },
  };
}

/** Like the replica's UPDATE ... SET: only the row's own columns, and an undefined value changes nothing. */
function withPatch<R extends object>(row: R, patch: object): R {
  const next = { ...row } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) if (v !== undefined && k in next) next[k] = v;
  return next as R;
}

/** A new conversation row; columns the mutator leaves out take the replica's defaults. */
function conversationRowOf(id: number, c: Omit<Conversation, 'id' | 'tags'>): ConversationRow {
  return {
    id,
    customerId: c.customerId,
    channel: c.channel,
    subject: c.subject,
    status: c.status,
    priority: c.priority,
    category: c.category,
    assigneeId: c.assigneeId,
    snoozedUntil: c.snoozedUntil,
    slaFirstResponseDueAt: c.slaFirstResponseDueAt,
    slaResolutionDueAt: c.slaResolutionDueAt,
    firstResponseAt: c.firstResponseAt,
    resolvedAt: c.resolvedAt,
    createdAt: c.createdAt,
    lastActivityAt: c.lastActivityAt,
    messageCount: c.messageCount,
    preview: c.preview,
    mergedIntoId: c.mergedIntoId,
    snoozedUntilReply: c.snoozedUntilReply ?? false,
  };
}
