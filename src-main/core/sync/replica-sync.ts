import type { createConversationQueries } from '../conversations/queries';
import type { ReplicaDb } from '../db/open';
import { createLocalMutations } from '../mutations/local-mutation';
import { createEntityStatements } from './entity-tables';
import { createOutbox } from './outbox';
import { createRebase } from './rebase';
import { createSyncStateStore } from './sync-state';
import { createUndoLog } from './undo-log';

/**
 * The replica's side of sync, wired once: local mutations that capture before-images, the
 * outbox, the sync_state row and the rebase that applies pulled pages. No network here.
 */
export function createReplicaSync(db: ReplicaDb, conversations: ReturnType<typeof createConversationQueries>, me: () => number) {
  const entities = createEntityStatements(db.$client);
  const undo = createUndoLog(db.$client, entities);
  const mutations = createLocalMutations(db, conversations, undo);
  const outbox = createOutbox(db);
  const state = createSyncStateStore(db);
  const rebase = createRebase({ db, entities, undo, outbox, state, mutations, me });
  return { entities, undo, mutations, outbox, state, rebase };
}

export type ReplicaSync = ReturnType<typeof createReplicaSync>;
