import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Dispatcher, type Handlers } from './api/dispatcher';
import { appHandlers } from './app/handlers';
import { conversationHandlers } from './conversations/handlers';
import { createConversationQueries } from './conversations/queries';
import type { CoreContext } from './context';
import { DataFolderError, openReplica, type ReplicaDb } from './db/open';
import { inboxHandlers } from './inbox/handlers';
import { macroHandlers } from './macros/handlers';
import { mutationHandlers } from './mutations/handlers';
import { notificationHandlers } from './notifications/handlers';
import { createReplicaSync } from './sync/replica-sync';
import { searchHandlers } from './search/handlers';
import { draftHandlers } from './drafts/handlers';
import { attachmentHandlers } from './attachments/handlers';
import { createBlobStore, type BlobStore, type StoredBlob } from './attachments/blob-store';
import { startWakeTimer } from './snooze/wake';
import { seedDemoWorkspace } from './seed';
import { ApiError } from '../../src-shared/api';
import { syncHandlers } from './sync/handlers';
import { mailHandlers } from './mail/handlers';
import { teamHubFromEnv, type TeamHubConfig } from './sync/hub-login';
import { SyncService } from './sync/sync-service';

export interface CoreOptions {
  dataDir: string;
  migrationsDir?: string;
  /** Conversations in the demo workspace made on first start of an empty data folder. */
  demoConversations?: number;
  /** A team hub to follow; defaults to OUTPOST_HUB_URL/EMAIL/PASSWORD. Without one, the embedded hub. */
  teamHub?: TeamHubConfig | null;
  log?: (line: string) => void;
}

export interface Core {
  dispatcher: Dispatcher;
  db: ReplicaDb;
  schemaVersion: number;
  /** Attachment bodies, for the console's download route. */
  blobs: BlobStore;
  /** An attachment body: stored here, or fetched from the hub (a colleague's upload). */
  attachment(contentHash: string): Promise<StoredBlob | undefined>;
  sync: SyncService;
  close(): Promise<void>;
}

/** Migrations sit next to the bundle (dist/core/migrations) or in the source tree. */
export function defaultMigrationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'migrations'), path.join(here, 'db', 'migrations')];
  const found = candidates.find((c) => fs.existsSync(path.join(c, 'meta', '_journal.json')));
  if (!found) throw new Error(`schema migrations not found next to ${here}`);
  return found;
}

/**
 * Opens the replica and serves the API. Only a replica's very first link to a hub is awaited
 * (it may seed the demo workspace and import it into the embedded hub); an existing replica
 * answers at once while the hub starts and syncs in the background.
 */
export async function startCore(opts: CoreOptions): Promise<Core> {
  const log = opts.log ?? (() => {});
  const { db, schemaVersion } = openReplica(opts.dataDir, opts.migrationsDir ?? defaultMigrationsDir());

  const sessionAgent = db.$client.prepare('SELECT agent_id FROM local_session WHERE id = 1').pluck();
  const me = () => {
    const id = sessionAgent.get() as number | undefined;
    if (id === undefined) throw new ApiError('unavailable', 'this desktop is not signed in to a workspace yet');
    return id;
  };
  const conversations = createConversationQueries(db);
  const replica = createReplicaSync(db, conversations, me);
  const blobs = createBlobStore(db, opts.dataDir);
  // Nobody is listening before the dispatcher exists (a first link broadcasts while starting).
  let dispatcher: Dispatcher | null = null;
  const broadcast: CoreContext['broadcast'] = (name, payload) => dispatcher?.broadcast(name, payload);
  const sync = new SyncService({
    db,
    dataDir: opts.dataDir,
    replica,
    blobs,
    broadcast,
    log,
    teamHub: opts.teamHub === undefined ? teamHubFromEnv(process.env) : opts.teamHub,
    seedDemo() {
      const n = opts.demoConversations ?? 3_000;
      log(`Creating the demo workspace (${n} conversations) in ${opts.dataDir} ...`);
      const summary = seedDemoWorkspace(db, { conversations: n, seed: 1 });
      log(`Demo workspace ready: ${summary.conversations} conversations, ${summary.messages} messages.`);
    },
  });
  try {
    await sync.open();
  } catch (e) {
    await sync.close();
    db.$client.close();
    if (e instanceof ApiError) throw new DataFolderError(`${opts.dataDir} could not be linked to its hub: ${e.message}`);
    throw e;
  }

  const ctx: CoreContext = { db, dataDir: opts.dataDir, schemaVersion, me, broadcast, conversations, mutations: replica.mutations };
  // One handler map per domain, merged: the Handlers type proves every API name is served.
  const handlers: Handlers = {
    ...appHandlers(ctx),
    ...inboxHandlers(ctx),
    ...conversationHandlers(ctx),
    ...searchHandlers(ctx),
    ...mutationHandlers(ctx),
    ...macroHandlers(ctx),
    ...draftHandlers(ctx),
    ...notificationHandlers(ctx),
    ...attachmentHandlers(blobs, log),
    ...syncHandlers(sync),
    ...mailHandlers(sync),
  };
  dispatcher = new Dispatcher(handlers);
  const stopWakeTimer = startWakeTimer(ctx, log);

  return {
    dispatcher: dispatcher,
    db,
    schemaVersion,
    blobs,
    sync,
    attachment: async (contentHash) => blobs.get(contentHash) ?? (await sync.client.fetchBlob(contentHash)),
    async close() {
      stopWakeTimer();
      await sync.close();
      db.$client.close();
    },
  };
}
