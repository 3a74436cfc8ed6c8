import Database from 'better-sqlite3';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { addUser, type Role } from '../../src-server/auth/users';
import { startHub, type HubOptions, type RunningHub } from '../../src-server/hub';
import type { HubStore } from '../../src-server/store/contract';
import { openPostgresStore } from '../../src-server/store/postgres-store';
import { HUB_DB_FILE, openSqliteStore } from '../../src-server/store/sqlite-store';
import { toEntity, type Entity } from '../../src-shared/sync/rows';
import { tempDir } from '../support/console-process';
import { createTestDatabase } from '../support/postgres';
import { Desktop } from './server-client';
import { conversationRow, messageRow } from './store-rows';

/** A store, and a way to reach its database behind its back (to break it on purpose). */
export interface OpenedStore {
  store: HubStore;
  exec(sql: string): Promise<void>;
}
/** Every server suite runs on each real store. */
export interface HubStoreKind {
  name: string;
  open(): Promise<OpenedStore>;
}
export const HUB_STORES: HubStoreKind[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = tempDir('hub-server');
      return {
        store: await openSqliteStore(dir),
        async exec(sql) {
          const db = new Database(path.join(dir, HUB_DB_FILE));
          try {
            db.exec(sql);
          } finally {
            db.close();
          }
        },
      };
    },
  },
  {
    // A fresh database on this run's throwaway cluster (tests/support/postgres.ts).
    name: 'PostgreSQL',
    async open() {
      const { url } = await createTestDatabase();
      return {
        store: await openPostgresStore(url),
        async exec(sql) {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            await client.query(sql);
          } finally {
            await client.end();
          }
        },
      };
    },
  },
];

export const PASSWORD = 'plum tart at noon';
export const TEAM = {
  admin: { email: 'ada@team.test', name: 'Ada Admin', role: 'admin' },
  supervisor: { email: 'sam@team.test', name: 'Sam Super', role: 'supervisor' },
  agent: { email: 'ines@team.test', name: 'Ines Agent', role: 'agent' },
  colleague: { email: 'kai@team.test', name: 'Kai Colleague', role: 'agent' },
  onboarding: { email: 'olly@team.test', name: 'Olly Newcomer', role: 'onboarding' },
} as const satisfies Record<string, { email: string; name: string; role: Role }>;
export type Member = keyof typeof TEAM;

/** The seeded workspace: one customer with three conversations (11, 12 open; 13 solved) and their messages. */
export const CUSTOMER = 1;
export const SEED_TIME = 1_700_000_000_000;
export function seedEntities(): Entity[] {
  return [
    toEntity('workspace', { id: 1, name: 'Northwind Test', timezone: 'Europe/Paris', createdAt: SEED_TIME }),
    toEntity('customer', { id: CUSTOMER, name: 'Grace Customer', createdAt: SEED_TIME }),
    toEntity('customer_identity', { id: 1, customerId: CUSTOMER, kind: 'email', value: 'grace@example.test' }),
    toEntity('customer_identity', { id: 2, customerId: CUSTOMER, kind: 'whatsapp', value: '+33600000001' }),
    toEntity('conversation', conversationRow(11, { category: 'shipping_status', messageCount: 2, preview: 'message 102' })),
    toEntity('conversation', conversationRow(12, { category: 'billing', channel: 'whatsapp', messageCount: 1, preview: 'message 103' })),
    toEntity('conversation', conversationRow(13, { category: 'billing', status: 'solved', resolvedAt: SEED_TIME, messageCount: 1, preview: 'message 104' })),
    toEntity('conversation_tag', { conversationId: 11, tag: 'vip' }),
    toEntity('message', messageRow(101, 11)),
    toEntity('message', messageRow(102, 11)),
    toEntity('message', { ...messageRow(103, 12), channel: 'whatsapp' }),
    toEntity('message', messageRow(104, 13)),
  ];
}

export interface TestHub {
  store: HubStore;
  /** Runs SQL on the store's database from outside the hub. */
  exec(sql: string): Promise<void>;
  hub: RunningHub;
  url: string;
  ids: Record<Member, number>;
  /** Moves the hub's clock (session expiry) without waiting. */
  clock: { offsetMs: number };
  desktop(): Desktop;
  signedIn(who: Member): Promise<Desktop>;
  close(): Promise<void>;
}

export async function startTestHub(kind: HubStoreKind, opts: Partial<HubOptions> = {}): Promise<TestHub> {
  const { store, exec } = await kind.open();
  await store.importEntities([seedEntities()]);
  const ids = {} as Record<Member, number>;
  for (const [member, m] of Object.entries(TEAM) as [Member, (typeof TEAM)[Member]][]) ids[member] = (await addUser(store, { ...m, password: PASSWORD })).id;
  const clock = { offsetMs: 0 };
  const hub = await startHub({ store, now: () => Date.now() + clock.offsetMs, ...opts });
  const desktop = () => new Desktop(hub.url);
  return {
    store,
    exec,
    hub,
    url: hub.url,
    ids,
    clock,
    desktop,
    async signedIn(who) {
      const d = desktop();
      const answer = await d.login(TEAM[who].email, PASSWORD);
      if (answer.status !== 200) throw new Error(`login of ${who} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return d;
    },
    async close() {
      await hub.close();
      await store.close();
    },
  };
}

/** One hub per suite on `kind`, closed after it. */
export function useTestHub(kind: HubStoreKind, opts: Partial<HubOptions> = {}): () => TestHub {
  let t: TestHub | undefined;
  beforeAll(async () => {
    t = await startTestHub(kind, opts);
  });
  afterAll(async () => {
    await t?.close();
  });
  return () => {
    if (!t) throw new Error('the test hub has not started');
    return t;
  };
}
