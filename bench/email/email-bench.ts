/**
 * `npm run bench -- email [--messages N] [--arrivals N] [--backends sqlite,postgres] [--quick] [--out FILE]`
 * Against a throwaway Dovecot on loopback: fill a support mailbox with N realistic messages
 * (Maildir files written directly, then indexed by Dovecot); for each hub store, the hub process
 * with its mail runner ingests it and a signed-in desktop replica receives it (messages per
 * second until the desktop holds all, hub peak memory); mbsync pulls the same mailbox for
 * comparison; then new mail delivered one at a time over LMTP is timed until it is in the
 * desktop's replica. Prints a table and writes bench/results/email.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../../tests/support/console-process';
import { startDovecot } from '../../tests/support/dovecot';
import { startPostgresCluster, type PostgresCluster } from '../../tests/support/postgres';
import { machineInfo } from '../lib/machine';
import type { Backend } from '../sync/hub-fixture';
import { copyMaildir, fillMaildir } from './maildir-fill';
import { measureArrival, startMailHub } from './mail-hub';
import { runMbsync } from './mbsync';

const TARGETS = { rateVsMbsync: 0.7, arrivalP95Ms: 1_500 };

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      messages: { type: 'string' },
      arrivals: { type: 'string' },
      backends: { type: 'string', default: 'sqlite' },
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const whole = (name: string, v: string, max: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}, got ${v}`);
    return n;
  };
  const backends = values.backends.split(',') as Backend[];
  if (!backends.every((b) => b === 'sqlite' || b === 'postgres')) throw new Error(`--backends takes sqlite and/or postgres, got ${values.backends}`);
  return {
    messages: whole('messages', values.messages ?? (values.quick ? '500' : '20000'), 1_000_000),
    arrivals: whole('arrivals', values.arrivals ?? (values.quick ? '20' : '100'), 10_000),
    backends,
    out: path.resolve(values.out ?? path.join(repoRoot, 'bench/results/email.json')),
  };
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const row = (cells: (string | number)[]) => say(cells.map((c, i) => String(c).padEnd(i === 0 ? 34 : 14)).join(''));

export async function run(args: string[]): Promise<void> {
  const opts = options(args);
  const dovecot = await startDovecot();
  const cluster: PostgresCluster | null = opts.backends.includes('postgres') ? await startPostgresCluster() : null;
  const results: Record<string, unknown> = {};
  let fill;
  let mbsync;
  try {
    const PASSWORD = 'bench-mailbox-pw';
    dovecot.addUser('bench0', PASSWORD);
    say(`filling a mailbox with ${opts.messages} messages (Maildir files, then Dovecot indexes) ...`);
    fill = await fillMaildir(dovecot, 'bench0', PASSWORD, opts.messages);
    say(`fill: ${fill.messages} messages, ${(fill.bytes / 1024 / 1024).toFixed(0)} MB, ${fill.attachments} with attachments, in ${fill.seconds} s (${fill.messagesPerSec}/s; Dovecot's index ${fill.indexSeconds} s)`);

    say('mbsync pulling the same mailbox ...');
    mbsync = runMbsync(dovecot, 'bench0', PASSWORD, opts.messages);
    say(`mbsync: ${mbsync.messages} messages in ${mbsync.seconds} s (${mbsync.messagesPerSec}/s)`);

    for (const [i, backend] of opts.backends.entries()) {
      // Each hub syncs its own copy: the arrivals of one run must not be in the next one's mailbox.
      const user = `bench${i + 1}`;
      dovecot.addUser(user, PASSWORD);
      copyMaildir(dovecot, 'bench0', user);
      say(`\n== ${backend}: initial sync into the hub and on to a desktop ...`);
      const hub = await startMailHub(backend, cluster, dovecot, user, PASSWORD, opts.messages);
      try {
        const s = hub.initialSync;
        say(`initial sync: ${s.messages} messages (${s.conversations} conversations, ${s.customers} customers) on the desktop in ${s.seconds} s, ${s.messagesPerSec}/s (the hub had filed them all after ${s.hubIngestSeconds} s, using ${s.hubCpuSeconds} s of CPU); first mail after ${s.firstMessageSeconds} s; hub peak ${s.hubPeakRssMB} MB`);
        say(`arrival: ${opts.arrivals} messages one at a time over LMTP ...`);
        const arrival = await measureArrival(hub, dovecot, user, opts.arrivals, opts.messages);
        say(`arrival to desktop: p50 ${arrival.p50.toFixed(0)} ms, p95 ${arrival.p95.toFixed(0)} ms (target p95 < ${TARGETS.arrivalP95Ms} ms)`);
        results[backend] = { initialSync: s, rateVsMbsync: Math.round((s.messagesPerSec / mbsync.messagesPerSec) * 100) / 100, arrivalMs: arrival };
      } finally {
        await hub.stop();
      }
    }
  } finally {
    await cluster?.stop();
    await dovecot.stop();
  }

  say('');
  row(['', 'msg/s', 'seconds', 'vs mbsync', 'hub peak MB', 'arrival p50', 'arrival p95']);
  row(['fill (Maildir write + index)', fill.messagesPerSec, fill.seconds, '', '', '', '']);
  row(['mbsync -a', mbsync.messagesPerSec, mbsync.seconds, '1', '', '', '']);
  for (const [backend, r] of Object.entries(results) as [string, { initialSync: { messagesPerSec: number; seconds: number; hubPeakRssMB: number }; rateVsMbsync: number; arrivalMs: { p50: number; p95: number } }][]) {
    row([`hub (${backend}) → desktop`, r.initialSync.messagesPerSec, r.initialSync.seconds, r.rateVsMbsync, r.initialSync.hubPeakRssMB, `${r.arrivalMs.p50.toFixed(0)} ms`, `${r.arrivalMs.p95.toFixed(0)} ms`]);
  }
  const report = { bench: 'email', machine: machineInfo(), messages: opts.messages, arrivals: opts.arrivals, targets: TARGETS, fill, mbsync, results };
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  fs.writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
  say(`\nresults written to ${opts.out}`);
}
