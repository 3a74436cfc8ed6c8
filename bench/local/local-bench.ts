/**
 * The local benchmark: seeds a fresh replica, starts the real core and measures the console's
 * hot paths over its WebSocket API (inbox page, open conversation, search), the same searches
 * as raw SQL, disk size and core memory. Prints a table and writes bench/results/local.json.
 *   npm run bench -- local [--conversations N | --quick] [--out FILE] [--built] [--keep]
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { InboxView } from '../../src-shared/api';
import { viewKey } from '../../src-shared/api';
import { DB_FILE, openReplica } from '../../src-main/core/db/open';
import { toFtsQuery } from '../../src-main/core/search/fts-query';
import { seedDemoWorkspace, type SeedSummary } from '../../src-main/core/seed';
import { conversationCount } from '../lib/options';
import { Random } from '../../src-main/core/seed/random';
import { startCore, type RunningCore } from '../lib/core-process';
import { machineInfo } from '../lib/machine';
import { latency, timeEach, type Latency } from '../lib/stats';
import { searchQueries } from './search-queries';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const QUICK_CONVERSATIONS = 5_000;
const ITERATIONS = { inboxPerView: 200, open: 400, searchPerQuery: 15 };
const VIEWS: InboxView[] = [
  { kind: 'open' },
  { kind: 'mine' },
  { kind: 'unassigned' },
  { kind: 'channel', channel: 'email' },
  { kind: 'category', category: 'shipping_status' },
];
/** The targets for 1M messages on a 2-core machine; reported against, never asserted. */
export const TARGETS = { inboxP95Ms: 10, openP95Ms: 20, searchP95Ms: 50, coreRssMb: 400 };

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      conversations: { type: 'string' },
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      built: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const n = values.quick ? QUICK_CONVERSATIONS : conversationCount(values.conversations, 200_000);
  return { conversations: n, out: path.resolve(values.out ?? path.join(repoRoot, 'bench/results/local.json')), built: values.built, keep: values.keep };
}

export function seed(dataDir: string, conversations: number): SeedSummary & { conversationsPerSec: number; messagesPerSec: number } {
  const { db } = openReplica(dataDir, path.join(repoRoot, 'src-main/core/db/migrations'));
  let lastDecile = -1;
  const summary = seedDemoWorkspace(db, {
    conversations,
    seed: 1,
    onProgress: (done, total) => {
      const decile = Math.floor((done / total) * 10);
      if (decile > lastDecile) process.stderr.write(`seeding ${decile * 10}% (${done.toLocaleString('en-US')} conversations)\n`);
      lastDecile = decile;
    },
  });
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  const seconds = summary.elapsedMs / 1000;
  return { ...summary, conversationsPerSec: Math.round(summary.conversations / seconds), messagesPerSec: Math.round(summary.messages / seconds) };
}

async function measureApi(core: RunningCore, conversations: number, queries: string[]) {
  const { api } = core;
  // Warm up: first calls compile statements and fault pages in; the console pays that once.
  for (const view of VIEWS) await api.call('inbox.list', { view, offset: 0, limit: 50 });
  const rng = new Random(99);
  const inbox: Record<string, Latency> = {};
  const inboxAll: number[] = [];
  for (const view of VIEWS) {
    const samples = await timeEach(Array.from({ length: ITERATIONS.inboxPerView }), () => api.call('inbox.list', { view, offset: 0, limit: 50 }));
    inbox[viewKey(view)] = latency(samples);
    inboxAll.push(...samples);
  }
  const ids = Array.from({ length: ITERATIONS.open }, () => rng.int(1, conversations));
  const open = latency(await timeEach(ids, (id) => api.call('conversation.get', { id })));
  const search: Record<string, Latency> = {};
  const searchAll: number[] = [];
  for (const q of queries) {
    const samples = await timeEach(Array.from({ length: ITERATIONS.searchPerQuery }), () => api.call('search.query', { q, limit: 25 }));
    search[q] = latency(samples);
    searchAll.push(...samples);
  }
  return { inbox: { all: latency(inboxAll), views: inbox }, open, search: { all: latency(searchAll), queries: search } };
}

/** The FTS lookups the core's search makes, straight on the file: what the API adds is the rest. */
async function measureRawSearch(file: string, queries: string[]) {
  const db = new Database(file, { readonly: true });
  const customers = db.prepare('SELECT rowid FROM customer_fts WHERE customer_fts MATCH ? ORDER BY rank LIMIT 5');
  const notes = db.prepare('SELECT rowid FROM note_fts WHERE note_fts MATCH ? ORDER BY rowid DESC LIMIT 25');
  const messages = db.prepare('SELECT rowid FROM message_fts WHERE message_fts MATCH ? ORDER BY rowid DESC LIMIT 400');
  const byQuery: Record<string, Latency> = {};
  const all: number[] = [];
  for (const q of queries) {
    const match = toFtsQuery(q);
    if (!match) continue;
    const samples = await timeEach(Array.from({ length: ITERATIONS.searchPerQuery }), () => {
      customers.all(match);
      notes.all(match);
      messages.all(match);
    });
    byQuery[q] = latency(samples);
    all.push(...samples);
  }
  db.close();
  return { all: latency(all), queries: byQuery };
}

function fileSize(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).size : 0;
}

function printTable(rows: [string, Latency | null, string, number | null][]): void {
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(42) : c.padStart(10))).join(' ');
  process.stdout.write(`${line(['measure', 'p50 ms', 'p95 ms', 'p99 ms', 'target', 'ok'])}\n`);
  for (const [name, l, value, target] of rows) {
    const ok = target === null ? '' : (l ? l.p95 : Number(value)) < target ? 'yes' : 'NO';
    const cells = l ? [l.p50.toFixed(2), l.p95.toFixed(2), l.p99.toFixed(2)] : [value, '', ''];
    process.stdout.write(`${line([name, ...cells, target === null ? '' : `< ${target}`, ok])}\n`);
  }
}

export async function run(args: string[]): Promise<void> {
  const opts = options(args);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-local-'));
  try {
    const seeded = seed(dataDir, opts.conversations);
    const file = path.join(dataDir, DB_FILE);
    const queries = searchQueries(new Database(file, { readonly: true }));
    const core = await startCore(dataDir, { built: opts.built });
    let api;
    let coreRssBytes;
    try {
      const info = await core.api.call('app.info', {});
      if (info.totals.conversations !== opts.conversations) throw new Error(`core sees ${info.totals.conversations} conversations, expected ${opts.conversations}`);
      api = await measureApi(core, opts.conversations, queries);
      coreRssBytes = core.rssBytes();
    } finally {
      await core.stop();
    }
    const raw = await measureRawSearch(file, queries);
    const disk = { dbBytes: fileSize(file), walBytes: fileSize(`${file}-wal`) };
    const result = {
      bench: 'local',
      conversations: opts.conversations,
      machine: machineInfo(),
      seed: seeded,
      inbox: api.inbox,
      open: api.open,
      search: { api: api.search, raw },
      disk: { ...disk, totalBytes: disk.dbBytes + disk.walBytes },
      coreRssBytes,
      targets: TARGETS,
    };
    fs.mkdirSync(path.dirname(opts.out), { recursive: true });
    fs.writeFileSync(opts.out, `${JSON.stringify(result, null, 2)}\n`);

    const mb = (b: number | null) => (b === null ? 'n/a' : (b / 1024 / 1024).toFixed(1));
    process.stdout.write(
      `\nlocal bench: ${seeded.conversations.toLocaleString('en-US')} conversations, ${seeded.messages.toLocaleString('en-US')} messages` +
        ` on ${result.machine.cpuModel} (${result.machine.cores} cores), node ${result.machine.node}\n` +
        `seed: ${seeded.conversationsPerSec.toLocaleString('en-US')} conversations/s, ${seeded.messagesPerSec.toLocaleString('en-US')} messages/s (${(seeded.elapsedMs / 1000).toFixed(1)} s)\n\n`,
    );
    printTable([
      ...Object.entries(api.inbox.views).map(([k, l]): [string, Latency, string, number] => [`inbox page (${k})`, l, '', TARGETS.inboxP95Ms]),
      ['inbox page, all views', api.inbox.all, '', TARGETS.inboxP95Ms],
      ['open conversation', api.open, '', TARGETS.openP95Ms],
      ['search via API, all queries', api.search.all, '', TARGETS.searchP95Ms],
      ['search raw FTS SQL, all queries', raw.all, '', null],
      ['replica on disk, MB (db + wal)', null, mb(result.disk.totalBytes), null],
      ['core resident memory, MB', null, mb(coreRssBytes ?? null), TARGETS.coreRssMb],
    ]);
    const slow = Object.entries(api.search.queries).sort((a, b) => b[1].p95 - a[1].p95).slice(0, 5);
    process.stdout.write(`\nslowest searches (p95 ms, API / raw): ${slow.map(([q, l]) => `"${q}" ${l.p95.toFixed(1)} / ${raw.queries[q]?.p95.toFixed(1)}`).join(', ')}\n`);
    process.stdout.write(`results written to ${opts.out}\n`);
  } finally {
    if (opts.keep) process.stderr.write(`kept the replica in ${dataDir}\n`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
