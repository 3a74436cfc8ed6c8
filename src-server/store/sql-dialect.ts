import type { PullMeta } from './pull-cursor';

/**
 * What a pull reads besides the rows, in the SAME snapshot: the version, the compaction floor and
 * the pulling desktop's last applied mutation (so a page never holds a mutation's effects without
 * its acknowledgement, nor the reverse).
 */
export const PULL_META = 'SELECT version, min_version AS "minVersion", (SELECT last_mutation_id FROM client WHERE client_id = ?) AS "lastMutationId" FROM hub_meta WHERE id = 1';
import type { EncodedEntity } from './store-input';
import type { EntityRow } from './stored-rows';

/**
 * What the SQLite and PostgreSQL stores differ in, behind one shape: everything else (the SQL of
 * reads and record writes, validation, cursors, the write protocol) is written once over it.
 * Shared SQL uses `?` placeholders and only syntax both databases accept (ON CONFLICT ... DO
 * UPDATE, RETURNING, row-value comparisons).
 */
export interface SqlConnection {
  all<T extends object>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement that returns no rows; resolves to how many rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface StoreDialect {
  readonly kind: 'sqlite' | 'postgres';
  /** Reads committed data only, never a write in flight (SQLite: a second connection; PostgreSQL: the pool). */
  readonly reader: SqlConnection;
  /** Runs `fn` in one write transaction, committing on success and rolling back on throw. Callers serialize it. */
  transaction<T>(fn: (conn: SqlConnection) => Promise<T>): Promise<T>;
  /** Appended to the hub_meta read that opens a workspace write: PostgreSQL locks the row; SQLite's BEGIN IMMEDIATE already holds the file. */
  readonly metaLock: string;
  /** Upserts validated rows (or tombstones) at `version`, all or none: one put, or one batch of an import. */
  upsertEntities(conn: SqlConnection, version: number, rows: EncodedEntity[]): Promise<void>;
  /** Inside the write transaction that made `version`: tells other hub processes once it commits. */
  announce(conn: SqlConnection, version: number): Promise<void>;
  /** hub_meta and the rows of one pull query, read from one snapshot so the page and its version agree. */
  readPull(sql: string, params: readonly unknown[], clientId: string | null): Promise<{ meta: PullMeta & { lastMutationId: number | null }; rows: EntityRow[] }>;
  tryExclusive<T>(name: string, fn: () => Promise<T>): Promise<T | null>;
  /** This hub's schema, oldest first; the store records how many it has applied. */
  readonly migrations: readonly Migration[];
  /** In the migration's transaction: the schema version the store records, 0 when it has none yet (after holding off other hub processes migrating the same store). */
  schemaVersion(conn: SqlConnection): Promise<number>;
  /** Where the store lives, for messages (a file, or a database URL without its password). */
  readonly location: string;
  close(): Promise<void>;
}

/** One schema step, named YYYYMMDDhhmmss_what; never edited once shipped. */
export interface Migration {
  name: string;
  statements: string[];
}

export interface HubMeta extends PullMeta {
  nextHubId: number;
  nextClientNo: number;
}

export async function readMeta(conn: SqlConnection, lock = ''): Promise<HubMeta> {
  const [row] = await conn.all<{ version: number; min_version: number; next_hub_id: number; next_client_no: number }>(
    `SELECT version, min_version, next_hub_id, next_client_no FROM hub_meta WHERE id = 1${lock}`,
  );
  if (!row) throw new Error('The hub store has no hub_meta row: it was not created by this hub, or it is damaged.');
  return { version: row.version, minVersion: row.min_version, nextHubId: row.next_hub_id, nextClientNo: row.next_client_no };
}
