import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src-server/store/postgres-store';
import type { HubStore } from '../../src-server/store/contract';
import { SYNC_PROTOCOL_VERSION, SYNC_SCHEMA_VERSION, type PushedMutation } from '../../src-shared/sync/protocol';
import { ENTITY_KINDS, type EntityKind } from '../../src-shared/sync/rows';
import { startDesktop, waitFor, type Desktop } from '../support/desktop-core';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { appliedMutations, hubState, replicaState } from '../support/replica-rows';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { startTeamHub, type TeamHub } from '../support/team-hub';

/**
 * Several desktops with random offline periods make conflicting changes to the same few
 * conversations; duplicated and reordered pushes are replayed on top. In the end every replica
 * equals the hub, and every mutation a desktop made was applied exactly once or refused.
 * Seeded: the seed is printed, and SYNC_SEED=<n> replays a run.
 */
const SEED = Number(process.env.SYNC_SEED ?? Math.floor(Math.random() * 1_000_000));
const STEPS = 70;
const SHARED_KINDS = ENTITY_KINDS.filter((k): k is Exclude<EntityKind, 'notification' | 'qa_review'> => k !== 'notification' && k !== 'qa_review');
const TAGS = ['wismo', 'vip', 'carrier-delay', 'refund-requested'];
const NEXT: Record<string, string[]> = { open: ['pending', 'solved', 'snoozed'], pending: ['open', 'solved'], solved: ['open', 'closed'], snoozed: ['open'], closed: [] };

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Peer {
  desktop: Desktop;
  line: TcpProxy;
  online: boolean;
  /** Outbox ids of every mutation the desktop accepted locally. */
  made: number[];
  /** Copies of pushed batches, replayed later duplicated and out of order. */
  captured: PushedMutation[];
}

const stateOf = (d: Desktop) => d.core.db.$client.prepare('SELECT client_id AS clientId, token FROM sync_state').get() as { clientId: string; token: string };

async function settled(p: Peer, hubVersion: () => Promise<number>): Promise<void> {
  await p.desktop.api.call('sync.retry', {});
  await waitFor(
    async () => {
      const s = await p.desktop.api.call('sync.state', {});
      const pending = p.desktop.core.db.$client.prepare("SELECT count(*) FROM mutation_outbox WHERE status != 'rejected'").pluck().get();
      const seen = p.desktop.core.db.$client.prepare('SELECT hub_version FROM sync_state').pluck().get() as number;
      return s.status === 'online' && pending === 0 && seen === (await hubVersion());
    },
    30_000,
    `desktop ${stateOf(p.desktop).clientId} to settle (seed ${SEED})`,
  );
}

async function play(hub: TeamHub, rand: () => number): Promise<Peer[]> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const peers: Peer[] = [];
  for (const agent of hub.agents.slice(0, 3)) {
    const line = await startTcpProxy(hub.port);
    const desktop = await startDesktop({ teamHub: { hubUrl: line.url, email: agent.email, password: agent.password } });
    peers.push({ desktop, line, online: true, made: [], captured: [] });
  }
  for (const p of peers) await settled(p, () => hub.store.version());
  const hot = (peers[0]!.desktop.core.db.$client.prepare("SELECT id FROM conversation WHERE status IN ('open','pending') ORDER BY id LIMIT 6").pluck().all() as number[]);
  const agentIds = hub.agents.map((a) => a.id);

  for (let step = 0; step < STEPS; step++) {
    const p = pick(peers);
    if (rand() < 0.15) {
      p.online = !p.online;
      if (p.online) await p.line.restore();
      else await p.line.cut();
      continue;
    }
    // A burst on one conversation from two desktops: the conflicts the rules must decide.
    const targets = rand() < 0.3 ? [p, pick(peers)] : [p];
    const conversationId = pick(hot);
    for (const t of targets) {
      const c = t.desktop.core.db.$client.prepare('SELECT status, assignee_id AS assigneeId FROM conversation WHERE id = ?').get(conversationId) as { status: string; assigneeId: number | null };
      const r = rand();
      const m =
        r < 0.2 ? { name: 'addTag' as const, args: { conversationId, tag: pick(TAGS) } }
        : r < 0.3 ? { name: 'removeTag' as const, args: { conversationId, tag: pick(TAGS) } }
        : r < 0.45 ? { name: 'addNote' as const, args: { id: randomUUID(), conversationId, body: `step ${step}: checked the carrier` } }
        : r < 0.65 && NEXT[c.status]!.length ? { name: 'setStatus' as const, args: { conversationId, to: pick(NEXT[c.status]!) as 'open', expectedFrom: c.status as 'open', ...(c.status === 'open' ? { snoozedUntil: Date.now() + 3_600_000 } : {}) } }
        : r < 0.8 ? { name: 'assign' as const, args: { conversationId, to: pick(agentIds), expectedAssignee: c.assigneeId } }
        : r < 0.9 ? { name: 'setPriority' as const, args: { conversationId, priority: pick(['low', 'normal', 'high', 'urgent'] as const) } }
        : { name: 'reply' as const, args: { conversationId, text: `Reply at step ${step}` } };
      try {
        const { outboxId } = await t.desktop.api.call('mutate', m);
        t.made.push(outboxId);
        t.captured.push({ id: outboxId, name: m.name, args: m.args, createdAt: Date.now() });
      } catch {
        // Refused locally (e.g. a transition this replica already knows is impossible): never queued, nothing to check.
      }
    }
    if (rand() < 0.3) await new Promise((r) => setTimeout(r, rand() * 150));
  }
  for (const p of peers) {
    p.online = true;
    await p.line.restore();
  }
  for (const p of peers) await settled(p, () => hub.store.version());
  return peers;
}

/** Replays captured pushes duplicated and shuffled, as a flaky network would: the hub must ignore every one. */
async function replayDuplicates(hub: TeamHub, peers: Peer[], rand: () => number): Promise<void> {
  for (const p of peers) {
    if (!p.captured.length) continue;
    const { clientId, token } = stateOf(p.desktop);
    // Only what the hub has settled: a mutation this desktop refused itself on a rebase was never sent.
    const settledUpTo = (await hub.store.clients.get(clientId))!.lastMutationId;
    const sent = p.captured.filter((m) => m.id <= settledUpTo);
    const shuffled = [...sent, ...sent].sort(() => rand() - 0.5).slice(0, 400);
    const before = await hub.store.version();
    const res = await fetch(`${hub.url}/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, schemaVersion: SYNC_SCHEMA_VERSION, clientId, mutations: shuffled }),
    });
    expect(res.status, `seed ${SEED}`).toBe(200);
    expect(((await res.json()) as { results: unknown[] }).results, `seed ${SEED}: a replayed mutation was applied again`).toEqual([]);
    expect(await hub.store.version(), `seed ${SEED}`).toBe(before);
  }
}

async function checkConverged(hub: TeamHub, peers: Peer[]): Promise<void> {
  const expected = await hubState(hub.store, SHARED_KINDS);
  for (const p of peers) {
    const actual = replicaState(p.desktop.core.db, SHARED_KINDS);
    const differing = [...new Set([...expected.keys(), ...actual.keys()])].filter((k) => JSON.stringify(expected.get(k)) !== JSON.stringify(actual.get(k)));
    expect(differing.slice(0, 5).map((k) => ({ k, hub: expected.get(k), replica: actual.get(k) })), `seed ${SEED}: replica differs from the hub`).toEqual([]);
    const me = (await p.desktop.api.call('app.info', {})).me.id;
    const mine = await hubState(hub.store, ['notification'], me);
    const myRows = [...replicaState(p.desktop.core.db, ['notification'])].filter(([, r]) => r.agentId === me);
    expect(new Map(myRows), `seed ${SEED}: notifications differ`).toEqual(mine);
  }

  // Exactly once: each locally accepted mutation is in the hub's audit once, or refused (never both).
  const applied = await appliedMutations(hub.store);
  for (const p of peers) {
    const { clientId } = stateOf(p.desktop);
    const refused = new Set(p.desktop.core.db.$client.prepare("SELECT id FROM mutation_outbox WHERE status = 'rejected'").pluck().all() as number[]);
    for (const id of p.made) {
      const n = applied.get(`${clientId}/${id}`) ?? 0;
      expect({ id, applied: n, refused: refused.has(id) }, `seed ${SEED}`).toEqual({ id, applied: refused.has(id) ? 0 : 1, refused: refused.has(id) });
    }
  }
}

async function runScenario(openStore?: () => Promise<HubStore>): Promise<void> {
  process.stdout.write(`sync convergence seed=${SEED} (replay with SYNC_SEED=${SEED})\n`);
  const rand = mulberry32(SEED);
  const hub = await startTeamHub({ conversations: 40, ...(openStore ? { openStore } : {}) });
  let peers: Peer[] = [];
  try {
    peers = await play(hub, rand);
    await replayDuplicates(hub, peers, rand);
    await checkConverged(hub, peers);
  } finally {
    for (const p of peers) {
      await p.desktop.close();
      await p.line.close();
    }
    await hub.close();
  }
}

describe(`randomized convergence (seed ${SEED})`, () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const d of databases) await d.drop();
  });

  it('converges on a SQLite hub', () => runScenario(), 180_000);

  it('converges on a PostgreSQL hub', async () => {
    const db = await createTestDatabase();
    databases.push(db);
    await runScenario(() => openPostgresStore(db.url));
  }, 180_000);
});
