import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src-shared/api';
import { connectApi, startConsoleProcess, tempDir, type ApiConnection, type ConsoleProcess } from '../support/console-process';

// Drafts, wake-up and split over the real core, restarted on the same data folder where it matters.
const dataDir = tempDir('workflows');
let consoleProcess: ConsoleProcess;
let conn: ApiConnection;

async function start(): Promise<void> {
  consoleProcess = await startConsoleProcess({ dataDir, args: ['--demo-conversations', '200'] });
  conn = await connectApi(consoleProcess);
}

async function restart(): Promise<void> {
  conn.close();
  await consoleProcess.stop();
  await start();
}

async function openConversationWith(minMessages: number): Promise<number> {
  const { rows } = await conn.api.call('inbox.list', { view: { kind: 'open' }, offset: 0, limit: 200 });
  const row = rows.find((r) => r.messageCount >= minMessages);
  if (!row) throw new Error(`no open conversation with ${minMessages} messages in the demo data`);
  return row.id;
}

beforeAll(start);
afterAll(async () => {
  conn?.close();
  await consoleProcess?.stop();
});

describe('conversation workflows over the core API', () => {
  it('keeps a draft across a restart of the core and forgets it once deleted', async () => {
    const id = await openConversationWith(1);
    await conn.api.call('draft.save', { conversationId: id, mode: 'reply', body: 'Half-written answer' });
    await conn.api.call('draft.save', { conversationId: id, mode: 'note', body: 'Half-written note' });
    await restart();
    expect((await conn.api.call('draft.get', { conversationId: id })).draft).toMatchObject({ mode: 'note', body: 'Half-written note' });
    expect(await conn.api.call('draft.delete', { conversationId: id })).toEqual({ deleted: true });
    expect((await conn.api.call('draft.get', { conversationId: id })).draft).toBeNull();
    await expect(conn.api.call('draft.save', { conversationId: 999_999, mode: 'reply', body: 'x' })).rejects.toBeInstanceOf(ApiError);
  });

  it('wakes a snoozed conversation whose time passed while the core was down', async () => {
    const id = await openConversationWith(1);
    const until = Date.now() + 1_000;
    await conn.api.call('mutate', { name: 'setStatus', args: { conversationId: id, to: 'snoozed', snoozedUntil: until } });
    expect((await conn.api.call('conversation.get', { id })).conversation.status).toBe('snoozed');
    conn.close();
    await consoleProcess.stop();
    while (Date.now() <= until) await new Promise((r) => setTimeout(r, 100));
    await start();
    expect((await conn.api.call('conversation.get', { id })).conversation.status).toBe('open');
    const { entries } = await conn.api.call('outbox.list', { limit: 5 });
    expect(entries[0]).toMatchObject({ name: 'wake', args: { conversationId: id } });
  });

  it('splits the later messages into a new conversation with the reason on both', async () => {
    const id = await openConversationWith(3);
    const before = await conn.api.call('conversation.get', { id });
    const moving = before.messages.slice(1).map((m) => m.id);
    await conn.api.call('mutate', {
      name: 'split',
      args: { conversationId: id, messageIds: moving, reason: 'Asked about a second order', sourceNoteId: randomUUID(), targetNoteId: randomUUID() },
    });
    const source = await conn.api.call('conversation.get', { id });
    expect(source.messages.map((m) => m.id)).toEqual([before.messages[0]!.id]);
    expect(source.conversation.messageCount).toBe(1);
    const note = source.notes.find((n) => n.body.includes('Asked about a second order'))!;
    const newId = Number(/#(\d+)/.exec(note.body)![1]);
    const target = await conn.api.call('conversation.get', { id: newId });
    expect(target.conversation).toMatchObject({ customerId: before.conversation.customerId, channel: before.conversation.channel, messageCount: moving.length, status: 'open' });
    expect(target.messages.map((m) => m.id)).toEqual(moving);
    expect(target.notes[0]!.body).toBe(`Split from #${id}. Reason: Asked about a second order`);
  });

  it('notifies the new assignee of a handover, not the agent handing over', async () => {
    const id = await openConversationWith(1);
    const info = await conn.api.call('app.info', {});
    const other = info.agents.find((a) => a.id !== info.me.id)!;
    const before = await conn.api.call('notifications.list', { limit: 10 });
    await conn.api.call('mutate', { name: 'assign', args: { conversationId: id, to: other.id, handoverNote: { id: randomUUID(), body: 'Next step: refund' } } });
    const detail = await conn.api.call('conversation.get', { id });
    expect(detail.conversation.assigneeId).toBe(other.id);
    expect(detail.notes.find((n) => n.kind === 'handover')).toMatchObject({ body: 'Next step: refund', mentions: [other.id] });
    // The notification is for the other agent's desktops: this desktop's list is unchanged.
    expect(await conn.api.call('notifications.list', { limit: 10 })).toEqual(before);
  });
});
