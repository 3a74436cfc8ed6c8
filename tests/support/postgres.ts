import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { systemBinary } from '../../scripts/system-packages.mjs';
import { freePort } from './free-port';

/**
 * Throwaway PostgreSQL for tests and benchmarks: one cluster per test run (started by the vitest
 * global setup, tests/support/postgres-global-setup.ts) and a fresh database per suite or test.
 *
 *   const db = await createTestDatabase();          // inside vitest: a new, empty database
 *   const store = await openPostgresStore(db.url);
 *
 * Outside vitest (a benchmark script): `const cluster = await startPostgresCluster()`, then
 * `createTestDatabase(cluster.adminUrl)`, and `cluster.stop()` at the end.
 *
 * `npm test` installs PostgreSQL first where it is missing; a missing PostgreSQL or a cluster that
 * cannot start is an error, never a skipped test.
 */
export interface PostgresCluster {
  /** Superuser URL of the cluster's `postgres` database (loopback, no password). */
  adminUrl: string;
  stop(): Promise<void>;
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** The folder of initdb and pg_ctl: OUTPOST_PG_BIN, else the newest installed PostgreSQL (scripts/system-packages.mjs). */
function postgresBinDir(): string {
  systemBinary('pg_ctl');
  return path.dirname(systemBinary('initdb'));
}

/** PostgreSQL refuses to run as root: as root, the cluster belongs to and runs as the `postgres` user. */
function clusterOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || uid <= 0) throw new Error('Running as root, but there is no `postgres` user to run the test cluster as (installing the postgresql package creates it).');
  return { uid, gid };
}


export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const owner = clusterOwner();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-pg-'));
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'pg.log');
  const run = (tool: string, args: string[]) => {
    const r = spawnSync(path.join(bin, tool), args, { cwd: dir, encoding: 'utf8', uid: owner?.uid, gid: owner?.gid, env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
  };

  const init = run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  if (!init.ok) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not create the test PostgreSQL cluster (initdb failed):\n${init.output}`);
  }
  const settings = ['listen_addresses=127.0.0.1', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=300'];
  let port = 0;
  let lastError = '';
  // A free port can be taken between finding and binding it: try a few.
  for (let attempt = 0; attempt < 3 && port === 0; attempt++) {
    const candidate = await freePort();
    const start = run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '30', '-o', `-p ${candidate} -k ${dir} ${settings.map((s) => `-c ${s}`).join(' ')}`, 'start']);
    if (start.ok) port = candidate;
    else lastError = `${start.output}\n${fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : ''}`;
  }
  if (port === 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start the test PostgreSQL cluster:\n${lastError}`);
  }

  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // Also when the run is cut short: never leave a postgres behind.
  process.once('exit', stopNow);
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      process.off('exit', stopNow);
      stopNow();
    },
  };
}

/** Inside vitest: the superuser URL of this run's cluster, from the global setup. */
export async function testAdminUrl(): Promise<string> {
  const { inject } = await import('vitest');
  const url = inject('postgresAdminUrl');
  if (!url) throw new Error('No test PostgreSQL: tests/support/postgres-global-setup.ts is not this vitest project\'s globalSetup (see vitest.config.ts).');
  return url;
}

/** A new, empty database on the test cluster (inside vitest, the run's cluster). */
export async function createTestDatabase(adminUrl?: string): Promise<TestDatabase> {
  const admin = adminUrl ?? (await testAdminUrl());
  const name = `outpost_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
