import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { AgentRole } from '../../../src-shared/domain';
import { toMessage } from '../conversations/rows';
import type { MutatorTx } from '../../../src-shared/mutators';
import type { ReplicaDb } from '../db/open';
import * as t from '../db/schema';
import type { createConversationQueries } from '../conversations/queries';
import type { NotificationStore } from '../notifications/store';
import { toMacro } from '../../../src-shared/sync/row-mappers';

/**
 * The mutators' view of the replica; every write also bumps the conversation's version.
 * Rows a mutation creates take their ids from `nextId` (createIdAllocator(clientNo, mutationId)),
 * asked in the same order as the hub asks (insertConversation, insertMessage, insertMacro, notify),
 * so the optimistic row and the hub's row are one and the same.
 */
export function createReplicaTx(
  db: ReplicaDb,
  { conversations, notifications }: { conversations: ReturnType<typeof createConversationQueries>; notifications: NotificationStore },
  actorId: number,
  now: number,
  touched: Set<number>,
  nextId: () => number,
): MutatorTx {
  const bump = (id: number) => {
    touched.add(id);
    db.update(t.conversation).set({ version: sql`${t.conversation.version} + 1` }).where(eq(t.conversation.id, id)).run();
  };
  return {
    now,
    actorId,
    getConversation: (id) => conversations.getConversation(id),
    updateConversation(id, patch) {
      db.update(t.conversation).set(patch).where(eq(t.conversation.id, id)).run();
      bump(id);
    },
    addTag(conversationId, tag) {
      db.insert(t.conversationTag).values({ conversationId, tag }).onConflictDoNothing().run();
      bump(conversationId);
    },
    removeTag(conversationId, tag) {
      db.delete(t.conversationTag).where(sql`${t.conversationTag.conversationId} = ${conversationId} AND ${t.conversationTag.tag} = ${tag}`).run();
      bump(conversationId);
    },
    hasNote: (id) => db.select({ id: t.note.id }).from(t.note).where(eq(t.note.id, id)).get() !== undefined,
    hasAttachment: (hash) => db.select({ h: t.attachmentBlob.contentHash }).from(t.attachmentBlob).where(eq(t.attachmentBlob.contentHash, hash)).get() !== undefined,
    insertNote(n) {
      const next = db.select({ seq: sql<number>`coalesce(max(${t.note.seq}), 0) + 1` }).from(t.note).get();
      db.insert(t.note).values({ ...n, seq: next?.seq ?? 1, mentionsJson: JSON.stringify(n.mentions) }).run();
      bump(n.conversationId);
    },
    insertMessage(m) {
      const { attachments, ...rest } = m;
      const id = nextId();
      db.insert(t.message).values({ ...rest, id, attachmentsJson: JSON.stringify(attachments), threadReason: null }).run();
      bump(m.conversationId);
      return id;
    },
    listMessages: (conversationId) =>
      db.select().from(t.message).where(eq(t.message.conversationId, conversationId)).orderBy(asc(t.message.createdAt), asc(t.message.id)).all().map(toMessage),
    getMessage(id) {
      const row = db.select().from(t.message).where(eq(t.message.id, id)).get();
      return row ? toMessage(row) : undefined;
    },
    updateMessageDelivery(id, patch) {
      const row = db.update(t.message).set(patch).where(eq(t.message.id, id)).returning({ conversationId: t.message.conversationId }).get();
      if (row) bump(row.conversationId);
    },
    moveMessages(messageIds, toConversationId) {
      db.update(t.message).set({ conversationId: toConversationId }).where(inArray(t.message.id, messageIds)).run();
      bump(toConversationId);
    },
    insertConversation(c) {
      const id = nextId();
      db.insert(t.conversation).values({ ...c, id }).run();
      touched.add(id);
      return id;
    },
    notify(n) {
      // The id is taken even when the store skips the row (a repeated mention), exactly as the hub does.
      notifications.write([{ ...n, id: nextId(), actorId, messageId: null }], now);
    },
    moveThread(fromId, toId) {
      db.update(t.message).set({ conversationId: toId }).where(eq(t.message.conversationId, fromId)).run();
      db.update(t.note).set({ conversationId: toId }).where(eq(t.note.conversationId, fromId)).run();
      bump(fromId);
      bump(toId);
    },
    threadSummary(conversationId) {
      const m = db
        .select({ n: sql<number>`count(*)`, last: sql<number | null>`max(${t.message.createdAt})` })
        .from(t.message)
        .where(eq(t.message.conversationId, conversationId))
        .get();
      const newest = db.select({ text: t.message.text }).from(t.message).where(eq(t.message.conversationId, conversationId)).orderBy(sql`${t.message.createdAt} DESC`).limit(1).get();
      const lastNote = db.select({ last: sql<number | null>`max(${t.note.createdAt})` }).from(t.note).where(eq(t.note.conversationId, conversationId)).get();
      const times = [m?.last ?? null, lastNote?.last ?? null].filter((x): x is number => x !== null);
      return { messageCount: m?.n ?? 0, lastAt: times.length ? Math.max(...times) : null, preview: (newest?.text ?? '').slice(0, 140) };
    },
    // The hub keeps the audit log, written when it runs the same mutation.
    audit: () => {},
    getAgentName: (id) => db.select({ name: t.agent.name }).from(t.agent).where(eq(t.agent.id, id)).get()?.name,
    getAgentRole: (id) => db.select({ role: t.agent.role }).from(t.agent).where(eq(t.agent.id, id)).get()?.role as AgentRole | undefined,
    getMacro(id) {
      const row = db.select().from(t.macro).where(eq(t.macro.id, id)).get();
      return row ? toMacro(row) : undefined;
    },
    findMacroByName(name, scope, ownerId) {
      const owner = ownerId === null ? sql`${t.macro.ownerId} IS NULL` : sql`${t.macro.ownerId} = ${ownerId}`;
      const row = db.select().from(t.macro).where(sql`lower(${t.macro.name}) = lower(${name}) AND ${t.macro.scope} = ${scope} AND ${owner}`).get();
      return row ? toMacro(row) : undefined;
    },
    insertMacro({ actions, ...rest }) {
      const id = nextId();
      db.insert(t.macro).values({ ...rest, id, actionsJson: JSON.stringify(actions) }).run();
      return id;
    },
    updateMacro(id, { actions, ...rest }) {
      db.update(t.macro).set({ ...rest, ...(actions ? { actionsJson: JSON.stringify(actions) } : {}) }).where(eq(t.macro.id, id)).run();
    },
    deleteMacro: (id) => void db.delete(t.macro).where(eq(t.macro.id, id)).run(),
    incrementMacroUsage: (id) => void db.update(t.macro).set({ usageCount: sql`${t.macro.usageCount} + 1` }).where(eq(t.macro.id, id)).run(),
  };
}
