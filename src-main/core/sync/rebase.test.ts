import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../../src-shared/sync/protocol';
import { ENTITY_KINDS, entityId } from '../../../src-shared/sync/rows';
import { mutationEntityId } from '../../../src-shared/sync/ids';
import { createConversationQueries } from '../conversations/queries';
import { openReplica, type ReplicaDb } from '../db/open';
import { seedDemoWorkspace } from '../seed';
import { ENTITY_TABLES } from './entity-tables';
import { createReplicaSync, type ReplicaSync } from './replica-sync';

const migrationsDir = path.resolve(import.meta.dirname, '../db/migrations');
const NOW = Date.UTC(2026, 10, 24, 12);
const CLIENT_NO = 3;
const ME = 3;
const COLLEAGUE = 4;

let dir: string;
let db: ReplicaDb;
let sync: ReplicaSync;
let conversations: ReturnType<typeof createConversationQueries>;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-rebase-'));
  db = openReplica(dir, migrationsDir).db;
  seedDemoWorkspace(db, { conversations: 40, seed: 5, now: NOW });
  conversations = createConversationQueries(db);
  sync = createReplicaSync(db, conversations, () => ME);
  sync.state.link({ clientId: '0b5c3a52-3f0e-4d1e-9f3b-6a2c9f0e1d2c', clientNo: CLIENT_NO, mode: 'embedded', hubUrl: null, hubEmail: null, token: null });
});

afterEach(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sql = (d: ReplicaDb) => d.$client;
const one = <T>(q: string, ...p: unknown[]) => sql(db).prepare(q).get(...p) as T;
const all = <T>(q: string, ...p: unknown[]) => sql(db).prepare(q).all(...p) as T[];
const openConversation = () => one<{ id: number }>("SELECT id FROM conversation WHERE status = 'open' ORDER BY id LIMIT 1").id;
const ftsHits = (word: string) => all<{ rowid: number }>('SELECT rowid FROM message_fts WHERE message_fts MATCH ?', `"${word}"`).map((r) => r.rowid);
/** The conversation as the hub would send it: the synced row, without this desktop's own columns. */
const hubRow = (kind: 'conversation' | 'message', id: number, patch: Record<string, unknown> = {}): Change => {
  const cols = ENTITY_TABLES[kind].synced.map((c) => `${c.name} AS "${c.key}"`).join(', ');
  const row = one<Record<string, unknown>>(`SELECT ${cols} FROM ${kind} WHERE id = ?`, id);
  if (kind === 'conversation') row.snoozedUntilReply = row.snoozedUntilReply === 1;
  return { kind, id: String(id), data: { ...row, ...patch } };
};
const page = (over: Partial<Parameters<ReplicaSync['rebase']['applyPage']>[0]>) =>
  sync.rebase.applyPage({ changes: [], cursor: 'c1', lastMutationId: 0, rejected: [], version: 2, final: true, ...over }, NOW + 10_000);

describe('local mutations', () => {
  it('take ids from the client number and the outbox id, and leave a before-image of every column', () => {
    const id = openConversation();
    const before = one<Record<string, unknown>>('SELECT * FROM conversation WHERE id = ?', id);
    const { outboxId } = sync.mutations.apply(ME, 'reply', { conversationId: id, text: 'Parcel zebrafinch is on its way' }, NOW);
    const messageId = mutationEntityId(CLIENT_NO, outboxId, 0);
    expect(one<{ text: string }>('SELECT text FROM message WHERE id = ?', messageId).text).toContain('zebrafinch');
    const images = all<{ kind: string; entityId: string; beforeJson: string | null }>('SELECT kind, entity_id AS entityId, before_json AS beforeJson FROM sync_undo ORDER BY kind');
    expect(images.find((i) => i.kind === 'message')).toEqual({ kind: 'message', entityId: String(messageId), beforeJson: null });
    const image = JSON.parse(images.find((i) => i.kind === 'conversation')!.beforeJson!) as Record<string, unknown>;
    expect(Object.keys(image).sort()).toEqual(ENTITY_TABLES.conversation.columns.map((c) => c.key).sort());
    expect(image.status).toBe(before.status);
    expect(image.version).toBe(before.version);
  });

  it('never reuse a mutation id, even after the outbox was emptied', () => {
    const id = openConversation();
    const first = sync.mutations.apply(ME, 'addTag', { conversationId: id, tag: 'vip' }, NOW).outboxId;
    page({ lastMutationId: first, changes: [] });
    expect(all('SELECT * FROM mutation_outbox')).toEqual([]);
    expect(sync.mutations.apply(ME, 'addTag', { conversationId: id, tag: 'gift' }, NOW).outboxId).toBe(first + 1);
  });
});

describe('rebase', () => {
  it("replaces acknowledged optimistic rows with the hub's, keeping full-text search right", () => {
    const id = openConversation();
    const { outboxId } = sync.mutations.apply(ME, 'reply', { conversationId: id, text: 'Your quokka parcel ships today' }, NOW);
    const messageId = mutationEntityId(CLIENT_NO, outboxId, 0);
    // The hub ran the same mutation a little later and then a colleague edited nothing but the subject.
    const hubMessage = hubRow('message', messageId, { text: 'Your quokka parcel ships today', createdAt: NOW + 5, deliveryStatus: 'sent' });
    const hubConversation = hubRow('conversation', id, { lastActivityAt: NOW + 5, subject: 'Renamed by the hub' });
    const outcome = page({ lastMutationId: outboxId, changes: [hubConversation, hubMessage] });

    expect(outcome.changed).toBe(true);
    expect(outcome.conversationIds).toContain(id);
    expect(all('SELECT * FROM mutation_outbox')).toEqual([]);
    expect(all('SELECT * FROM sync_undo')).toEqual([]);
    expect(one<{ deliveryStatus: string }>('SELECT delivery_status AS deliveryStatus FROM message WHERE id = ?', messageId).deliveryStatus).toBe('sent');
    expect(conversations.getConversation(id)?.subject).toBe('Renamed by the hub');
    expect(ftsHits('quokka')).toEqual([messageId]);
    expect(one('SELECT cursor, acked_mutation_id AS acked, hub_version AS version FROM sync_state')).toEqual({ cursor: 'c1', acked: outboxId, version: 2 });
  });

  it('runs pending mutations again on top of the hub state, with the same ids', () => {
    const id = openConversation();
    const { outboxId } = sync.mutations.apply(ME, 'reply', { conversationId: id, text: 'Wombat socks restocked' }, NOW);
    const messageId = mutationEntityId(CLIENT_NO, outboxId, 0);
    // A colleague's tag arrives before the hub saw our reply.
    page({ changes: [{ kind: 'conversation_tag', id: `${id}:priority-customer`, data: { conversationId: id, tag: 'priority-customer' } }] });

    expect(conversations.getConversation(id)?.tags).toContain('priority-customer');
    expect(one<{ n: number }>('SELECT count(*) AS n FROM message WHERE id = ?', messageId).n).toBe(1);
    expect(ftsHits('wombat')).toEqual([messageId]);
    expect(all<{ status: string }>('SELECT status FROM mutation_outbox')).toEqual([{ status: 'pending' }]);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM sync_undo').n).toBeGreaterThan(0);
  });

  it('rejects a pending mutation the hub state now refuses, leaving the replica equal to the hub', () => {
    const id = openConversation();
    const { outboxId } = sync.mutations.apply(ME, 'setStatus', { conversationId: id, to: 'pending', expectedFrom: 'open' }, NOW);
    const solvedByColleague = hubRow('conversation', id, { status: 'solved', resolvedAt: NOW + 1 });
    page({ changes: [solvedByColleague] });

    const c = one<Record<string, unknown>>(`SELECT ${ENTITY_TABLES.conversation.synced.map((x) => `${x.name} AS "${x.key}"`).join(', ')} FROM conversation WHERE id = ?`, id);
    expect({ ...c, snoozedUntilReply: c.snoozedUntilReply === 1 }).toEqual(solvedByColleague.data);
    expect(all('SELECT id, status, last_error AS lastError FROM mutation_outbox')).toEqual([{ id: outboxId, status: 'rejected', lastError: 'status is solved, not open' }]);
  });

  it('puts a reply the hub rejected back into the draft and takes its message out of search', () => {
    const id = openConversation();
    sql(db).prepare("INSERT INTO draft (conversation_id, mode, body, updated_at) VALUES (?, 'reply', 'typed since', 0)").run(id);
    const { outboxId } = sync.mutations.apply(ME, 'reply', { conversationId: id, text: 'Platypus voucher enclosed' }, NOW);
    expect(ftsHits('platypus')).toHaveLength(1);
    const outcome = page({ lastMutationId: outboxId, rejected: [{ id: outboxId, message: 'Maya replied while you were offline — your reply is back in the draft' }] });

    expect(outcome.rejected).toEqual([{ outboxId, name: 'reply', conversationId: id, message: 'Maya replied while you were offline — your reply is back in the draft' }]);
    expect(ftsHits('platypus')).toEqual([]);
    expect(one<{ body: string }>('SELECT body FROM draft WHERE conversation_id = ?', id).body).toBe('Platypus voucher enclosed\n\ntyped since');
    expect(all<{ status: string }>('SELECT status FROM mutation_outbox')).toEqual([{ status: 'rejected' }]);
  });

  it('keeps pending changes out while a pull is only part-way, and runs them again at its last page', () => {
    const id = openConversation();
    sync.mutations.apply(ME, 'addTag', { conversationId: id, tag: 'gift-wrap' }, NOW);
    page({ final: false, changes: [hubRow('conversation', id, { priority: 'high' })] });
    expect(conversations.getConversation(id)?.tags).not.toContain('gift-wrap');
    page({ final: true, cursor: 'c2' });
    expect(conversations.getConversation(id)).toMatchObject({ priority: 'high' });
    expect(conversations.getConversation(id)?.tags).toContain('gift-wrap');
  });

  it("applies the hub's notes with a local full-text seq, and its deletions", () => {
    const id = openConversation();
    sql(db).prepare("INSERT INTO conversation_tag (conversation_id, tag) VALUES (?, 'stale')").run(id);
    const note = { id: '6d1f3f0e-8c9a-4c1b-9a57-2f0c3b8e7d11', conversationId: id, authorId: COLLEAGUE, kind: 'note', body: 'Called the axolotl courier', mentionsJson: '[]', createdAt: NOW };
    page({ changes: [{ kind: 'note', id: note.id, data: note }, { kind: 'conversation_tag', id: `${id}:stale`, data: null }] });
    const seq = one<{ seq: number }>('SELECT seq FROM note WHERE id = ?', note.id).seq;
    expect(seq).toBe(one<{ m: number }>('SELECT max(seq) AS m FROM note').m);
    expect(all('SELECT rowid FROM note_fts WHERE note_fts MATCH ?', '"axolotl"')).toEqual([{ rowid: seq }]);
    expect(conversations.getConversation(id)?.tags).not.toContain('stale');
  });

  it("indexes a customer's identities for search whichever page brings the customer, and follows changed values", () => {
    const customerHits = (word: string) => all<{ rowid: number }>('SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?', `"${word}"`).map((r) => r.rowid);
    const identity = { id: 900_001, customerId: 900_000, kind: 'email', value: 'okapi.lover@example.com' };
    // A catch-up page in the hub's order can bring the identity before its customer.
    page({ final: false, cursor: 'p1', changes: [{ kind: 'customer_identity', id: '900001', data: identity }] });
    page({ final: true, cursor: 'p2', changes: [{ kind: 'customer', id: '900000', data: { id: 900_000, name: 'Ada Okonkwo', createdAt: NOW } }] });
    expect(customerHits('okapi')).toEqual([900_000]);
    page({ cursor: 'p3', changes: [{ kind: 'customer_identity', id: '900001', data: { ...identity, value: 'ada.tapir@example.com' } }] });
    expect(customerHits('okapi')).toEqual([]);
    expect(customerHits('tapir')).toEqual([900_000]);
    // The hub re-homes the address as a new identity row: one page deletes the old row and adds the new one.
    page({ cursor: 'p4', changes: [{ kind: 'customer_identity', id: '900002', data: { ...identity, id: 900_002, value: 'ada.tapir@example.com' } }, { kind: 'customer_identity', id: '900001', data: null }] });
    expect(all('SELECT id FROM customer_identity WHERE value = ?', 'ada.tapir@example.com')).toEqual([{ id: 900_002 }]);
    expect(customerHits('tapir')).toEqual([900_000]);
    expect(sql(db).pragma('foreign_key_check')).toEqual([]);
  });

  it('a resync empties the synced tables, keeps pending changes and drafts, and remembers which notifications were read', () => {
    const id = openConversation();
    const notification = Number(sql(db).prepare("INSERT INTO notification (agent_id, kind, conversation_id, actor_id, created_at) VALUES (?, 'assignment', ?, ?, ?)").run(ME, id, COLLEAGUE, NOW).lastInsertRowid);
    // The hub's state: every synced row as it is now, sent back in two pages.
    const hubState: Change[] = ENTITY_KINDS.flatMap((kind) => [...sync.entities.scan(kind)].flat().map((row) => ({ kind, id: entityId(kind, row), data: row as unknown as Record<string, unknown> })));
    sql(db).prepare('UPDATE notification SET read_at = 77 WHERE id = ?').run(notification);
    sql(db).prepare("INSERT INTO draft (conversation_id, mode, body, updated_at) VALUES (?, 'note', 'kept', 0)").run(id);
    sync.mutations.apply(ME, 'addTag', { conversationId: id, tag: 'pending-through-resync' }, NOW);
    const counts = () => all<{ n: number }>(`SELECT ${ENTITY_KINDS.map((k) => `(SELECT count(*) FROM ${k})`).join(' + ')} AS n`)[0]!.n;
    const before = counts();

    sync.rebase.wipe(false);
    expect(counts()).toBe(0);
    const half = Math.floor(hubState.length / 2);
    page({ final: false, cursor: 'r1', changes: hubState.slice(half) });
    const outcome = page({ final: true, cursor: 'r2', changes: hubState.slice(0, half) });

    expect(outcome.dangling).toBe(0);
    expect(counts()).toBe(before);
    expect(conversations.getConversation(id)?.tags).toContain('pending-through-resync');
    expect(one<{ body: string }>('SELECT body FROM draft WHERE conversation_id = ?', id).body).toBe('kept');
    expect(one<{ readAt: number }>('SELECT read_at AS readAt FROM notification WHERE id = ?', notification).readAt).toBe(77);
    expect(sql(db).pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('refuses a malformed row whole: nothing applied, the cursor kept', () => {
    const id = openConversation();
    const good = hubRow('conversation', id, { subject: 'Should not land' });
    const bad: Change = { kind: 'message', id: '999999', data: { id: 999999, conversationId: id, text: 42 } };
    expect(() => page({ changes: [good, bad] })).toThrow(/message\./);
    expect(conversations.getConversation(id)?.subject).not.toBe('Should not land');
    expect(one<{ cursor: string }>('SELECT cursor FROM sync_state').cursor).toBe('');
  });
});
