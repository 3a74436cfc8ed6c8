import type Database from 'better-sqlite3';

const MENTIONS = 3;
const ASSIGNMENTS = 2;

/**
 * A few unread notifications for the local agent, so the bell has something to show on a fresh
 * demo: the newest notes by colleagues that mention them, and their newest open conversations as
 * if a supervisor had just assigned them. Derived from the seeded rows, so it is deterministic.
 */
export function seedNotifications(client: Database.Database, localAgentId: number): void {
  const supervisor = client.prepare("SELECT id FROM agent WHERE role IN ('supervisor', 'admin') AND id != ? ORDER BY role DESC, id LIMIT 1").pluck().get(localAgentId) as number | undefined;
  client
    .prepare(
      `INSERT INTO notification (agent_id, kind, conversation_id, actor_id, note_id, created_at)
       SELECT ?, 'mention', conversation_id, author_id, id, created_at FROM note
       WHERE author_id != ? AND EXISTS (SELECT 1 FROM json_each(note.mentions_json) WHERE value = ?)
       ORDER BY created_at DESC, seq DESC LIMIT ${MENTIONS}`,
    )
    .run(localAgentId, localAgentId, localAgentId);
  if (supervisor === undefined) return;
  client
    .prepare(
      `INSERT INTO notification (agent_id, kind, conversation_id, actor_id, created_at)
       SELECT ?, 'assignment', id, ?, last_activity_at FROM conversation
       WHERE assignee_id = ? AND status = 'open' ORDER BY last_activity_at DESC, id DESC LIMIT ${ASSIGNMENTS}`,
    )
    .run(localAgentId, supervisor, localAgentId);
}
