import type Database from 'better-sqlite3';
import type { ConversationRow as SyncedConversationRow } from '../../../src-shared/sync/rows';
import type { SeedOrder } from './orders';
import type { CustomerProfile } from './people';

/** A seeded conversation: the synced row without what only later changes set, and always with SLA clocks. */
export type ConversationRow = Omit<SyncedConversationRow, 'mergedIntoId' | 'snoozedUntilReply' | 'slaFirstResponseDueAt' | 'slaResolutionDueAt'> & {
  slaFirstResponseDueAt: number;
  slaResolutionDueAt: number;
};

export interface MessageRow {
  id: number;
  direction: 'inbound' | 'outbound';
  authorAgentId: number | null;
  text: string;
  externalId: string | null;
  deliveryStatus: string;
  createdAt: number;
}

export interface NoteRow {
  id: string;
  seq: number;
  authorId: number;
  kind: 'note' | 'handover';
  body: string;
  mentions: number[];
  createdAt: number;
}

export interface CsatRow {
  id: number;
  score: number;
  comment: string | null;
  createdAt: number;
}

export interface SeedThread {
  conversation: ConversationRow;
  messages: MessageRow[];
  notes: NoteRow[];
  csat: CsatRow | null;
  tags: string[];
}

/** SQLite's limit on host parameters per statement bounds the rows per multi-row INSERT. */
const MAX_PARAMETERS = 32_766;
/** Messages buffered before a flush; every table is flushed at that moment, parents first. */
const FLUSH_AT_MESSAGES = 3_000;

/**
 * Buffers one table's rows and writes them as multi-row INSERTs. Why: an INSERT that fires an
 * FTS trigger opens a statement savepoint, and FTS5 flushes its pending index at every savepoint;
 * one statement per batch instead of per row makes seeding about three times faster.
 */
class BatchedInsert {
  private values: unknown[] = [];
  private readonly statements = new Map<number, Database.Statement>();

  constructor(
    private readonly client: Database.Database,
    private readonly head: string,
    private readonly row: string,
    private readonly width: number,
  ) {}

  add(...values: unknown[]): void {
    for (const v of values) this.values.push(v);
  }

  get rows(): number {
    return this.values.length / this.width;
  }

  flush(): void {
    const limit = Math.floor(MAX_PARAMETERS / this.width);
    for (let at = 0; at < this.values.length; at += limit * this.width) {
      const chunk = this.values.slice(at, at + limit * this.width);
      this.statement(chunk.length / this.width).run(chunk);
    }
    this.values = [];
  }

  private statement(rows: number): Database.Statement {
    let s = this.statements.get(rows);
    if (!s) {
      s = this.client.prepare(`${this.head} VALUES ${Array<string>(rows).fill(this.row).join(', ')}`);
      this.statements.set(rows, s);
    }
    return s;
  }
}

/**
 * Raw prepared statements with positional parameters: the generator writes millions of rows and
 * drizzle's per-row object mapping would dominate the time. Column lists mirror db/schema.ts;
 * tables are flushed parents first so foreign keys hold at every statement.
 */
export class SeedWriter {
  private readonly customers: BatchedInsert;
  private readonly identities: BatchedInsert;
  private readonly orders: BatchedInsert;
  private readonly conversations: BatchedInsert;
  private readonly tags: BatchedInsert;
  private readonly messages: BatchedInsert;
  private readonly notes: BatchedInsert;
  private readonly csat: BatchedInsert;
  private nextIdentityId = 1;

  constructor(private readonly client: Database.Database) {
    const table = (head: string, width: number, row = `(${Array<string>(width).fill('?').join(', ')})`) =>
      new BatchedInsert(client, head, row, width);
    this.customers = table('INSERT INTO customer (id, name, created_at)', 3);
    this.identities = table('INSERT INTO customer_identity (id, customer_id, kind, value)', 4);
    this.orders = table(
      `INSERT INTO shop_order (id, customer_id, number, placed_at, status, financial_status, fulfillment_status, currency,
        total_cents, items_json, shipments_json, returns_json, refunds_json)`,
      13,
    );
    this.conversations = table(
      `INSERT INTO conversation (id, customer_id, channel, subject, status, priority, category, assignee_id, snoozed_until,
        sla_first_response_due_at, sla_resolution_due_at, first_response_at, resolved_at, created_at, last_activity_at,
        message_count, preview)`,
      17,
    );
    this.tags = table('INSERT INTO conversation_tag (conversation_id, tag)', 2);
    this.messages = table(
      `INSERT INTO message (id, conversation_id, direction, channel, author_agent_id, text, html, attachments_json, external_id,
        delivery_status, created_at)`,
      9,
      "(?, ?, ?, ?, ?, ?, NULL, '[]', ?, ?, ?)",
    );
    this.notes = table('INSERT INTO note (id, seq, conversation_id, author_id, kind, body, mentions_json, created_at)', 8);
    this.csat = table('INSERT INTO csat_rating (id, conversation_id, score, comment, created_at)', 5);
  }

  customer(c: CustomerProfile): void {
    this.customers.add(c.id, c.name, c.createdAt);
    for (const idn of c.identities) this.identities.add(this.nextIdentityId++, c.id, idn.kind, idn.value);
  }

  order({ row: o }: SeedOrder): void {
    this.orders.add(o.id, o.customerId, o.number, o.placedAt, o.status, o.financialStatus, o.fulfillmentStatus, o.currency,
      o.totalCents, o.itemsJson, o.shipmentsJson, o.returnsJson, o.refundsJson);
  }

  thread(t: SeedThread): void {
    const c = t.conversation;
    this.conversations.add(c.id, c.customerId, c.channel, c.subject, c.status, c.priority, c.category, c.assigneeId,
      c.snoozedUntil, c.slaFirstResponseDueAt, c.slaResolutionDueAt, c.firstResponseAt, c.resolvedAt, c.createdAt,
      c.lastActivityAt, c.messageCount, c.preview);
    for (const tag of t.tags) this.tags.add(c.id, tag);
    for (const m of t.messages) {
      this.messages.add(m.id, c.id, m.direction, c.channel, m.authorAgentId, m.text, m.externalId, m.deliveryStatus, m.createdAt);
    }
    for (const n of t.notes) this.notes.add(n.id, n.seq, c.id, n.authorId, n.kind, n.body, JSON.stringify(n.mentions), n.createdAt);
    if (t.csat) this.csat.add(t.csat.id, c.id, t.csat.score, t.csat.comment, t.csat.createdAt);
  }

  /** Writes buffered rows once enough have gathered to make a batch worthwhile. */
  flushIfFull(): void {
    if (this.messages.rows >= FLUSH_AT_MESSAGES) this.flush();
  }

  begin(): void {
    this.client.exec('BEGIN');
  }

  commit(): void {
    this.flush();
    this.client.exec('COMMIT');
  }

  private flush(): void {
    for (const t of [this.customers, this.identities, this.orders, this.conversations, this.tags, this.messages, this.notes, this.csat]) {
      t.flush();
    }
  }
}
