import type { NotificationItem } from '../../../src-shared/api';
import type { NotificationDraft } from '../../../src-shared/notifications';
import type { ReplicaDb } from '../db/open';

const EXCERPT_CHARS = 140;

/**
 * The notification table for one replica. Writes run inside the caller's transaction (same
 * connection), so a mutation and the notifications it causes are stored together or not at all.
 *
 * Hook point for 'reply' notifications: when the sync/inbound path inserts a customer message,
 * it calls `write([{ agentId: assignee, kind: 'reply', conversationId, messageId, actorId: null,
 * noteId: null }], now)` in the transaction that inserts the message.
 */
export function createNotificationStore(db: ReplicaDb) {
  const sqlite = db.$client;
  const insert = sqlite.prepare(
    `INSERT INTO notification (id, agent_id, kind, conversation_id, actor_id, note_id, message_id, created_at)
     SELECT @id, @agentId, @kind, @conversationId, @actorId, @noteId, @messageId, @createdAt
     WHERE EXISTS (SELECT 1 FROM agent WHERE id = @agentId)
       AND (@noteId IS NULL OR NOT EXISTS (SELECT 1 FROM notification WHERE agent_id = @agentId AND note_id = @noteId))`,
  );
  const list = sqlite.prepare(
    `SELECT n.id, n.kind, n.conversation_id AS conversationId, c.subject, cu.name AS customerName, n.actor_id AS actorId,
            substr(nt.body, 1, ${EXCERPT_CHARS}) AS excerpt, n.created_at AS createdAt, n.read_at AS readAt
     FROM notification n JOIN conversation c ON c.id = n.conversation_id JOIN customer cu ON cu.id = c.customer_id
     LEFT JOIN note nt ON nt.id = n.note_id
     WHERE n.agent_id = @agentId AND (@unreadOnly = 0 OR n.read_at IS NULL)
     ORDER BY n.created_at DESC, n.id DESC LIMIT @limit`,
  );
  const unread = sqlite.prepare('SELECT count(*) FROM notification WHERE agent_id = ? AND read_at IS NULL').pluck();
  const markIds = sqlite.prepare('UPDATE notification SET read_at = @now WHERE agent_id = @agentId AND read_at IS NULL AND id IN (SELECT value FROM json_each(@ids))');
  const markAll = sqlite.prepare('UPDATE notification SET read_at = @now WHERE agent_id = @agentId AND read_at IS NULL');

  return {
    /**
     * Writes drafts; a mention already recorded for the same note and agent (a retried push) is
     * skipped. A mutation passes the id it allocated (the hub's row has the same); without one
     * SQLite picks the next.
     */
    write(drafts: (NotificationDraft & { id?: number })[], now: number): number {
      let written = 0;
      for (const d of drafts) written += insert.run({ id: null, ...d, createdAt: now }).changes;
      return written;
    },
    list(agentId: number, unreadOnly: boolean, limit: number): NotificationItem[] {
      return list.all({ agentId, unreadOnly: unreadOnly ? 1 : 0, limit }) as NotificationItem[];
    },
    unread(agentId: number): number {
      return unread.get(agentId) as number;
    },
    markRead(agentId: number, which: { ids: number[] } | { all: true }, now: number): number {
      return 'ids' in which ? markIds.run({ agentId, now, ids: JSON.stringify(which.ids) }).changes : markAll.run({ agentId, now }).changes;
    },
  };
}

export type NotificationStore = ReturnType<typeof createNotificationStore>;
