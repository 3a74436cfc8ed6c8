import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openReplica, type ReplicaDb } from '../../src-main/core/db/open';
import { seedDemoWorkspace } from '../../src-main/core/seed';
import { splitQuoted } from '../../src-shared/mail/quoted';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const migrationsDir = path.join(repoRoot, 'src-main/core/db/migrations');
const NOW = Date.UTC(2026, 10, 24, 12);
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-seed-test-'));
const opened: ReplicaDb[] = [];

afterAll(() => {
  for (const db of opened) db.$client.close();
  fs.rmSync(tmpRoot, { recursive: true, force: true });
});

function seeded(name: string, conversations: number, seed: number): ReplicaDb {
  const { db } = openReplica(path.join(tmpRoot, name), migrationsDir);
  opened.push(db);
  seedDemoWorkspace(db, { conversations, seed, now: NOW });
  return db;
}

/** Every stored row of every table (FTS shadow tables included), except the migrator's own bookkeeping. */
function dump(db: ReplicaDb): string {
  const tables = db.$client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%drizzle%' ORDER BY name")
    .pluck()
    .all() as string[];
  return JSON.stringify(tables.map((t) => [t, db.$client.prepare(`SELECT * FROM "${t}"`).raw().all()]));
}

function all<T>(db: ReplicaDb, sql: string, ...params: unknown[]): T[] {
  return db.$client.prepare(sql).all(...params) as T[];
}

function one<T>(db: ReplicaDb, sql: string, ...params: unknown[]): T {
  return db.$client.prepare(sql).get(...params) as T;
}

describe('seedDemoWorkspace', () => {
  it('is deterministic: the same seed and now give the same database, another seed a different one', () => {
    const a = dump(seeded('det-a', 300, 42));
    const b = dump(seeded('det-b', 300, 42));
    const c = dump(seeded('det-c', 300, 43));
    expect(a.length).toBeGreaterThan(10_000);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('refuses a replica that already has conversations', () => {
    const db = seeded('twice', 5, 1);
    expect(() => seedDemoWorkspace(db, { conversations: 5, seed: 1, now: NOW })).toThrow(/already has conversations/);
  });

  describe('on 3,000 conversations', () => {
    const db = seeded('mix', 3_000, 7);
    const total = 3_000;

    function shares(column: 'category' | 'channel' | 'status'): Record<string, number> {
      const rows = all<{ k: string; n: number }>(db, `SELECT ${column} AS k, count(*) AS n FROM conversation GROUP BY 1`);
      return Object.fromEntries(rows.map((r) => [r.k, (r.n / total) * 100]));
    }

    it('reports what it wrote', () => {
      expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM conversation').n).toBe(total);
      const avg = one<{ n: number }>(db, 'SELECT count(*) * 1.0 / (SELECT count(*) FROM conversation) AS n FROM message').n;
      expect(avg).toBeGreaterThan(4.5);
      expect(avg).toBeLessThan(5.8);
    });

    it('has a category mix like a real shop', () => {
      const s = shares('category');
      const ranges: Record<string, [number, number]> = {
        shipping_status: [25, 40],
        returns_exchanges: [15, 25],
        product_questions: [10, 20],
        order_changes: [5, 15],
        subscriptions: [5, 15],
        billing: [5, 10],
        checkout_problems: [2, 8],
        other: [0, 8],
      };
      for (const [category, [lo, hi]] of Object.entries(ranges)) {
        expect(s[category] ?? 0, category).toBeGreaterThanOrEqual(lo);
        expect(s[category] ?? 0, category).toBeLessThanOrEqual(hi);
      }
    });

    it('has realistic channel and status mixes', () => {
      const ch = shares('channel');
      expect(ch.email).toBeGreaterThan(38);
      expect(ch.email).toBeLessThan(52);
      expect(ch.chat).toBeGreaterThan(20);
      expect(ch.x).toBeGreaterThan(0.5);
      const st = shares('status');
      expect(st.open).toBeGreaterThan(5);
      expect(st.open).toBeLessThan(11);
      expect((st.solved ?? 0) + (st.closed ?? 0)).toBeGreaterThan(75);
      expect(one<{ n: number }>(db, "SELECT count(*) AS n FROM conversation WHERE status IN ('open','pending') AND created_at < ?", NOW - 60 * 86_400_000).n).toBe(0);
    });

    it('keeps every reference and derived column consistent', () => {
      expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM message m LEFT JOIN conversation c ON c.id = m.conversation_id WHERE c.id IS NULL').n).toBe(0);
      expect(db.$client.pragma('foreign_key_check')).toEqual([]);
      const mismatched = all(
        db,
        `SELECT c.id FROM conversation c
         WHERE c.message_count != (SELECT count(*) FROM message m WHERE m.conversation_id = c.id)
            OR c.preview != substr((SELECT text FROM message m WHERE m.conversation_id = c.id ORDER BY created_at DESC, id DESC LIMIT 1), 1, 140)
            OR c.first_response_at IS NOT (SELECT min(created_at) FROM message m WHERE m.conversation_id = c.id AND direction = 'outbound')
            OR c.last_activity_at < (SELECT max(created_at) FROM message m WHERE m.conversation_id = c.id)
            OR c.last_activity_at > ?`,
        NOW,
      );
      expect(mismatched).toEqual([]);
      const openLastOutbound = one<{ n: number }>(
        db,
        `SELECT count(*) AS n FROM conversation c WHERE c.status = 'open'
         AND (SELECT direction FROM message m WHERE m.conversation_id = c.id ORDER BY created_at DESC, id DESC LIMIT 1) != 'inbound'`,
      );
      expect(openLastOutbound.n).toBe(0);
      expect(one<{ n: number }>(db, "SELECT count(*) AS n FROM message WHERE channel = 'email' AND external_id NOT LIKE '<%@mail.example>'").n).toBe(0);
    });

    it('quotes our previous reply in about 40% of email follow-ups, always in a form the thread folds', () => {
      const followUps = all<{ text: string }>(
        db,
        `SELECT m.text FROM message m WHERE m.channel = 'email' AND m.direction = 'inbound'
         AND m.id != (SELECT min(id) FROM message f WHERE f.conversation_id = m.conversation_id)`,
      );
      const quoting = followUps.filter((m) => /^(On .* wrote:|-----Original Message-----)$/m.test(m.text));
      expect(quoting.length / followUps.length).toBeGreaterThan(0.3);
      expect(quoting.length / followUps.length).toBeLessThan(0.5);
      expect(quoting.some((m) => m.text.includes('-----Original Message-----'))).toBe(true);
      for (const m of quoting) {
        const { body, quoted } = splitQuoted(m.text);
        expect(quoted, m.text).not.toBeNull();
        expect(body).not.toMatch(/wrote:|Original Message/);
      }
    });

    it('has customers reaching out on several channels with several identities', () => {
      const multiChannel = one<{ n: number }>(db, 'SELECT count(*) AS n FROM (SELECT customer_id FROM conversation GROUP BY 1 HAVING count(DISTINCT channel) > 1)');
      expect(multiChannel.n).toBeGreaterThan(50);
      const customers = one<{ n: number }>(db, 'SELECT count(*) AS n FROM customer').n;
      expect(total / customers).toBeGreaterThan(1.15);
      expect(total / customers).toBeLessThan(1.5);
      const kinds = all<{ kind: string }>(db, 'SELECT DISTINCT kind FROM customer_identity ORDER BY 1').map((r) => r.kind);
      expect(kinds).toEqual(['email', 'instagram', 'messenger', 'phone', 'whatsapp', 'x']);
    });

    it('sets up a workspace, a team, a local agent session, macros and orders with shipments', () => {
      expect(one<{ name: string }>(db, 'SELECT name FROM workspace').name).toBe('Northwind Outfitters');
      const roles = all<{ role: string }>(db, 'SELECT DISTINCT role FROM agent ORDER BY 1').map((r) => r.role);
      expect(roles).toEqual(['admin', 'agent', 'onboarding', 'supervisor']);
      expect(one<{ role: string }>(db, 'SELECT a.role FROM local_session s JOIN agent a ON a.id = s.agent_id').role).toBe('agent');
      expect(one<{ n: number }>(db, "SELECT count(*) AS n FROM macro WHERE scope = 'shared'").n).toBeGreaterThan(2);
      const shipment = JSON.parse(one<{ s: string }>(db, "SELECT shipments_json AS s FROM shop_order WHERE shipments_json != '[]' LIMIT 1").s);
      expect(shipment[0]).toMatchObject({ carrier: expect.any(String), trackingNumber: expect.any(String), trackingUrl: expect.stringMatching(/^https:\/\//) });
      expect(one<{ n: number }>(db, "SELECT count(*) AS n FROM shop_order WHERE returns_json != '[]'").n).toBeGreaterThan(0);
      expect(one<{ n: number }>(db, "SELECT count(*) AS n FROM shop_order WHERE refunds_json != '[]'").n).toBeGreaterThan(0);
      expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM csat_rating').n).toBeGreaterThan(0);
    });

    it('writes notes with v4 UUIDs and mentions of real agents', () => {
      const notes = all<{ id: string; mentions: string }>(db, 'SELECT id, mentions_json AS mentions FROM note');
      expect(notes.length).toBeGreaterThan(100);
      for (const n of notes) expect(n.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const mentioned = new Set(notes.flatMap((n) => JSON.parse(n.mentions) as number[]));
      expect(mentioned.size).toBeGreaterThan(0);
      const agentIds = new Set(all<{ id: number }>(db, 'SELECT id FROM agent').map((a) => a.id));
      for (const id of mentioned) expect(agentIds.has(id)).toBe(true);
    });

    it('shows the email channel: an HTML email with a remote image, a refused reply, an out-of-office answer', () => {
      const html = all<{ html: string; status: string }>(db, "SELECT m.html, c.status FROM message m JOIN conversation c ON c.id = m.conversation_id WHERE m.html IS NOT NULL AND m.direction = 'inbound'");
      expect(html).toHaveLength(1);
      expect(html[0]!.status).toBe('open');
      expect(html[0]!.html).toMatch(/<img src="https:\/\/[^"]+"/);
      const failed = all<{ error: string; channel: string; direction: string }>(db, "SELECT delivery_error AS error, channel, direction FROM message WHERE delivery_status = 'failed'");
      expect(failed).toEqual([{ error: expect.stringMatching(/^550 5\.1\.1 <[^>]+@[^>]+>: Recipient address rejected/), channel: 'email', direction: 'outbound' }]);
      const auto = all<{ conversation: number; status: string; count: number; n: number }>(
        db,
        "SELECT c.id AS conversation, c.status, c.message_count AS count, (SELECT count(*) FROM message WHERE conversation_id = c.id) AS n FROM message m JOIN conversation c ON c.id = m.conversation_id WHERE m.auto_kind = 'auto-reply'",
      );
      // It did not reopen the conversation, and the thread's count includes it.
      expect(auto).toEqual([{ conversation: expect.any(Number), status: 'pending', count: auto[0]!.n, n: auto[0]!.n }]);
    });

    it('is searchable: FTS finds seeded phrases, order numbers and identities', () => {
      const match = (table: string, q: string) => all<{ rowid: number }>(db, `SELECT rowid FROM ${table} WHERE ${table} MATCH ?`, q);
      const phrase = match('message_fts', '"label created"');
      expect(phrase.length).toBeGreaterThan(0);
      const text = one<{ text: string }>(db, 'SELECT text FROM message WHERE id = ?', phrase[0]!.rowid).text.toLowerCase();
      expect(text).toContain('label created');
      const withOrder = one<{ id: number; text: string }>(db, "SELECT id, text FROM message WHERE text LIKE '%#NW1%' LIMIT 1");
      const orderNo = /#(NW\d+)/.exec(withOrder.text)![1]!;
      expect(match('message_fts', orderNo).map((r) => r.rowid)).toContain(withOrder.id);
      const email = one<{ value: string; customer_id: number }>(db, "SELECT value, customer_id FROM customer_identity WHERE kind = 'email' LIMIT 1");
      expect(match('customer_fts', `"${email.value}"`).map((r) => r.rowid)).toContain(email.customer_id);
      expect(match('note_fts', 'trac*').length).toBeGreaterThan(0);
    });
  });
});

describe('npm run seed (scripts/seed.ts)', () => {
  function runSeed(...args: string[]) {
    return spawnSync('npx', ['tsx', 'scripts/seed.ts', ...args], { cwd: repoRoot, encoding: 'utf8' });
  }

  it.each([
    [['--conversations', 'abc'], /whole number/],
    [['--conversations', '1000001'], /at most 1,000,000/],
    [['--conversations', '-5'], /must not be negative/],
    [['--seed', 'x1', '--conversations', '3'], /--seed must be a whole number/],
    [['--bogus', '1'], /Unknown option/],
  ])('rejects %j with exit code 2 and a clear message', (args, message) => {
    const r = runSeed(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    // npx may add its own "npm warn" lines about the local npm config; ours is the one line left.
    expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('npm warn'))).toHaveLength(1);
  });

  it('seeds a new folder, then refuses to seed it again', () => {
    const dir = path.join(tmpRoot, 'cli');
    const first = runSeed('--conversations', '40', '--data', dir, '--seed', '3');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^Seeded 40 conversations/);
    const again = runSeed('--conversations', '40', '--data', dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already holds 40 conversations/);
  });
});
