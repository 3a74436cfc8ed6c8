import path from 'node:path';
import { hashPassword } from '../../src-server/auth/passwords';
import type { HubStore } from '../../src-server/store/contract';
import { openPostgresStore } from '../../src-server/store/postgres-store';
import { openSqliteStore } from '../../src-server/store/sqlite-store';
import { openReplica, type ReplicaDb } from '../../src-main/core/db/open';
import { seedDemoWorkspace } from '../../src-main/core/seed';
import { createEntityStatements } from '../../src-main/core/sync/entity-tables';
import { importReplica } from '../../src-main/core/sync/embedded-hub';
import { repoRoot, tempDir } from '../../tests/support/console-process';
import { startHubProcess, type HubProcess } from '../../tests/support/hub-process';
import { createTestDatabase, type PostgresCluster } from '../../tests/support/postgres';

export type Backend = 'sqlite' | 'postgres';
export const BENCH_PASSWORD = 'bench password, long enough';

/** A demo workspace in a scratch replica: the rows a hub imports and a desktop then pulls. */
export function seedSource(conversations: number): ReplicaDb {
  const { db } = openReplica(tempDir('sync-bench-source'), path.join(repoRoot, 'src-main/core/db/migrations'));
  seedDemoWorkspace(db, { conversations, seed: 1 });
  return db;
}

export interface BenchHub {
  backend: Backend;
  process: HubProcess;
  agents: { id: number; email: string }[];
  importSeconds: number;
  /** The store, opened from the bench process (after the hub stopped, for SQLite). */
  openStore(): Promise<HubStore>;
  stop(): Promise<void>;
}

/** Imports `source` into a fresh hub store of `backend`, gives every agent a password, and serves it from its own process. */
export async function startBenchHub(backend: Backend, source: ReplicaDb, cluster: PostgresCluster | null): Promise<BenchHub> {
  const dataDir = tempDir(`sync-bench-hub-${backend}`);
  const databaseUrl = backend === 'postgres' ? (await createTestDatabase(cluster!.adminUrl)).url : undefined;
  const openStore = () => (databaseUrl ? openPostgresStore(databaseUrl) : openSqliteStore(dataDir));
  const store = await openStore();
  const t0 = performance.now();
  await importReplica(source, createEntityStatements(source.$client), store);
  const importSeconds = (performance.now() - t0) / 1000;
  const agents = source.$client.prepare('SELECT id, email FROM agent ORDER BY id').all() as { id: number; email: string }[];
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  for (const a of agents) await store.users.update(a.id, { passwordHash });
  await store.close();
  const hubProcess = await startHubProcess({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
  return { backend, process: hubProcess, agents, importSeconds, openStore, stop: () => hubProcess.stop() };
}

/** Samples a process's resident memory every `ms` until stopped; returns the peak in MB. */
export function sampleRss(read: () => number | null, ms = 250): { stop(): number } {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, read() ?? 0)), ms);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, read() ?? 0);
      return Math.round(peak / 1024 / 1024);
    },
  };
}
