import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src-shared/api';
import { DB_FILE } from '../../src-main/core/db/open';
import { connectApi, startConsoleProcess, tempDir, type ApiConnection, type ConsoleProcess } from '../support/console-process';

let consoleProcess: ConsoleProcess;
let conn: ApiConnection;
let replica: Database.Database;

beforeAll(async () => {
  const dataDir = tempDir('notifications');
  consoleProcess = await startConsoleProcess({ dataDir, args: ['--demo-conversations', '400'] });
  conn = await connectApi(consoleProcess);
  // Other agents' notifications are not readable through my API: check them in the replica itself.
  replica = new Database(path.join(dataDir, DB_FILE), { readonly: true });
});

afterAll(async () => {
  replica?.close();
  conn?.close();
  await consoleProcess?.stop();
});

function rowsFor(agentId: number, conversationId: number) {
  return replica.prepare('SELECT kind, actor_id AS actorId, note_id AS noteId, read_at AS readAt FROM notification WHERE agent_id = ? AND conversation_id = ?').all(agentId, conversationId);
}

describe('notifications', () => {
  it('the demo workspace starts with unread mentions and assignments for me, newest first', async () => {
    const { notifications, unread } = await conn.api.call('notifications.list', { limit: 50 });
    expect(unread).toBeGreaterThan(0);
    expect(new Set(notifications.map((n) => n.kind))).toEqual(new Set(['mention', 'assignment']));
    const mention = notifications.find((n) => n.kind === 'mention')!;
    expect(mention.excerpt).toBeTruthy();
    expect(mention.subject).not.toBe('');
    const times = notifications.map((n) => n.createdAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await conn.api.call('notifications.counts', {})).unread).toBe(unread);
  });

  it('a note mentioning a colleague notifies them, in the same change; mentioning myself notifies nobody', async () => {
    const { me, agents } = await conn.api.call('app.info', {});
    const colleague = agents.find((a) => a.id !== me.id)!;
    const { rows } = await conn.api.call('inbox.list', { view: { kind: 'open' }, limit: 1 });
    const conversationId = rows[0]!.id;
    const noteId = crypto.randomUUID();
    await conn.api.call('mutate', { name: 'addNote', args: { id: noteId, conversationId, body: `@${colleague.name} please check`, mentions: [colleague.id, me.id] } });
    expect(rowsFor(colleague.id, conversationId)).toEqual([{ kind: 'mention', actorId: me.id, noteId, readAt: null }]);
    expect(rowsFor(me.id, conversationId).filter((r) => (r as { noteId: string }).noteId === noteId)).toEqual([]);
    // The same note pushed again (a retry) adds neither a note nor a notification.
    await conn.api.call('mutate', { name: 'addNote', args: { id: noteId, conversationId, body: 'again', mentions: [colleague.id] } });
    expect(rowsFor(colleague.id, conversationId)).toHaveLength(1);
  });

  it('assigning to a colleague notifies them; a refused mutation writes nothing', async () => {
    const { me, agents } = await conn.api.call('app.info', {});
    const colleague = agents.filter((a) => a.id !== me.id)[1]!;
    const { rows } = await conn.api.call('inbox.list', { view: { kind: 'unassigned' }, limit: 1 });
    const conversationId = rows[0]!.id;
    const stale = await conn.api.call('mutate', { name: 'assign', args: { conversationId, to: colleague.id, expectedAssignee: colleague.id } }).catch((e: unknown) => e);
    expect((stale as ApiError).kind).toBe('conflict');
    expect(rowsFor(colleague.id, conversationId)).toEqual([]);
    await conn.api.call('mutate', { name: 'assign', args: { conversationId, to: colleague.id } });
    expect(rowsFor(colleague.id, conversationId)).toEqual([{ kind: 'assignment', actorId: me.id, noteId: null, readAt: null }]);
  });

  it('marks some or all of mine read, and says how many are left', async () => {
    const before = await conn.api.call('notifications.list', { unreadOnly: true, limit: 50 });
    const first = before.notifications[0]!;
    const some = await conn.api.call('notifications.markRead', { ids: [first.id] });
    expect(some).toEqual({ updated: 1, unread: before.unread - 1 });
    const after = await conn.api.call('notifications.list', { unreadOnly: true, limit: 50 });
    expect(after.notifications.map((n) => n.id)).not.toContain(first.id);
    const all = await conn.api.call('notifications.markRead', { all: true });
    expect(all).toEqual({ updated: before.unread - 1, unread: 0 });
  });

  it('refuses a mark-read call that names nothing', async () => {
    const err = await conn.api.call('notifications.markRead', { ids: [] } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).kind).toBe('invalid');
  });
});
