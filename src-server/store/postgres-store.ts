import pg from 'pg';
import { keyOf, type HubStore } from './contract';
import { ENTITY_UPSERT_CONFLICT } from './entity-queries';
import { POSTGRES_MIGRATIONS } from './postgres-schema';
import { listenForVersions, VERSION_CHANNEL } from './postgres-version-listener';
import type { PullMeta } from './pull-cursor';
import { PULL_META } from './sql-dialect';
import { StoreSchemaError } from './schema-migrations';
import { createSqlHubStore } from './sql-hub-store';
import { readMeta, type SqlConnection, type StoreDialect } from './sql-dialect';
import type { EncodedEntity } from './store-input';
import type { EntityRow } from './stored-rows';
import { VersionEmitter } from './version-emitter';

/**
 * The hub store on PostgreSQL (DATABASE_URL), for teams that run several hub processes on one
 * database. The workspace lock is hub_meta's row (SELECT ... FOR UPDATE); each commit that makes a
 * version NOTIFYs it, and every process LISTENs, so `onVersion` fires wherever the commit came
 * from. `tryExclusive` is a session advisory lock, exclusive across all of them.
 */
export interface PostgresStoreOptions {
  /** Connections for reads and writes (writes use one at a time per process). Default 10. */
  poolSize?: number;
}

/** BIGINT arrives as text: made a number only when it is exactly one, never rounded. */
export function parseBigint(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`The hub database holds the integer ${text}, beyond 2^53-1: refusing to round it.`);
  return n;
}

const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === pg.types.builtins.INT8 ? parseBigint : pg.types.getTypeParser(oid, format)),
} as pg.CustomTypesConfig;

const numbered = new Map<string, string>();
/** Shared SQL uses `?`; PostgreSQL wants $1, $2, ... (none of our SQL has a literal question mark). */
function toPostgres(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    if (numbered.size >= 500) numbered.clear();
    numbered.set(sql, text);
  }
  return text;
}

class PostgresConnection implements SqlConnection {
  constructor(private readonly target: pg.Pool | pg.PoolClient) {}

  async all<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.target.query(toPostgres(sql), params as unknown[])).rows as T[];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.target.query(toPostgres(sql), params as unknown[])).rowCount ?? 0;
  }
}

/** The database URL without its password, for messages. */
function describeUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    url.password = '';
    return url.toString();
  } catch {
    return 'the configured PostgreSQL database';
  }
}

/**
 * Rows per upsert statement. The rows travel as one JSON parameter that json_to_recordset
 * unpacks: JSON.stringify is native, where pg's array literals are escaped in JavaScript
 * (measured: about twice the rows/s of unnest over text arrays, close to a plain INSERT ... SELECT).
 */
const UPSERT_CHUNK = 5_000;
const UPSERT_SQL = `INSERT INTO entity (kind, id, parent, audience, version, deleted, data)
  SELECT k, i, p, a, ?::bigint, d, j FROM json_to_recordset(?::json) AS r(k text, i text, p text, a bigint, d smallint, j text)
  ${ENTITY_UPSERT_CONFLICT}`;

async function upsertChunk(conn: SqlConnection, version: number, chunk: EncodedEntity[]): Promise<void> {
  // One statement may not upsert a row twice: the last change to a key wins, as it would one by one.
  const latest = new Map<string, EncodedEntity>();
  for (const r of chunk) latest.set(keyOf(r), r);
  const rows = [...latest.values()].map((r) => ({ k: r.kind, i: r.id, p: r.parent, a: r.audience, d: r.deleted, j: r.data }));
  await conn.run(UPSERT_SQL, [version, JSON.stringify(rows)]);
}

/** Runs `fn` on one pooled connection inside BEGIN ... COMMIT. */
async function inTransaction<T>(pool: pg.Pool, begin: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(begin);
    const result = await fn(client);
    // COMMIT of a transaction in which a statement failed answers ROLLBACK instead of an error.
    const done = await client.query('COMMIT');
    if (done.command !== 'COMMIT') throw new Error('The hub store rolled this write back: a statement in it failed.');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw e;
  } finally {
    client.release(broken);
  }
}

export async function openPostgresStore(databaseUrl: string, options: PostgresStoreOptions = {}): Promise<HubStore> {
  const location = describeUrl(databaseUrl);
  const config: pg.ClientConfig = { connectionString: databaseUrl, types, keepAlive: true };
  const pool = new pg.Pool({ ...config, max: options.poolSize ?? 10, application_name: 'outpost-hub' });
  pool.on('error', () => undefined); // an idle connection that drops is replaced on next use; nothing to do now
  const reader = new PostgresConnection(pool);

  const dialect: StoreDialect = {
    kind: 'postgres',
    location,
    reader,
    metaLock: ' FOR UPDATE',
    migrations: POSTGRES_MIGRATIONS,
    transaction: (fn) => inTransaction(pool, 'BEGIN', (client) => fn(new PostgresConnection(client))),
    async upsertEntities(conn, version, rows) {
      for (let i = 0; i < rows.length; i += UPSERT_CHUNK) await upsertChunk(conn, version, rows.slice(i, i + UPSERT_CHUNK));
    },
    async announce(conn, version) {
      await conn.all(`SELECT pg_notify('${VERSION_CHANNEL}', ?)`, [String(version)]);
    },
    readPull: (sql, params, clientId) =>
      // One snapshot for hub_meta and the rows, so the page's version matches what it holds.
      inTransaction(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
        const meta = (await client.query(toPostgres(PULL_META), [clientId])).rows[0] as PullMeta & { lastMutationId: number | null };
        const rows = (await client.query(toPostgres(sql), params as unknown[])).rows as EntityRow[];
        return { meta, rows };
      }),
    async tryExclusive(name, fn) {
      // A session advisory lock on a connection of its own, held for fn's whole run; ending the session frees it.
      const client = new pg.Client({ ...config, application_name: 'outpost-hub-exclusive' });
      client.on('error', () => undefined);
      await client.connect();
      try {
        const { rows } = await client.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [`outpost-hub:${name}`]);
        if (!(rows[0] as { locked: boolean }).locked) return null;
        return await fn();
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    async schemaVersion(conn) {
      // Hub processes starting together migrate one after the other.
      await conn.all(`SELECT pg_advisory_xact_lock(hashtextextended('outpost-hub:migrate', 0))`);
      const [table] = await conn.all<{ present: boolean }>(`SELECT to_regclass('hub_meta') IS NOT NULL AS present`);
      if (!table?.present) return 0;
      const [row] = await conn.all<{ schema_version: number }>('SELECT schema_version FROM hub_meta WHERE id = 1');
      return row?.schema_version ?? 0;
    },
    async close() {
      await listener?.close();
      await pool.end();
    },
  };

  const emitter = new VersionEmitter(0);
  const store = createSqlHubStore(dialect, emitter);
  let listener: Awaited<ReturnType<typeof listenForVersions>> | undefined;
  try {
    await store.migrate();
    emitter.emit(await store.version());
    listener = await listenForVersions(config, (v) => emitter.emit(v), async () => (await readMeta(reader)).version);
  } catch (e) {
    await store.close();
    throw e instanceof StoreSchemaError ? e : new Error(`Cannot open the hub database at ${location}: ${(e as Error).message}`, { cause: e });
  }
  return store;
}
