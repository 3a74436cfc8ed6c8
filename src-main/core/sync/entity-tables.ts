import type Database from 'better-sqlite3';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { ENTITY_KINDS, type EntityKind, type SyncedRows } from '../../../src-shared/sync/rows';
import * as t from '../db/schema';

/**
 * Each synced kind's replica table, described once from the drizzle schema: which columns the
 * hub sends (the synced row) and which are this desktop's own (note.seq, notification.readAt,
 * conversation.version). Generic statements by kind are built from it, so no table is written
 * out twice by hand.
 */
const TABLES: { [K in EntityKind]: SQLiteTable } = {
  workspace: t.workspace,
  agent: t.agent,
  customer: t.customer,
  customer_identity: t.customerIdentity,
  conversation: t.conversation,
  conversation_tag: t.conversationTag,
  message: t.message,
  note: t.note,
  macro: t.macro,
  shop_order: t.shopOrder,
  csat_rating: t.csatRating,
  qa_review: t.qaReview,
  notification: t.notification,
};

/** Kept by this desktop, never sent by the hub (see src-main/core/db/sync-rows-check.ts). */
const LOCAL_COLUMNS: Partial<Record<EntityKind, string[]>> = { conversation: ['version'], note: ['seq'], notification: ['readAt'] };

export interface ColumnInfo {
  /** The row field (camelCase). */
  key: string;
  /** The SQL column. */
  name: string;
  type: 'number' | 'string' | 'boolean';
  nullable: boolean;
  synced: boolean;
}

export interface EntityTable {
  kind: EntityKind;
  /** Every stored column (generated ones excluded), in schema order. */
  columns: ColumnInfo[];
  synced: ColumnInfo[];
  /** SQL names of the primary key. */
  key: string[];
}

function describe(kind: EntityKind): EntityTable {
  const table = TABLES[kind];
  if (getTableName(table) !== kind) throw new Error(`table for ${kind} is ${getTableName(table)}`);
  const local = LOCAL_COLUMNS[kind] ?? [];
  const columns = Object.entries(getTableColumns(table))
    .filter(([, c]) => !c.generated)
    .map(([key, c]): ColumnInfo => {
      const type = c.dataType === 'boolean' ? 'boolean' : c.dataType === 'number' ? 'number' : 'string';
      return { key, name: c.name, type, nullable: !c.notNull, synced: !local.includes(key) };
    });
  const key = kind === 'conversation_tag' ? ['conversation_id', 'tag'] : ['id'];
  return { kind, columns, synced: columns.filter((c) => c.synced), key };
}

export const ENTITY_TABLES: { [K in EntityKind]: EntityTable } = Object.fromEntries(ENTITY_KINDS.map((k) => [k, describe(k)])) as {
  [K in EntityKind]: EntityTable;
};

/** Refusals of malformed synced rows, named so the sync status can say what the hub got wrong. */
export class BadEntityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadEntityError';
  }
}

/** An entity id (src-shared/sync/rows.ts entityId) back to its primary-key values. */
export function keyValues(kind: EntityKind, id: string): (number | string)[] {
  const int = (s: string) => {
    const n = Number(s);
    if (!/^-?\d+$/.test(s) || !Number.isSafeInteger(n)) throw new BadEntityError(`${kind} id "${id}" is not an integer id`);
    return n;
  };
  if (kind === 'note') return [id];
  if (kind === 'conversation_tag') {
    const at = id.indexOf(':');
    if (at < 1) throw new BadEntityError(`conversation_tag id "${id}" is not "conversationId:tag"`);
    return [int(id.slice(0, at)), id.slice(at + 1)];
  }
  return [int(id)];
}

/** SQLite binds numbers and strings; booleans are stored as 0/1. */
const bindable = (v: unknown) => (v === true ? 1 : v === false ? 0 : v);

/** Checks one field of a row the hub sent against the column it fills. */
function checkedValue(kind: EntityKind, c: ColumnInfo, v: unknown): unknown {
  if (v === null || v === undefined) {
    if (c.nullable) return null;
    throw new BadEntityError(`${kind}.${c.key} is missing`);
  }
  const ok =
    c.type === 'number' ? typeof v === 'number' && Number.isSafeInteger(v) : c.type === 'boolean' ? typeof v === 'boolean' || v === 0 || v === 1 : typeof v === 'string';
  if (!ok) throw new BadEntityError(`${kind}.${c.key} should be ${c.type === 'number' ? 'an integer' : `a ${c.type}`}, got ${JSON.stringify(v)}`);
  return bindable(v);
}

/** The synced row as bind values, in `synced` column order; refuses unknown or malformed fields. */
export function syncedValues(table: EntityTable, data: Record<string, unknown>): unknown[] {
  for (const k of Object.keys(data)) {
    if (!table.synced.some((c) => c.key === k)) throw new BadEntityError(`${table.kind} has no synced field "${k}"`);
  }
  return table.synced.map((c) => checkedValue(table.kind, c, data[c.key]));
}

/** Prepared statements by kind for one connection, made on first use. */
export function createEntityStatements(client: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  const cached = (id: string, make: () => string) => {
    let s = cache.get(id);
    if (!s) cache.set(id, (s = client.prepare(make())));
    return s;
  };
  const where = (tb: EntityTable) => tb.key.map((k) => `${k} = ?`).join(' AND ');
  const upsertSql = (tb: EntityTable, cols: ColumnInfo[], extra: { name: string; value: string }[]) => {
    const names = [...cols.map((c) => c.name), ...extra.map((e) => e.name)];
    const values = [...cols.map(() => '?'), ...extra.map((e) => e.value)];
    const updates = cols.filter((c) => !tb.key.includes(c.name)).map((c) => `${c.name} = excluded.${c.name}`);
    // An UPSERT, never INSERT OR REPLACE: REPLACE deletes without firing delete triggers, which would leave the full-text index stale.
    const onConflict = updates.length > 0 ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING';
    return `INSERT INTO ${tb.kind} (${names.join(', ')}) VALUES (${values.join(', ')}) ON CONFLICT (${tb.key.join(', ')}) ${onConflict}`;
  };

  return {
    /** Writes the hub's row; this desktop's own columns keep their value (a new note gets the next seq). */
    upsertSynced(kind: EntityKind, data: Record<string, unknown>): void {
      const tb = ENTITY_TABLES[kind];
      const extra = kind === 'note' ? [{ name: 'seq', value: '(SELECT coalesce(max(seq), 0) + 1 FROM note)' }] : [];
      cached(`synced:${kind}`, () => upsertSql(tb, tb.synced, extra)).run(syncedValues(tb, data));
    },
    /** Puts back a before-image exactly, local columns included. */
    upsertImage(kind: EntityKind, image: Record<string, unknown>): void {
      const tb = ENTITY_TABLES[kind];
      cached(`image:${kind}`, () => upsertSql(tb, tb.columns, [])).run(tb.columns.map((c) => bindable(image[c.key] ?? null)));
    },
    delete(kind: EntityKind, id: string): number {
      const tb = ENTITY_TABLES[kind];
      return cached(`delete:${kind}`, () => `DELETE FROM ${kind} WHERE ${where(tb)}`).run(keyValues(kind, id)).changes;
    },
    /** Every synced row of a kind, a page at a time in rowid order, in the synced row's shape. */
    *scan<K extends EntityKind>(kind: K, pageSize = 5_000): Generator<SyncedRows[K][]> {
      const tb = ENTITY_TABLES[kind];
      const fields = tb.synced.map((c) => `${c.name} AS "${c.key}"`).join(', ');
      const page = cached(`scan:${kind}`, () => `SELECT rowid AS "$rowid", ${fields} FROM ${kind} WHERE rowid > ? ORDER BY rowid LIMIT ?`);
      const booleans = tb.synced.filter((c) => c.type === 'boolean').map((c) => c.key);
      for (let after = 0; ; ) {
        const rows = page.all(after, pageSize) as Record<string, unknown>[];
        if (rows.length === 0) return;
        after = rows[rows.length - 1]!.$rowid as number;
        yield rows.map(({ $rowid: _, ...r }) => {
          for (const b of booleans) r[b] = r[b] === 1;
          return r as unknown as SyncedRows[K];
        });
      }
    },
  };
}

export type EntityStatements = ReturnType<typeof createEntityStatements>;
