import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Dispatcher, type Handlers } from './api/dispatcher';
import { appHandlers } from './app/handlers';
import { conversationHandlers } from './conversations/handlers';
import { createConversationQueries } from './conversations/queries';
import { countRows, type CoreContext } from './context';
import { DataFolderError, openReplica, type ReplicaDb } from './db/open';
import * as t from './db/schema';
import { inboxHandlers } from './inbox/handlers';
import { macroHandlers } from './macros/handlers';
import { mutationHandlers } from './mutations/handlers';
import { notificationHandlers } from './notifications/handlers';
import { createLocalMutations } from './mutations/local-mutation';
import { searchHandlers } from './search/handlers';
import { draftHandlers } from './drafts/handlers';
import { attachmentHandlers } from './attachments/handlers';
import { createBlobStore, type BlobStore } from './attachments/blob-store';
import { startWakeTimer } from './snooze/wake';
import { seedDemoWorkspace } from './seed';

export interface CoreOptions {
  dataDir: string;
  migrationsDir?: string;
  /** Conversations in the demo workspace made on first start of an empty data folder. */
  demoConversations?: number;
  log?: (line: string) => void;
}

export interface Core {
  dispatcher: Dispatcher;
  db: ReplicaDb;
  schemaVersion: number;
  /** Attachment bodies, for the console's download route. */
  blobs: BlobStore;
  close(): void;
}

/** Migrations sit next to the bundle (dist/core/migrations) or in the source tree. */
export function defaultMigrationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'migrations'), path.join(here, 'db', 'migrations')];
  const found = candidates.find((c) => fs.existsSync(path.join(c, 'meta', '_journal.json')));
  if (!found) throw new Error(`schema migrations not found next to ${here}`);
  return found;
}

export function startCore(opts: CoreOptions): Core {
  const log = opts.log ?? (() => {});
  const { db, schemaVersion } = openReplica(opts.dataDir, opts.migrationsDir ?? defaultMigrationsDir());

  if (countRows(db, 'workspace') === 0) {
    const n = opts.demoConversations ?? 3_000;
    log(`Creating the demo workspace (${n} conversations) in ${opts.dataDir} ...`);
    const summary = seedDemoWorkspace(db, { conversations: n, seed: 1 });
    log(`Demo workspace ready: ${summary.conversations} conversations, ${summary.messages} messages.`);
  }

  const session = db.select().from(t.localSession).get();
  if (!session) throw new DataFolderError(`${opts.dataDir} holds a replica without a local session; it was left untouched.`);
  const conversations = createConversationQueries(db);
  const ctx: CoreContext = {
    db,
    dataDir: opts.dataDir,
    schemaVersion,
    me: () => session.agentId,
    broadcast: (name, payload) => dispatcher.broadcast(name, payload),
    conversations,
    mutations: createLocalMutations(db, conversations),
  };
  const blobs = createBlobStore(db, opts.dataDir);
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
  };
  const dispatcher = new Dispatcher(handlers);
  const stopWakeTimer = startWakeTimer(ctx, log);

  return {
    dispatcher,
    db,
    schemaVersion,
    blobs,
    close() {
      stopWakeTimer();
      db.$client.close();
    },
  };
}

