import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import * as schema from './schema';

export type ReplicaDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** A start-up problem a user can act on: printed as one clear line, the data left untouched. */
export class DataFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFolderError';
  }
}

export const DB_FILE = 'outpost.sqlite';

interface Journal {
  entries: { idx: number; tag: string }[];
}

/** How many migrations this build knows: stored as PRAGMA user_version after migrating. */
export function knownSchemaVersion(migrationsDir: string): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as Journal;
  return journal.entries.length;
}

function ensureWritableFolder(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    const why =
      code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'Outpost has no permission to write there'
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'a file is in the way of that folder'
          : `the folder cannot be written (${code})`;
    throw new DataFolderError(`Cannot use data folder ${dir}: ${why}. Choose another folder with --data DIR or OUTPOST_DATA.`);
  }
}

/**
 * Opens (creating if needed) the replica in `dir`, migrated to this build's schema.
 * The core process is the only writer; WAL lets readers in other connections proceed.
 */
export function openReplica(dir: string, migrationsDir: string): { db: ReplicaDb; schemaVersion: number; created: boolean } {
  ensureWritableFolder(dir);
  const file = path.join(dir, DB_FILE);
  const created = !fs.existsSync(file) || fs.statSync(file).size === 0;
  let client: Database.Database;
  try {
    client = new Database(file);
    client.pragma('journal_mode = WAL');
  } catch (e) {
    throw new DataFolderError(
      `${file} is not an Outpost database or is damaged (${(e as Error).message}). It was left untouched: move it aside to start afresh, or restore a backup.`,
    );
  }
  const known = knownSchemaVersion(migrationsDir);
  const found = client.pragma('user_version', { simple: true }) as number;
  if (found > known) {
    client.close();
    throw new DataFolderError(
      `${file} was written by a newer Outpost (schema ${found}, this build knows ${known}). Update Outpost; the file was left untouched.`,
    );
  }
  client.pragma('synchronous = NORMAL');
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  client.pragma('cache_size = -65536'); // 64 MiB page cache
  client.pragma('mmap_size = 268435456');
  client.pragma('temp_store = MEMORY');
  const db = drizzle(client, { schema }) as ReplicaDb;
  try {
    migrate(db, { migrationsFolder: migrationsDir });
  } catch (e) {
    client.close();
    throw new DataFolderError(`Could not update ${file} to this version's schema: ${(e as Error).message}. The previous state was kept.`);
  }
  client.pragma(`user_version = ${known}`);
  return { db, schemaVersion: known, created };
}
