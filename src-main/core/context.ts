import type { ApiEventName, ApiEvents } from '../../src-shared/api';
import type { createConversationQueries } from './conversations/queries';
import type { ReplicaDb } from './db/open';
import type { createLocalMutations } from './mutations/local-mutation';

/** What every domain's handlers may use: the replica, who this desktop is, and the event push. */
export interface CoreContext {
  db: ReplicaDb;
  dataDir: string;
  schemaVersion: number;
  /** The agent this desktop acts as. */
  me(): number;
  broadcast<E extends ApiEventName>(name: E, payload: ApiEvents[E]): void;
  conversations: ReturnType<typeof createConversationQueries>;
  mutations: ReturnType<typeof createLocalMutations>;
}

export function countRows(db: ReplicaDb, table: 'workspace' | 'conversation' | 'message' | 'customer'): number {
  return db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}
