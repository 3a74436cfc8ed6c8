/**
 * How fast each hub store bulk-loads a workspace (importEntities) and a fresh replica pulls it
 * back. A measurement, not a test:
 *
 *   npx tsx tests/hub/store-import-speed.ts [--conversations 100000] [--messages 5]
 *
 * PostgreSQL runs in a throwaway cluster (tests/support/postgres.ts) with fsync off, as in tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HubStore } from '../../src-server/store/contract';
import { openPostgresStore } from '../../src-server/store/postgres-store';
import { openSqliteStore } from '../../src-server/store/sqlite-store';
import { createTestDatabase, startPostgresCluster } from '../support/postgres';
import { conversationBatches } from './store-rows';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i < 0 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 1 || (name === 'messages' && value > 99)) throw new Error(`--${name} takes a whole number (messages: 1 to 99)`);
  return value;
}

async function measure(label: string, store: HubStore, conversations: number, messages: number): Promise<void> {
  const started = performance.now();
  const rows = await store.importEntities(conversationBatches(conversations, messages, 5_000));
  const importSeconds = (performance.now() - started) / 1000;

  const pullStarted = performance.now();
  let cursor = '';
  let pulled = 0;
  for (;;) {
    const page = await store.pull(cursor, 2_000);
    pulled += page.entities.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  const pullSeconds = (performance.now() - pullStarted) / 1000;
  if (pulled !== rows) throw new Error(`${label}: imported ${rows} rows but pulled ${pulled}`);
  const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en-US');
  console.log(
    `${label.padEnd(10)} import ${rows.toLocaleString('en-US')} rows in ${importSeconds.toFixed(1)} s = ${rate(rows, importSeconds)} rows/s; ` +
      `pull (pages of 2,000) ${rate(pulled, pullSeconds)} rows/s`,
  );
}

async function main(): Promise<void> {
  const conversations = option('conversations', 100_000);
  const messages = option('messages', 5);
  console.log(`${conversations.toLocaleString('en-US')} conversations with ${messages} messages each, ${os.cpus().length} cores`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-hub-speed-'));
  const sqlite = await openSqliteStore(dir);
  try {
    await measure('SQLite', sqlite, conversations, messages);
  } finally {
    await sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const cluster = await startPostgresCluster();
  try {
    const db = await createTestDatabase(cluster.adminUrl);
    const postgres = await openPostgresStore(db.url);
    try {
      await measure('PostgreSQL', postgres, conversations, messages);
    } finally {
      await postgres.close();
    }
  } finally {
    await cluster.stop();
  }
}

await main();
