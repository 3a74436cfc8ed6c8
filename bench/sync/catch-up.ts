import { ENTITY_KINDS } from '../../src-shared/sync/rows';
import { openReplica, type ReplicaDb } from '../../src-main/core/db/open';
import { startCore } from '../../src-main/core/core';
import path from 'node:path';
import { repoRoot, tempDir } from '../../tests/support/console-process';
import { waitFor } from '../../tests/support/desktop-core';
import { BENCH_PASSWORD, sampleRss, type BenchHub } from './hub-fixture';

export interface CatchUpResult {
  rows: number;
  conversations: number;
  messages: number;
  /** A fresh replica signing in and pulling everything through the hub, until its inbox is whole. */
  pullSeconds: number;
  /** The same rows inserted straight into a fresh replica (same schema, triggers and indexes), in one transaction. */
  directInsertSeconds: number;
  ratio: number;
  hubPeakRssMB: number;
}

/** Every column of every synced table, read out of the source replica once (generated columns excepted). */
function readAll(source: ReplicaDb): { table: string; columns: string[]; rows: unknown[][] }[] {
  return ENTITY_KINDS.map((table) => {
    const columns = (source.$client.prepare(`SELECT name FROM pragma_table_xinfo('${table}') WHERE hidden = 0`).pluck().all() as string[]);
    const rows = source.$client.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).raw().all() as unknown[][];
    return { table, columns, rows };
  });
}

/** The baseline: the cost of merely writing these rows into a replica, with no network, JSON or sync logic. */
function directInsert(source: ReplicaDb): { seconds: number; rows: number } {
  const tables = readAll(source);
  const { db } = openReplica(tempDir('sync-bench-direct'), path.join(repoRoot, 'src-main/core/db/migrations'));
  const t0 = performance.now();
  db.$client.pragma('defer_foreign_keys = ON');
  db.$client.transaction(() => {
    for (const { table, columns, rows } of tables) {
      const insert = db.$client.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const r of rows) insert.run(r);
    }
  })();
  const seconds = (performance.now() - t0) / 1000;
  db.$client.close();
  return { seconds, rows: tables.reduce((n, t) => n + t.rows.length, 0) };
}

export async function runCatchUp(hub: BenchHub, source: ReplicaDb): Promise<CatchUpResult> {
  const count = (db: ReplicaDb, table: string) => db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const conversations = count(source, 'conversation');
  const messages = count(source, 'message');
  const direct = directInsert(source);

  const rss = sampleRss(() => hub.process.rssBytes());
  const t0 = performance.now();
  const core = await startCore({ dataDir: tempDir('sync-bench-desktop'), teamHub: { hubUrl: hub.process.url, email: hub.agents[0]!.email, password: BENCH_PASSWORD } });
  await waitFor(
    async () => {
      const s = core.sync.state();
      return s.status === 'online' && s.catchUp === null && count(core.db, 'message') === messages && count(core.db, 'conversation') === conversations;
    },
    1_800_000,
    'the fresh replica to catch up',
  );
  const pullSeconds = (performance.now() - t0) / 1000;
  const hubPeakRssMB = rss.stop();
  await core.close();
  return {
    rows: direct.rows,
    conversations,
    messages,
    pullSeconds: Math.round(pullSeconds * 100) / 100,
    directInsertSeconds: Math.round(direct.seconds * 100) / 100,
    ratio: Math.round((pullSeconds / direct.seconds) * 100) / 100,
    hubPeakRssMB,
  };
}
