/**
 * `npm run bench -- sync [--conversations N] [--desktops N] [--seconds S] [--backends sqlite,postgres] [--out FILE]`
 * On loopback, for each hub store side by side: a fresh replica's catch-up against direct
 * insertion, many simulated desktops pushing for a minute (throughput, latency, lost/duplicated/
 * diverged counts, hub memory) and poke-to-visible between two real desktops.
 * Prints a table and writes bench/results/sync.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { machineInfo } from '../lib/machine';
import { conversationCount } from '../lib/options';
import { repoRoot } from '../../tests/support/console-process';
import { startPostgresCluster, type PostgresCluster } from '../../tests/support/postgres';
import { appliedMutations } from '../../tests/support/replica-rows';
import { runCatchUp } from './catch-up';
import { BENCH_PASSWORD, sampleRss, seedSource, startBenchHub, type Backend } from './hub-fixture';
import { runLoad } from './load';
import { runPokeToVisible } from './poke';

const LOAD_WORKSPACE = 2_000;
const POKE_SAMPLES = 100;

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      conversations: { type: 'string' },
      desktops: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '60' },
      backends: { type: 'string', default: 'sqlite,postgres' },
      out: { type: 'string' },
    },
  });
  const backends = values.backends.split(',') as Backend[];
  if (!backends.every((b) => b === 'sqlite' || b === 'postgres')) throw new Error(`--backends takes sqlite and/or postgres, got ${values.backends}`);
  const whole = (name: string, v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number, got ${v}`);
    return n;
  };
  return {
    conversations: conversationCount(values.conversations, 100_000),
    desktops: whole('desktops', values.desktops),
    seconds: whole('seconds', values.seconds),
    backends,
    out: path.resolve(values.out ?? path.join(repoRoot, 'bench/results/sync.json')),
  };
}

const say = (line: string) => process.stdout.write(`${line}\n`);

export async function run(args: string[]): Promise<void> {
  const opts = options(args);
  const cluster: PostgresCluster | null = opts.backends.includes('postgres') ? await startPostgresCluster() : null;
  const results: Record<string, unknown> = {};
  try {
    say(`seeding ${opts.conversations} conversations for the catch-up, ${LOAD_WORKSPACE} for the load ...`);
    const big = seedSource(opts.conversations);
    const small = seedSource(LOAD_WORKSPACE);
    for (const backend of opts.backends) {
      say(`\n== ${backend}`);
      const catchUpHub = await startBenchHub(backend, big, cluster);
      say(`imported ${opts.conversations} conversations into the hub in ${catchUpHub.importSeconds.toFixed(1)} s; catching up a fresh replica ...`);
      const catchUp = { importSeconds: Math.round(catchUpHub.importSeconds * 10) / 10, ...(await runCatchUp(catchUpHub, big)) };
      await catchUpHub.stop();
      say(`catch-up: ${catchUp.rows} rows in ${catchUp.pullSeconds} s (direct insert ${catchUp.directInsertSeconds} s, ratio ${catchUp.ratio}x)`);

      const loadHub = await startBenchHub(backend, small, cluster);
      say(`load: ${opts.desktops} desktops for ${opts.seconds} s ...`);
      const rss = sampleRss(() => loadHub.process.rssBytes());
      const load = await runLoad({
        hubUrl: loadHub.process.url,
        logins: loadHub.agents.map((a) => ({ email: a.email, password: BENCH_PASSWORD })),
        desktops: opts.desktops,
        seconds: opts.seconds,
        seed: 7,
        readAudit: async () => {
          const store = await loadHub.openStore();
          try {
            return await appliedMutations(store);
          } finally {
            await store.close();
          }
        },
      });
      const loadPeakRssMB = rss.stop();
      say(`load: ${load.acceptedPerSecond} accepted/s, push p50 ${load.pushLatencyMs.p50} ms p95 ${load.pushLatencyMs.p95} ms p99 ${load.pushLatencyMs.p99} ms; lost ${load.lost}, duplicated ${load.duplicated}, diverged ${load.divergedReplicas}; hub peak ${loadPeakRssMB} MB`);
      const poke = await runPokeToVisible(loadHub, POKE_SAMPLES);
      say(`poke-to-visible: p50 ${poke.p50} ms, p95 ${poke.p95} ms (target p95 < 250 ms)`);
      await loadHub.stop();
      results[backend] = { catchUp, load: { ...load, hubPeakRssMB: loadPeakRssMB }, pokeToVisibleMs: poke };
    }
  } finally {
    await cluster?.stop();
  }
  const report = { bench: 'sync', machine: machineInfo(), conversations: opts.conversations, loadWorkspace: LOAD_WORKSPACE, targets: { catchUpRatio: 3, pokeToVisibleP95Ms: 250 }, results };
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  fs.writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
  say(`\nresults written to ${opts.out}`);
}
