import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE } from '../../src-main/core/db/open';
import { runConsoleToExit, startConsoleProcess, tempDir } from '../support/console-process';

// Each bad data folder must give one clear line and leave every byte of the user's data as it was.
describe('a data folder the core cannot use', () => {
  it('refuses a damaged database file and leaves it untouched', async () => {
    const dir = tempDir('corrupt');
    const junk = Buffer.from('this is not a database, it is a shopping list: milk, eggs'.repeat(200));
    fs.writeFileSync(path.join(dir, DB_FILE), junk);
    const r = await runConsoleToExit({ dataDir: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not an Outpost database or is damaged.*left untouched/);
    expect(fs.readFileSync(path.join(dir, DB_FILE)).equals(junk)).toBe(true);
  });

  it('refuses a database written by a newer Outpost', async () => {
    const dir = tempDir('newer');
    const first = await startConsoleProcess({ dataDir: dir, args: ['--demo-conversations', '10'] });
    await first.stop();
    const db = new Database(path.join(dir, DB_FILE));
    db.pragma('user_version = 999');
    db.close();
    const before = fs.readFileSync(path.join(dir, DB_FILE));
    const r = await runConsoleToExit({ dataDir: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/written by a newer Outpost \(schema 999/);
    expect(fs.readFileSync(path.join(dir, DB_FILE)).equals(before)).toBe(true);
  });

  it('says so when a file stands where the data folder should be', async () => {
    const file = path.join(tempDir('notdir'), 'data');
    fs.writeFileSync(file, 'keep me');
    const r = await runConsoleToExit({ dataDir: path.join(file, 'inner') });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot use data folder .*a file is in the way/);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
  });

  it.runIf(process.getuid?.() === 0)('says so when the folder is not writable for the user running Outpost', async () => {
    // Root ignores permissions, so run the core as `nobody` against a root-owned 0755 folder.
    const dir = tempDir('readonly');
    fs.chmodSync(dir, 0o755);
    const r = await runConsoleToExit({ dataDir: dir, uid: 65534, gid: 65534, env: { HOME: dir } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot use data folder .*no permission to write there/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('keeps an existing replica across restarts (no re-seeding)', async () => {
    const dir = tempDir('restart');
    const a = await startConsoleProcess({ dataDir: dir, args: ['--demo-conversations', '12'] });
    await a.stop();
    const b = await startConsoleProcess({ dataDir: dir, args: ['--demo-conversations', '50'] });
    await b.stop();
    const db = new Database(path.join(dir, DB_FILE), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM conversation').pluck().get()).toBe(12);
    db.close();
  });
});
