import { randomUUID } from 'node:crypto';
import type { PushedMutation } from '../../src-shared/sync/protocol';
import { createIdAllocator } from '../../src-shared/sync/ids';
import { latency, type Latency } from '../lib/stats';
import { SimDesktop } from './sim-desktop';

const TAGS = ['wismo', 'carrier-delay', 'vip', 'refund-requested', 'follow-up', 'damaged'];
const NEXT_STATUS: Record<string, string[]> = { open: ['pending', 'solved'], pending: ['open', 'solved'], solved: ['open'] };

/** What an agent does all day, weighted roughly as in our demo data: tags, notes, status, assignment, replies. */
function realisticMutation(sim: SimDesktop, agents: number[], rand: () => number): PushedMutation | undefined {
  const convs = sim.conversations().filter((c) => c.status !== 'closed' && c.mergedIntoId === null);
  const c = convs[Math.floor(rand() * convs.length)];
  if (!c) return undefined;
  const conversationId = c.id as number;
  const r = rand();
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  if (r < 0.2) return sim.mutation('addTag', { conversationId, tag: pick(TAGS) });
  if (r < 0.3) return sim.mutation('removeTag', { conversationId, tag: pick(TAGS) });
  if (r < 0.5) return sim.mutation('addNote', { id: randomUUID(), conversationId, body: `Checked the carrier portal for #${conversationId}; label scanned, no movement since.` });
  if (r < 0.65) {
    const to = pick(NEXT_STATUS[c.status as string] ?? ['open']);
    return sim.mutation('setStatus', { conversationId, to, expectedFrom: c.status });
  }
  if (r < 0.8) return sim.mutation('assign', { conversationId, to: pick(agents), expectedAssignee: c.assigneeId });
  return sim.mutation('reply', { conversationId, text: 'Thanks for your patience: your parcel is moving again and should arrive within two working days.' });
}

export interface LoadResult {
  desktops: number;
  seconds: number;
  pushed: number;
  accepted: number;
  rejected: number;
  acceptedPerSecond: number;
  pushLatencyMs: Latency;
  /** Pushes sent a second time on purpose (a lost answer's retry): the hub must skip them. */
  duplicatePushes: number;
  /** Requests retried after a dropped connection. */
  retriedRequests: number;
  lost: number;
  duplicated: number;
  divergedReplicas: number;
}

/**
 * `desktops` simulated desktops push realistic mutations for `seconds` against one hub and pull
 * on every poke; then every accepted mutation is checked against the hub's audit log (exactly
 * once) and every replica against a fresh full pull (identical shared state).
 */
export async function runLoad(opts: {
  hubUrl: string;
  logins: { email: string; password: string }[];
  desktops: number;
  seconds: number;
  /** How many times the hub's audit log records each `clientId/mutationId` (read after the run). */
  readAudit: () => Promise<Map<string, number>>;
  seed: number;
}): Promise<LoadResult> {
  let s = opts.seed >>> 0;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const sims = Array.from({ length: opts.desktops }, (_, i) => {
    const login = opts.logins[i % opts.logins.length]!;
    return new SimDesktop(opts.hubUrl, login.email, login.password);
  });
  for (const sim of sims) await sim.login();
  const agents = [...new Set(sims.map((x) => x.agentId))];
  await Promise.all(sims.map((sim) => sim.pull()));
  await Promise.all(sims.map((sim) => sim.listen()));

  const latencies: number[] = [];
  const accepted: { sim: SimDesktop; m: PushedMutation }[] = [];
  let pushed = 0;
  let rejected = 0;
  let duplicatePushes = 0;
  const end = Date.now() + opts.seconds * 1000;
  await Promise.all(
    sims.map(async (sim) => {
      let previous: PushedMutation[] = [];
      while (Date.now() < end) {
        const batch = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => realisticMutation(sim, agents, rand)).filter((m): m is PushedMutation => !!m);
        if (!batch.length) break;
        const t0 = performance.now();
        const res = await sim.push(batch);
        latencies.push(performance.now() - t0);
        pushed += batch.length;
        for (const outcome of res.results) {
          const m = batch.find((b) => b.id === outcome.id)!;
          if (outcome.ok) accepted.push({ sim, m });
          else rejected++;
        }
        if (previous.length && rand() < 0.05) {
          duplicatePushes++;
          const again = await sim.push(previous);
          if (again.results.length) throw new Error(`the hub re-applied ${again.results.length} duplicated mutation(s)`);
        }
        previous = batch;
        await new Promise((r) => setTimeout(r, rand() * 200));
      }
    }),
  );

  await Promise.all(sims.map((sim) => sim.pull()));
  const reference = new SimDesktop(opts.hubUrl, opts.logins[0]!.email, opts.logins[0]!.password);
  await reference.login();
  await reference.pull();

  let lost = 0;
  let duplicated = 0;
  const audit = await opts.readAudit();
  for (const { sim, m } of accepted) {
    const n = audit.get(`${sim.clientId}/${m.id}`) ?? 0;
    if (n === 0) lost++;
    if (n > 1) duplicated++;
    // The rows an accepted mutation created must exist, under the id both sides derive.
    if (m.name === 'addNote' && !reference.rows.has(`note/${(m.args as { id: string }).id}`)) lost++;
    if (m.name === 'reply' && !reference.rows.has(`message/${createIdAllocator(sim.clientNo, m.id)()}`)) lost++;
  }

  // Notifications and QA reviews are per-agent by design; everything else must be identical everywhere.
  const shared = (sim: SimDesktop) =>
    JSON.stringify([...sim.rows].filter(([k]) => !k.startsWith('notification/') && !k.startsWith('qa_review/')).sort(([a], [b]) => (a < b ? -1 : 1)));
  const expected = shared(reference);
  const divergedReplicas = sims.filter((sim) => shared(sim) !== expected).length;
  for (const sim of [...sims, reference]) sim.close();

  return {
    desktops: opts.desktops,
    seconds: opts.seconds,
    pushed,
    accepted: accepted.length,
    rejected,
    acceptedPerSecond: Math.round(accepted.length / opts.seconds),
    pushLatencyMs: latency(latencies),
    duplicatePushes,
    retriedRequests: sims.reduce((n, sim) => n + sim.retries, 0),
    lost,
    duplicated,
    divergedReplicas,
  };
}
