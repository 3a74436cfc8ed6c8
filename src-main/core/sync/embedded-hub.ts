import fs from 'node:fs';
import path from 'node:path';
import { indexImportedEmail } from '../../../src-server/channels/email/ingest/index-imported';
import { startHub, type RunningHub } from '../../../src-server/hub';
import type { HubStore } from '../../../src-server/store/contract';
import { openSqliteStore } from '../../../src-server/store/sqlite-store';
import { ENTITY_KINDS, toEntity, type Entity, type EntityKind } from '../../../src-shared/sync/rows';
import type { ReplicaDb } from '../db/open';
import type { EntityStatements } from './entity-tables';

/** The embedded hub's folder inside the data folder. */
export const EMBEDDED_HUB_DIR = 'hub';

/**
 * The hub a solo desktop runs for itself: the team hub's own code over a SQLite store in
 * `<dataDir>/hub`, listening on a random loopback port. The core syncs to it over HTTP and a
 * WebSocket exactly as it would to a team's, so there is one code path.
 */
export interface EmbeddedHub {
  url: string;
  store: HubStore;
  hub: RunningHub;
  close(): Promise<void>;
}

export async function startEmbeddedHub(dataDir: string, log: (line: string) => void): Promise<EmbeddedHub> {
  const store = await openSqliteStore(path.join(dataDir, EMBEDDED_HUB_DIR));
  try {
    await store.migrate();
    const hub = await startHub({ store, host: '127.0.0.1', port: 0, log: (line) => log(`[hub] ${line}`) });
    return {
      url: hub.url,
      store,
      hub,
      async close() {
        await hub.close();
        await store.close();
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}

/**
 * An embedded hub folder whose replica was lost or replaced holds another history: it is moved
 * aside (never deleted) before this replica is imported into a fresh one.
 */
export function moveAsideEmbeddedHub(dataDir: string, now = Date.now()): string | null {
  const dir = path.join(dataDir, EMBEDDED_HUB_DIR);
  if (!fs.existsSync(dir)) return null;
  const aside = `${dir}.unlinked-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  fs.renameSync(dir, aside);
  return aside;
}

/** Rows per import batch: large enough to be fast, small enough to keep memory flat on a big replica. */
const IMPORT_BATCH = 5_000;

/**
 * Copies the replica into an empty hub store: every synced row (as one new version), the email
 * channel's refs to them, and a hub user, without a password, for every agent (only this desktop signs in, in process). Returns
 * the store's version after the import: the replica already holds everything up to it.
 */
export async function importReplica(db: ReplicaDb, entities: EntityStatements, store: HubStore): Promise<number> {
  const agents = db.$client.prepare('SELECT id, name, email, role, created_at AS createdAt FROM agent ORDER BY id').all() as {
    id: number;
    name: string;
    email: string;
    role: 'agent' | 'onboarding' | 'supervisor' | 'admin';
    createdAt: number;
  }[];
  for (const a of agents) {
    if (!(await store.users.byId(a.id))) await store.users.add({ id: a.id, email: a.email, name: a.name, role: a.role, passwordHash: null, createdAt: a.createdAt });
  }
  function* batches(): Generator<Entity[]> {
    for (const kind of ENTITY_KINDS) {
      for (const rows of entities.scan(kind, IMPORT_BATCH)) yield rows.map((r) => toEntity(kind as EntityKind, r) as Entity);
    }
  }
  await store.importEntities(batches());
  // The email channel's refs for the imported rows (addresses, Message-IDs): no version, desktops never see them.
  await indexImportedEmail(store);
  return store.version();
}
