import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { HubStore } from '../../src-server/store/contract';
import { openPostgresStore } from '../../src-server/store/postgres-store';
import { openSqliteStore } from '../../src-server/store/sqlite-store';
import type { OutpostApi } from '../../src-shared/api';
import { DB_FILE } from '../../src-main/core/db/open';
import { ENTITY_KINDS } from '../../src-shared/sync/rows';
import { connectApi, startConsoleProcess, tempDir, type ApiConnection, type ConsoleProcess } from '../support/console-process';
import { waitFor } from '../support/desktop-core';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { appliedMutations, hubState } from '../support/replica-rows';
import { seedTeamStore, type TeamAgent } from '../support/team-hub';

/**
 * Power cuts: the hub and a desktop core are each killed with SIGKILL in the middle of syncing a
 * backlog, then started again on the same data. Nothing may be lost, nothing applied twice, and
 * both databases must pass their integrity checks.
 */
const SHARED_KINDS = ENTITY_KINDS.filter((k) => k !== 'notification' && k !== 'qa_review');

interface Desktop {
  process: ConsoleProcess;
  conn: ApiConnection;
  api: OutpostApi;
}

async function startDesktop(dataDir: string, hubUrl: string, agent: TeamAgent): Promise<Desktop> {
  const process = await startConsoleProcess({ dataDir, env: { OUTPOST_HUB_URL: hubUrl, OUTPOST_HUB_EMAIL: agent.email, OUTPOST_HUB_PASSWORD: agent.password } });
  const conn = await connectApi(process);
  return { process, conn, api: conn.api };
}

async function kill9(d: Desktop): Promise<void> {
  d.conn.close();
  const exited = new Promise((r) => d.process.child.once('exit', r));
  d.process.child.kill('SIGKILL');
  await exited;
}

/** Queues `n` notes and tags on open conversations; returns the note ids. */
async function queueWork(api: OutpostApi, conversationIds: number[], n: number, label: string): Promise<string[]> {
  const notes: string[] = [];
  for (let i = 0; i < n; i++) {
    const conversationId = conversationIds[i % conversationIds.length]!;
    const id = randomUUID();
    notes.push(id);
    await api.call('mutate', { name: 'addNote', args: { id, conversationId, body: `${label} ${i}: customer called again` } });
    if (i % 3 === 0) await api.call('mutate', { name: 'addTag', args: { conversationId, tag: `${label}-${i % 4}` } });
  }
  return notes;
}

async function inStep(api: OutpostApi, timeoutMs = 60_000): Promise<void> {
  await waitFor(async () => {
    const s = await api.call('sync.state', {});
    return s.status === 'online' && s.pending === 0;
  }, timeoutMs, 'the desktop to be in step with the hub');
}

function integrityOk(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

async function scenario(open: () => Promise<HubStore>, hubEnv: { dataDir: string; databaseUrl?: string }): Promise<void> {
  const seeding = await open();
  const agents = await seedTeamStore(seeding, { conversations: 60 });
  await seeding.close();

  let hub: HubProcess = await startHubProcess(hubEnv);
  const port = hub.port;
  const dataDir = tempDir('crash-desktop');
  let desktop = await startDesktop(dataDir, hub.url, agents[0]!);
  const notes: string[] = [];
  // A failed check must not leave a hub or a core running after the test.
  try {
    await inStep(desktop.api);
    const hot = (await desktop.api.call('inbox.list', { view: { kind: 'open' }, offset: 0, limit: 12 })).rows.map((r) => r.id);

    // 1. The hub dies in the middle of taking a backlog.
    // Killed while the desktop is still making changes and pushing them one burst after another.
    const busy = queueWork(desktop.api, hot, 120, 'during-hub-crash');
    await new Promise((r) => setTimeout(r, 60));
    await hub.kill9();
    notes.push(...(await busy));
    expect((await desktop.api.call('sync.state', {})).pending, 'the hub died before the burst was through').toBeGreaterThan(0);
    notes.push(...(await queueWork(desktop.api, hot, 60, 'while-hub-down')));
    hub = await startHubProcess({ ...hubEnv, port });
    await desktop.api.call('sync.retry', {});
    await inStep(desktop.api);

    // 2. The desktop dies in the middle of pushing its offline backlog.
    await hub.stop();
    notes.push(...(await queueWork(desktop.api, hot, 150, 'before-desktop-crash')));
    hub = await startHubProcess({ ...hubEnv, port });
    await desktop.api.call('sync.retry', {});
    await new Promise((r) => setTimeout(r, 40));
    expect((await desktop.api.call('sync.state', {})).pending, 'the desktop is killed before its backlog is through').toBeGreaterThan(0);
    await kill9(desktop);
    desktop = await startDesktop(dataDir, hub.url, agents[0]!);
    await inStep(desktop.api);
  } finally {
    desktop.conn.close();
    if (desktop.process.child.signalCode === null) await desktop.process.stop();
    await hub.stop();
  }

  // Nothing lost, nothing twice, both databases sound.
  const store = await open();
  try {
    const expected = await hubState(store, SHARED_KINDS);
    for (const id of notes) expect(expected.has(`note/${id}`), `note ${id}`).toBe(true);
    const replica = new Database(path.join(dataDir, DB_FILE), { readonly: true });
    try {
      const noteIds = replica.prepare('SELECT id FROM note').pluck().all() as string[];
      expect(noteIds.length).toBe(new Set(noteIds).size);
      for (const id of notes) expect(noteIds.includes(id), `note ${id} on the desktop`).toBe(true);
      const hubNotes = [...expected.keys()].filter((k) => k.startsWith('note/')).length;
      expect(noteIds.length).toBe(hubNotes);
      const clientId = replica.prepare('SELECT client_id FROM sync_state').pluck().get() as string;
      const outbox = replica.prepare("SELECT count(*) FROM mutation_outbox WHERE status != 'rejected'").pluck().get();
      expect(outbox).toBe(0);
      const perMutation = new Map([...(await appliedMutations(store))].filter(([key]) => key.startsWith(`${clientId}/`)));
      expect([...perMutation.values()].filter((n) => n !== 1)).toEqual([]);
      expect(perMutation.size).toBeGreaterThanOrEqual(notes.length);
    } finally {
      replica.close();
    }
    expect(integrityOk(path.join(dataDir, DB_FILE))).toBe('ok');
    if (!hubEnv.databaseUrl) expect(integrityOk(path.join(hubEnv.dataDir, 'hub.db'))).toBe('ok');
  } finally {
    await store.close();
  }
}

describe('kill -9 of the hub and of a desktop core mid-sync', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const d of databases) await d.drop();
  });

  it('loses and duplicates nothing on a SQLite hub', async () => {
    const dataDir = tempDir('crash-hub');
    await scenario(() => openSqliteStore(dataDir), { dataDir });
  }, 240_000);

  it('loses and duplicates nothing on a PostgreSQL hub', async () => {
    const db = await createTestDatabase();
    databases.push(db);
    await scenario(() => openPostgresStore(db.url), { dataDir: tempDir('crash-hub-pg'), databaseUrl: db.url });
  }, 240_000);
});
