/**
 * Fills a fresh data folder with the demo shop:
 *   npm run seed -- --conversations N [--data DIR] [--seed S]
 * Refuses folders whose replica already holds conversations rather than mixing two data sets.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DataFolderError, openReplica } from '../src-main/core/db/open';
import { MAX_SEED_CONVERSATIONS, seedDemoWorkspace } from '../src-main/core/seed';

const repoRoot = path.resolve(import.meta.dirname, '..');
const USAGE = 'usage: npm run seed -- --conversations N [--data DIR] [--seed S]';

function fail(message: string): never {
  process.stderr.write(`seed: ${message}\n`);
  process.exit(2);
}

function integerArg(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim())) fail(`--${name} must be a whole number from 0 to ${max.toLocaleString('en-US')}, got "${raw}". ${USAGE}`);
  const n = Number(raw);
  if (n > max) fail(`--${name} must be at most ${max.toLocaleString('en-US')}, got ${raw}. ${USAGE}`);
  return n;
}

function parse() {
  // parseArgs reads "--conversations -5" as a missing value; name the real problem instead.
  const argv = process.argv.slice(2);
  argv.forEach((a, i) => {
    const next = argv[i + 1];
    if (a.startsWith('--') && next !== undefined && /^-\d/.test(next)) fail(`${a} must not be negative, got ${next}. ${USAGE}`);
  });
  try {
    const { values } = parseArgs({
      options: { conversations: { type: 'string' }, data: { type: 'string' }, seed: { type: 'string' } },
      allowPositionals: false,
    });
    return {
      conversations: integerArg('conversations', values.conversations, 20_000, MAX_SEED_CONVERSATIONS),
      seed: integerArg('seed', values.seed, 1, 0xffff_ffff),
      dataDir: path.resolve(values.data ?? path.join(repoRoot, '.data', 'demo')),
    };
  } catch (e) {
    return fail(`${(e as Error).message}. ${USAGE}`);
  }
}

function formatSeconds(s: number): string {
  return s >= 90 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${s.toFixed(s < 10 ? 1 : 0)}s`;
}

/** Redraws one line in a terminal; in a log (not a TTY) prints a line every 10% instead. */
function progressReporter(started: number): (done: number, total: number) => void {
  const tty = process.stderr.isTTY;
  let lastDecile = -1;
  return (done, total) => {
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 ? (total - done) / rate : 0;
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}%  ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} conversations  ${Math.round(rate).toLocaleString('en-US')}/s  ETA ${formatSeconds(eta)}`;
    if (tty) {
      process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
    } else if (Math.floor(pct / 10) > lastDecile) {
      lastDecile = Math.floor(pct / 10);
      process.stderr.write(`${line}\n`);
    }
  };
}

function main(): void {
  const args = parse();
  let opened;
  try {
    opened = openReplica(args.dataDir, path.join(repoRoot, 'src-main', 'core', 'db', 'migrations'));
  } catch (e) {
    if (e instanceof DataFolderError) fail(e.message);
    throw e;
  }
  const { db } = opened;
  const { n } = db.$client.prepare('SELECT count(*) AS n FROM conversation').get() as { n: number };
  if (n > 0) {
    db.$client.close();
    fail(`${args.dataDir} already holds ${n.toLocaleString('en-US')} conversations; pass an empty or new folder with --data DIR.`);
  }
  const summary = seedDemoWorkspace(db, {
    conversations: args.conversations,
    seed: args.seed,
    onProgress: progressReporter(performance.now()),
  });
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  const rate = Math.round(summary.conversations / Math.max(summary.elapsedMs / 1000, 0.001));
  const f = (x: number) => x.toLocaleString('en-US');
  process.stdout.write(
    `Seeded ${f(summary.conversations)} conversations, ${f(summary.messages)} messages, ${f(summary.customers)} customers, ` +
      `${f(summary.orders)} orders, ${f(summary.notes)} notes, ${f(summary.csat)} CSAT ratings into ${args.dataDir} ` +
      `in ${formatSeconds(summary.elapsedMs / 1000)} (${f(rate)} conversations/s)\n`,
  );
}

main();
