import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HubStore } from '../../src-server/store/contract';
import { HUB_DB_FILE, openSqliteStore } from '../../src-server/store/sqlite-store';
import { repoRoot, tempDir } from '../support/console-process';
import { describeStoreContract } from './store-contract.suite';
import { conversation } from './store-rows';

const folders = new WeakMap<HubStore, string>();
const made: string[] = [];
/** A temp folder this file removes when it is done. */
function folder(name: string): string {
  const dir = tempDir(name);
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

async function openFresh(): Promise<HubStore> {
  const dir = folder('hub-store');
  const store = await openSqliteStore(dir);
  folders.set(store, dir);
  return store;
}
async function openAgain(store: HubStore): Promise<HubStore> {
  const dir = folders.get(store)!;
  const reopened = await openSqliteStore(dir);
  folders.set(reopened, dir);
  return reopened;
}

describeStoreContract('SQLite', openFresh, openAgain);

describe('SQLite hub store', () => {
  it('creates its data folder, and says clearly when a file is in the way or the file is not a database', async () => {
    const root = folder('hub-folder');
    const store = await openSqliteStore(path.join(root, 'a', 'b'));
    expect(fs.existsSync(path.join(root, 'a', 'b', HUB_DB_FILE))).toBe(true);
    await store.close();

    fs.writeFileSync(path.join(root, 'file'), 'x');
    await expect(openSqliteStore(path.join(root, 'file'))).rejects.toThrow(`Cannot use hub data folder ${path.join(root, 'file')}: a file is in the way of that folder.`);
    await expect(openSqliteStore(path.join(root, 'file', 'sub'))).rejects.toThrow('a file is in the way of that folder');

    fs.mkdirSync(path.join(root, 'junk'));
    fs.writeFileSync(path.join(root, 'junk', HUB_DB_FILE), 'this is not a database at all, just text'.repeat(200));
    await expect(openSqliteStore(path.join(root, 'junk'))).rejects.toThrow('is not a hub database or is damaged');
    expect(fs.readFileSync(path.join(root, 'junk', HUB_DB_FILE), 'utf8')).toMatch(/^this is not a database/);
  });

  it('refuses, untouched, a store written by a newer hub', async () => {
    const dir = folder('hub-newer');
    const store = await openSqliteStore(dir);
    await store.write((tx) => tx.put([conversation(1)]));
    await store.close();
    const raw = new Database(path.join(dir, HUB_DB_FILE));
    raw.prepare('UPDATE hub_meta SET schema_version = 99').run();
    raw.close();
    await expect(openSqliteStore(dir)).rejects.toThrow(/written by a newer Outpost hub \(schema 99; this hub knows 2\)/);
    const check = new Database(path.join(dir, HUB_DB_FILE), { readonly: true });
    expect(check.prepare('SELECT schema_version, version FROM hub_meta').get()).toEqual({ schema_version: 99, version: 1 });
    check.close();
  });

  it('keeps its file in WAL mode, and a write waits for another process holding the write lock', async () => {
    const dir = folder('hub-wal');
    const store = await openSqliteStore(dir);
    const file = path.join(dir, HUB_DB_FILE);
    // A CLI command in another process holds the write lock for 400 ms.
    const holder = spawn(process.execPath, ['-e', `
      const db = new (require('better-sqlite3'))(${JSON.stringify(file)});
      db.exec('BEGIN IMMEDIATE');
      console.log('locked');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, 400);
    `], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    const started = Date.now();
    await store.write((tx) => tx.put([conversation(1)]));
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(await store.version()).toBe(1);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    await store.close();
  });
});
