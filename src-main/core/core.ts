import { asc } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError, API_PROTOCOL_VERSION, type ApiResults } from '../../src-shared/api';
import type { Agent } from '../../src-shared/domain';
import { Dispatcher, type Handlers } from './api/dispatcher';
import { createConversationQueries } from './conversations/queries';
import { openReplica, type ReplicaDb } from './db/open';
import * as t from './db/schema';
import { createInboxQueries } from './inbox/queries';
import { createLocalMutations } from './mutations/local-mutation';
import { createSearch } from './search/search';
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

function countRows(db: ReplicaDb, table: 'workspace' | 'conversation' | 'message' | 'customer'): number {
  // max(rowid) would be cheaper but lies after deletes; count(*) on these tables walks a small index.
  return db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
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

  const conversations = createConversationQueries(db);
  const session = db.select().from(t.localSession).get();
  if (!session) throw new ApiError('internal', 'the replica has no local session');
  const me = () => session.agentId;
  const inbox = createInboxQueries(db, me);
  const search = createSearch(db);
  const mutations = createLocalMutations(db, conversations);

  const info = (): ApiResults['app.info'] => {
    const ws = db.select().from(t.workspace).get();
    if (!ws) throw new ApiError('internal', 'the replica has no workspace');
    const agents = db.select().from(t.agent).orderBy(asc(t.agent.name)).all() as Agent[];
    const meAgent = agents.find((a) => a.id === session.agentId);
    if (!meAgent) throw new ApiError('internal', `agent ${session.agentId} of this desktop is missing`);
    return {
      workspace: ws,
      me: meAgent,
      agents,
      schemaVersion,
      protocolVersion: API_PROTOCOL_VERSION,
      dataDir: opts.dataDir,
      totals: { conversations: countRows(db, 'conversation'), messages: countRows(db, 'message'), customers: countRows(db, 'customer') },
    };
  };

  const handlers: Handlers = {
    'app.info': info,
    'inbox.counts': ({ views }) => ({ counts: views.map((v) => inbox.count(v)) }),
    'inbox.list': ({ view, offset, limit }) => inbox.list(view, offset, limit),
    'conversation.get': ({ id }) => conversations.getDetail(id),
    'search.query': ({ q, limit }) => {
      const start = performance.now();
      const hits = search(q, limit);
      return { hits, tookMs: Math.round((performance.now() - start) * 100) / 100 };
    },
    mutate: ({ name, args }) => {
      const { outboxId, conversationIds } = mutations.apply(me(), name, args);
      dispatcher.broadcast('db-changed', { tables: ['conversation', 'message', 'note', 'conversation_tag', 'mutation_outbox'], conversationIds });
      return { outboxId };
    },
    'outbox.list': ({ limit }) => ({ entries: mutations.list(limit) }),
  };
  const dispatcher = new Dispatcher(handlers);

  return {
    dispatcher,
    db,
    schemaVersion,
    close() {
      db.$client.close();
    },
  };
}

