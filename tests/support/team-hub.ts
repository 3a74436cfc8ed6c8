import path from 'node:path';
import { hashPassword } from '../../src-server/auth/passwords';
import { startHub, type RunningHub } from '../../src-server/hub';
import type { HubStore } from '../../src-server/store/contract';
import { openSqliteStore } from '../../src-server/store/sqlite-store';
import { openReplica } from '../../src-main/core/db/open';
import { seedDemoWorkspace } from '../../src-main/core/seed';
import { createEntityStatements } from '../../src-main/core/sync/entity-tables';
import { importReplica } from '../../src-main/core/sync/embedded-hub';
import { repoRoot, tempDir } from './console-process';

export interface TeamAgent {
  id: number;
  name: string;
  email: string;
  password: string;
}

/** A team hub on loopback over a real SQLite store, holding a demo workspace; its agents sign in with passwords. */
export interface TeamHub {
  url: string;
  port: number;
  store: HubStore;
  agents: TeamAgent[];
  stop(): Promise<void>;
  /** Listens again on the same port after `stop()`. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Fills an empty hub store with a demo workspace whose agents sign in with a known password. */
export async function seedTeamStore(store: HubStore, opts: { conversations: number; seed?: number }): Promise<TeamAgent[]> {
  // The team's workspace: the demo generator into a scratch replica, imported like an embedded hub's first start.
  const { db } = openReplica(tempDir('team-seed'), path.join(repoRoot, 'src-main/core/db/migrations'));
  seedDemoWorkspace(db, { conversations: opts.conversations, seed: opts.seed ?? 1 });
  await store.migrate();
  await importReplica(db, createEntityStatements(db.$client), store);
  const rows = db.$client.prepare('SELECT id, name, email FROM agent ORDER BY id').all() as Omit<TeamAgent, 'password'>[];
  db.$client.close();
  const passwordHash = await hashPassword(TEAM_PASSWORD);
  for (const a of rows) await store.users.update(a.id, { passwordHash });
  return rows.map((a) => ({ ...a, password: TEAM_PASSWORD }));
}
const TEAM_PASSWORD = 'correct horse battery staple';

/** `openStore` picks the store (PostgreSQL in the sync suites); SQLite in a temp folder by default. */
export async function startTeamHub(opts: { conversations: number; seed?: number; openStore?: () => Promise<HubStore> }): Promise<TeamHub> {
  const store = opts.openStore ? await opts.openStore() : await openSqliteStore(path.join(tempDir('team-hub'), 'hub'));
  const agents = await seedTeamStore(store, opts);

  let hub: RunningHub | null = await startHub({ store });
  const port = hub.port;
  return {
    url: hub.url,
    port,
    store,
    agents,
    async stop() {
      await hub?.close();
      hub = null;
    },
    async start() {
      hub ??= await startHub({ store, port });
    },
    async close() {
      await hub?.close();
      hub = null;
      await store.close();
    },
  };
}
