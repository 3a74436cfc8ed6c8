import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/desktop-core';
import type { HubStore } from '../../src-server/store/contract';
import { openPostgresStore } from '../../src-server/store/postgres-store';
import type { MacroRow } from '../../src-shared/sync/rows';
import { createTestDatabase, testAdminUrl } from '../support/postgres';
import { describeStoreContract } from './store-contract.suite';
import { conversation, macro, note } from './store-rows';

const urls = new WeakMap<HubStore, string>();
async function openOn(url: string): Promise<HubStore> {
  const store = await openPostgresStore(url);
  urls.set(store, url);
  return store;
}
const openFresh = async () => openOn((await createTestDatabase()).url);
const openAgain = async (store: HubStore) => openOn(urls.get(store)!);

describeStoreContract('PostgreSQL', openFresh, openAgain);

async function sql<T extends object>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}


describe('PostgreSQL hub store: several hub processes on one database', () => {
  /** Two store instances on one database: what two hub processes see. */
  async function twoHubs(): Promise<{ url: string; a: HubStore; b: HubStore; close(): Promise<void> }> {
    const { url, drop } = await createTestDatabase();
    const [a, b] = await Promise.all([openPostgresStore(url), openPostgresStore(url)]);
    return { url, a, b, close: async () => (await Promise.all([a.close(), b.close()]), await drop()) };
  }

  it('serializes writes from both processes with no lost update, and each hears the other', async () => {
    const hubs = await twoHubs();
    const { a, b } = hubs;
    await a.write((tx) => tx.put([macro(1, 0)]));
    await waitFor(async () => (await b.version()) === 1, 10_000, 'b to hear version 1');
    const heardByB: number[] = [];
    b.onVersion((v) => heardByB.push(v));
    const increment = (store: HubStore) =>
      store.write(async (tx) => {
        const m = (await tx.getEntities([{ kind: 'macro', id: '1' }])).get('macro/1')!.data as MacroRow;
        await new Promise((r) => setTimeout(r, 1));
        await tx.put([macro(1, m.usageCount + 1)]);
      });
    await Promise.all(Array.from({ length: 40 }, (_, i) => increment(i % 2 ? a : b)));
    const final = (await a.getEntities([{ kind: 'macro', id: '1' }])).get('macro/1')!;
    expect((final.data as MacroRow).usageCount).toBe(40);
    expect(final.version).toBe(41);
    await waitFor(() => heardByB.at(-1) === 41, 10_000, 'b to hear the last version');
    expect(heardByB).toEqual([...heardByB].sort((x, y) => x - y)); // never backwards, never twice
    await hubs.close();
  });

  it('fires onVersion in the other process, and again after its listening connection was cut', async () => {
    const hubs = await twoHubs();
    const { url, a, b } = hubs;
    const heardByB: number[] = [];
    b.onVersion((v) => heardByB.push(v));
    await a.write((tx) => tx.put([conversation(1)]));
    await waitFor(() => heardByB.includes(1), 10_000, 'b to hear version 1');

    const listeners = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'outpost-hub-listener' AND datname = current_database()`;
    await sql(url, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'outpost-hub-listener' AND datname = current_database()`);
    await a.write((tx) => tx.put([conversation(2)])); // made while nobody listens: heard on reconnect
    await waitFor(() => heardByB.includes(2), 10_000, 'b to catch up with version 2');
    await waitFor(async () => (await sql<{ n: number }>(url, listeners))[0]!.n === 2, 10_000, 'both listeners to be back');
    await a.write((tx) => tx.put([conversation(3)]));
    await waitFor(() => heardByB.includes(3), 10_000, 'b to hear version 3');
    expect(heardByB).toEqual([1, 2, 3]);
    await hubs.close();
  });

  it('runs tryExclusive in one process at a time', async () => {
    const hubs = await twoHubs();
    const { a, b } = hubs;
    let release!: () => void;
    const running = a.tryExclusive('imap', () => new Promise<string>((r) => (release = () => r('a ran'))));
    await waitFor(() => release !== undefined, 10_000, 'a to hold the lock');
    expect(await b.tryExclusive('imap', async () => 'b ran')).toBeNull();
    expect(await b.tryExclusive('smtp', async () => 'b ran smtp')).toBe('b ran smtp');
    release();
    expect(await running).toBe('a ran');
    expect(await b.tryExclusive('imap', async () => 'b ran')).toBe('b ran');
    await hubs.close();
  });
});

describe('PostgreSQL hub store: storage', () => {
  it('refuses a BIGINT beyond 2^53-1 instead of rounding it', async () => {
    const { url, drop } = await createTestDatabase();
    const store = await openPostgresStore(url);
    await store.clients.register('desk-a', 1, 'laptop', 1);
    await sql(url, `UPDATE client SET last_mutation_id = 9007199254740993`);
    await expect(store.clients.get('desk-a')).rejects.toThrow('The hub database holds the integer 9007199254740993, beyond 2^53-1');
    await sql(url, `UPDATE client SET last_mutation_id = 9007199254740991`);
    expect((await store.clients.get('desk-a'))?.lastMutationId).toBe(Number.MAX_SAFE_INTEGER);
    await store.close();
    await drop();
  });

  it('pages text ids in byte order even in a database whose own collation is not', async () => {
    const url = new URL(await testAdminUrl());
    await sql(url.toString(), `CREATE DATABASE outpost_icu TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`);
    url.pathname = '/outpost_icu';
    const [collation] = await sql<{ b_first: boolean }>(url.toString(), `SELECT 'B' < 'a' AS b_first`);
    expect(collation?.b_first).toBe(false); // this database's own order is not byte order
    const store = await openPostgresStore(url.toString());
    const ids = ['a', 'B', 'b', 'A', '_x', 'é'];
    await store.write((tx) => tx.put(ids.map((id) => note(id, 1))));
    const bytes = [...ids].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect((await store.scanKind('note', '', 10)).map((e) => e.id)).toEqual(bytes);
    expect((await store.pull('', 10)).entities.map((e) => e.id)).toEqual(bytes);
    await store.close();
  });

  it('refuses, untouched, a database written by a newer hub', async () => {
    const { url, drop } = await createTestDatabase();
    const store = await openPostgresStore(url);
    await store.write((tx) => tx.put([conversation(1)]));
    await store.close();
    await sql(url, 'UPDATE hub_meta SET schema_version = 99');
    await expect(openPostgresStore(url)).rejects.toThrow(/written by a newer Outpost hub \(schema 99; this hub knows 2\)/);
    expect(await sql(url, 'SELECT schema_version, version FROM hub_meta')).toEqual([{ schema_version: 99, version: '1' }]);
    await drop();
  });

  it('says clearly when the database cannot be reached', async () => {
    const { url } = await createTestDatabase();
    const wrong = new URL(url);
    wrong.pathname = '/no_such_database';
    wrong.password = 'secret';
    const error = await openPostgresStore(wrong.toString()).then(() => new Error('opened'), (e: Error) => e);
    expect(error.message).toMatch(/^Cannot open the hub database at postgres:\/\/postgres@127\.0\.0\.1:\d+\/no_such_database: database "no_such_database" does not exist/);
    expect(error.message).not.toContain('secret');
  });
});
