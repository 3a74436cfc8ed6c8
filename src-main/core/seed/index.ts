import type { Category, Channel, ConversationStatus } from '../../../src-shared/domain';
import type { ReplicaDb } from '../db/open';
import { CATEGORY_MIX, CHANNEL_MIX, CONVERSATIONS_PER_CUSTOMER, DAY, HISTORY_SPAN, HOUR, MINUTE, STATUS_MIX } from './mix';
import { makeOrder } from './orders';
import { makeAgents, makeCustomer } from './people';
import { Random } from './random';
import { writeStaff } from './staff';
import { makeThread, type ThreadContext } from './threads';
import { catalog } from './templates';
import { SeedWriter } from './writer';
import { seedNotifications } from './notifications';
import { seedMailShowcase } from './mail-showcase';

export interface SeedOptions {
  conversations: number;
  seed?: number;
  /** The demo's "today": the history ends here. Defaults to the current time. */
  now?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedSummary {
  customers: number;
  conversations: number;
  messages: number;
  notes: number;
  orders: number;
  csat: number;
  elapsedMs: number;
}

/** Conversations per transaction: large enough to amortize commits, small enough to stream. */
const CHUNK = 5_000;
export const MAX_SEED_CONVERSATIONS = 1_000_000;

/** Categories whose conversations are about an order the customer placed (pre-sale questions are not). */
const ORDERLESS: ReadonlySet<Category> = new Set(['product_questions', 'other']);

interface Plan {
  status: ConversationStatus;
  category: Category;
  channel: Channel;
  createdAt: number;
}

/** The backlog is recent; history is spread over two years, denser lately as the shop grew. */
function plannedStart(rng: Random, status: ConversationStatus, now: number): number {
  if (status === 'open' || status === 'pending' || status === 'snoozed') {
    return Math.floor(now - 10 * MINUTE - Math.min(rng.exponential(3 * DAY), 25 * DAY));
  }
  const minAge = status === 'closed' ? 4 * DAY : 12 * HOUR;
  return Math.floor(now - minAge - (HISTORY_SPAN - minAge) * (1 - Math.sqrt(rng.next())));
}

function plan(rng: Random, now: number): Plan {
  const status = STATUS_MIX.draw(rng);
  return { status, category: CATEGORY_MIX.draw(rng), channel: CHANNEL_MIX.draw(rng), createdAt: plannedStart(rng, status, now) };
}

/**
 * Fills an empty replica with a realistic, deterministic demo shop: same seed and `now`, same
 * database. Rows are generated customer by customer and written in chunked transactions, so a
 * million conversations stream through without being held in memory.
 */
export function seedDemoWorkspace(db: ReplicaDb, opts: SeedOptions): SeedSummary {
  const total = opts.conversations;
  if (!Number.isInteger(total) || total < 0 || total > MAX_SEED_CONVERSATIONS) {
    throw new RangeError(`conversations must be an integer from 0 to ${MAX_SEED_CONVERSATIONS}, got ${total}`);
  }
  const client = db.$client;
  const existing = client.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM conversation LIMIT 1)').get() as { n: number };
  if (existing.n > 0) throw new Error('the replica already has conversations; demo data is only seeded into an empty one');

  const started = performance.now();
  const now = opts.now ?? Date.now();
  const rng = new Random(opts.seed ?? 1);
  const agents = makeAgents();
  const localAgent = agents[catalog.localAgentIndex] as (typeof agents)[number];
  const frontline = agents.filter((a) => a.role !== 'admin');
  const ctx: ThreadContext = { rng, now, agents, frontline, localAgent, nextMessageId: 1, nextNoteSeq: 1, nextCsatId: 1 };
  const writer = new SeedWriter(client);
  const counts = { customers: 0, conversations: 0, orders: 0, notes: 0 };

  writer.begin();
  try {
    writeStaff(client, rng, now, agents, localAgent);
    let sinceCommit = 0;
    while (counts.conversations < total) {
      const k = Math.min(CONVERSATIONS_PER_CUSTOMER.draw(rng), total - counts.conversations);
      const plans = Array.from({ length: k }, () => plan(rng, now)).sort((a, b) => a.createdAt - b.createdAt);
      const firstContact = (plans[0] as Plan).createdAt;
      const customer = makeCustomer(rng, ++counts.customers, plans.map((p) => p.channel), firstContact - rng.int(1, 400) * DAY);
      writer.customer(customer);

      // Some customers have older orders they never wrote about.
      for (let extra = rng.pick([0, 0, 0, 1, 1, 2]); extra > 0; extra--) {
        const placedAt = customer.createdAt + Math.floor(rng.next() * (firstContact - customer.createdAt));
        writer.order(makeOrder(rng, ++counts.orders, customer.id, placedAt, { category: null, active: false, now }));
      }
      plans.forEach((p, i) => {
        const active = p.status === 'open' || p.status === 'pending' || p.status === 'snoozed';
        const placedAt = p.createdAt - rng.int(1, 20) * DAY - rng.int(0, 23) * HOUR;
        const hasOrder = !ORDERLESS.has(p.category) || rng.chance(0.3);
        const order = makeOrder(rng, counts.orders + 1, customer.id, placedAt, { category: p.category, active, now });
        if (hasOrder) {
          writer.order(order);
          counts.orders++;
        }
        const thread = makeThread(ctx, { ...p, id: ++counts.conversations, customer, order: order.facts, repeat: i > 0 });
        writer.thread(thread);
        counts.notes += thread.notes.length;
      });

      writer.flushIfFull();
      sinceCommit += k;
      if (sinceCommit >= CHUNK) {
        writer.commit();
        opts.onProgress?.(counts.conversations, total);
        writer.begin();
        sinceCommit = 0;
      }
    }
    writer.commit();
    client.transaction(() => seedMailShowcase(client, now, () => ctx.nextMessageId++))();
    seedNotifications(client, localAgent.id);
  } catch (e) {
    if (client.inTransaction) client.exec('ROLLBACK');
    throw e;
  }
  opts.onProgress?.(counts.conversations, total);

  return {
    customers: counts.customers,
    conversations: counts.conversations,
    messages: ctx.nextMessageId - 1,
    notes: counts.notes,
    orders: counts.orders,
    csat: ctx.nextCsatId - 1,
    elapsedMs: Math.round(performance.now() - started),
  };
}
