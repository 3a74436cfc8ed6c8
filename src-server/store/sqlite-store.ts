import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { HubStore } from './contract';
import { ENTITY_UPSERT_CONFLICT } from './entity-queries';
import type { PullMeta } from './pull-cursor';
import { PULL_META } from './sql-dialect';
import { SQLITE_MIGRATIONS } from './sqlite-schema';
import { createSqlHubStore } from './sql-hub-store';
import type { SqlConnection, StoreDialect } from './sql-dialect';
import type { EncodedEntity } from './store-input';
import type { EntityRow } from './stored-rows';
import { VersionEmitter } from './version-emitter';

/**
 * The hub store on SQLite: `hub.db` in the hub's data folder. The default for a solo desktop's
 * embedded hub and for small teams.
 *
 * ONE hub process per SQLite store: `onVersion` and `tryExclusive` are in-process only. Other
 * processes (a CLI command) may still write: they wait for the write lock (busy_timeout), and a
 * running hub notices their versions on its next write or pull, not through `onVersion`.
 *
 * Two connections: the writer holds BEGIN IMMEDIATE for a whole `write()` (its function may
 * await), and the reader serves pulls and lookups from the last committed state (WAL), so a pull
 * during a write never sees its uncommitted rows.
 */
export const HUB_DB_FILE = 'hub.db';
const BUSY_TIMEOUT_MS = 10_000;

export class HubDataFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HubDataFolderError';
  }
}

function ensureDataFolder(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    const why =
      code === 'ENOTDIR' || code === 'EEXIST'
        ? 'a file is in the way of that folder'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? 'the hub has no permission to write there'
          : `the folder cannot be written (${code})`;
    throw new HubDataFolderError(`Cannot use hub data folder ${dir}: ${why}.`);
  }
}

/** better-sqlite3 behind the shared SqlConnection, with statements prepared once per text. */
class SqliteConnection implements SqlConnection {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= 500) this.statements.clear(); // bounded: statement texts are few, but never let them grow without end
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async all<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.prepare(sql).all(...params) as T[];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.prepare(sql).run(...params).changes;
  }
}

function connect(file: string, readonly: boolean): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      // The hub is the canonical copy: a push it acknowledged must survive a power cut.
      db.pragma('synchronous = FULL');
    }
    db.pragma('cache_size = -65536'); // 64 MiB page cache
    db.prepare('SELECT count(*) FROM sqlite_schema').get(); // reads the header now: a damaged file fails here, clearly
    return db;
  } catch (e) {
    db?.close();
    throw new HubDataFolderError(`${file} is not a hub database or is damaged (${(e as Error).message}). It was left untouched.`);
  }
}

export async function openSqliteStore(dataDir: string): Promise<HubStore> {
  ensureDataFolder(dataDir);
  const file = path.join(dataDir, HUB_DB_FILE);
  const writer = new SqliteConnection(connect(file, false));
  let reader: SqliteConnection;
  try {
    reader = new SqliteConnection(connect(file, true));
  } catch (e) {
    writer.db.close();
    throw e;
  }

  let upsert: Database.Statement | undefined;
  // A nested better-sqlite3 transaction is a SAVEPOINT: one put or import batch lands whole or not at all.
  const upsertAll = writer.db.transaction((version: number, rows: EncodedEntity[]) => {
    upsert ??= writer.prepare(`INSERT INTO entity (kind, id, parent, audience, version, deleted, data) VALUES (?, ?, ?, ?, ?, ?, ?) ${ENTITY_UPSERT_CONFLICT}`);
    for (const r of rows) upsert.run(r.kind, r.id, r.parent, r.audience, version, r.deleted, r.data);
  });
  const readPull = reader.db.transaction((sql: string, params: readonly unknown[], clientId: string | null) => {
    const meta = reader.prepare(PULL_META).get(clientId) as PullMeta & { lastMutationId: number | null };
    return { meta, rows: reader.prepare(sql).all(...params) as EntityRow[] };
  });
  const held = new Set<string>();

  const dialect: StoreDialect = {
    kind: 'sqlite',
    location: file,
    reader,
    metaLock: '',
    migrations: SQLITE_MIGRATIONS,
    async transaction(fn) {
      writer.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(writer);
        writer.db.exec('COMMIT');
        return result;
      } catch (e) {
        if (writer.db.inTransaction) writer.db.exec('ROLLBACK');
        throw e;
      }
    },
    async upsertEntities(_conn, version, rows) {
      upsertAll(version, rows);
    },
    async announce() {
      // In-process only (one hub process per SQLite store): the shared code tells listeners after commit.
    },
    async readPull(sql, params, clientId) {
      return readPull(sql, params, clientId);
    },
    async tryExclusive(name, fn) {
      if (held.has(name)) return null;
      held.add(name);
      try {
        return await fn();
      } finally {
        held.delete(name);
      }
    },
    async schemaVersion(conn) {
      const [table] = await conn.all(`SELECT 1 AS found FROM sqlite_schema WHERE type = 'table' AND name = 'hub_meta'`);
      if (!table) return 0;
      const [row] = await conn.all<{ schema_version: number }>('SELECT schema_version FROM hub_meta WHERE id = 1');
      return row?.schema_version ?? 0;
    },
    async close() {
      writer.db.close();
      reader.db.close();
    },
  };

  const emitter = new VersionEmitter(0);
  const store = createSqlHubStore(dialect, emitter);
  try {
    await store.migrate();
    emitter.emit(await store.version()); // listeners hear only versions after this one
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}
