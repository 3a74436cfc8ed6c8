import { MutationRejected } from '../../../src-shared/mutators';
import type { Change } from '../../../src-shared/sync/protocol';
import { ENTITY_KINDS, entityId, type EntityKind, type SyncedRows } from '../../../src-shared/sync/rows';
import type { ReplicaDb } from '../db/open';
import type { LocalMutations } from '../mutations/local-mutation';
import { BadEntityError, keyValues, type EntityStatements } from './entity-tables';
import type { Outbox, RejectedMutation } from './outbox';
import type { SyncStateStore } from './sync-state';
import type { UndoLog } from './undo-log';

/** One page of a pull, as the rebase needs it. */
export interface PulledPage {
  changes: Change[];
  cursor: string;
  lastMutationId: number;
  rejected: { id: number; message: string }[];
  version: number;
  /** The last page of this pull: only then is the replica at a state of the hub's, so only then are pending mutations run again. */
  final: boolean;
}

export interface RebaseOutcome {
  /** Rows left pointing at missing parents after a catch-up (the hub sent a child without its parent); logged, not fatal. */
  dangling: number;
  /** Something visible changed: the consoles should refresh. */
  changed: boolean;
  tables: string[];
  /** Conversations touched; empty with `changed` means "refresh everything". */
  conversationIds: number[];
  rejected: RejectedMutation[];
}

/** More than this many touched conversations are reported as "everything changed". */
const MAX_REPORTED_CONVERSATIONS = 500;

export interface RebaseDeps {
  db: ReplicaDb;
  entities: EntityStatements;
  undo: UndoLog;
  outbox: Outbox;
  state: SyncStateStore;
  mutations: LocalMutations;
  me(): number;
}

/**
 * Applies pulled pages Replicache-style. In ONE transaction: put back the before-images of local
 * mutations, settle the outbox rows the hub has processed, apply the hub's changes, run the
 * still-pending mutations again on top, save the cursor. The replica is then always the hub's
 * state plus this desktop's pending changes, whatever order things happened in.
 */
export function createRebase({ db, entities, undo, outbox, state, mutations, me }: RebaseDeps) {
  const rank = new Map<EntityKind, number>(ENTITY_KINDS.map((k, i) => [k, i]));
  const settledCount = db.$client.prepare("SELECT count(*) FROM mutation_outbox WHERE id <= ? AND status != 'rejected'").pluck();
  // A draft of a conversation that is gone (its split was refused, a resync did not bring it back) cannot be shown; foreign keys would refuse the commit.
  const dropOrphanDrafts = db.$client.prepare('DELETE FROM draft WHERE conversation_id NOT IN (SELECT id FROM conversation)');
  /**
   * A pull of several pages walks the hub's (version, kind, id) order, where a child may come a
   * page before its parent: foreign keys are off from its first page (or a wipe) to its last,
   * then checked. One page alone is applied with them deferred to its commit.
   */
  let catchingUp = false;
  /** Which notifications were read, kept across a resync's wipe: the hub does not know (read is this desktop's). */
  let readMarks: { id: number; readAt: number }[] = [];
  const markRead = db.$client.prepare('UPDATE notification SET read_at = ? WHERE id = ? AND read_at IS NULL');
  const beginCatchUp = () => {
    if (catchingUp) return;
    db.$client.pragma('foreign_keys = OFF');
    catchingUp = true;
  };
  const endCatchUp = (): number => {
    if (!catchingUp) return 0;
    db.$client.pragma('foreign_keys = ON');
    catchingUp = false;
    return (db.$client.pragma('foreign_key_check') as unknown[]).length;
  };

  function applyChanges(changes: Change[], touched: Touched): void {
    const upserts = changes.filter((c) => c.data !== null).sort((a, b) => rank.get(a.kind)! - rank.get(b.kind)!);
    const deletions = changes.filter((c) => c.data === null).sort((a, b) => rank.get(b.kind)! - rank.get(a.kind)!);
    // Deletions first: a value that moved to another row (an identity re-homed) must leave its old row before a unique index sees it twice.
    for (const c of deletions) {
      entities.delete(c.kind, c.id);
      touched.kind(c.kind, c.kind === 'conversation' || c.kind === 'conversation_tag' ? keyValues(c.kind, c.id)[0] : undefined);
    }
    for (const c of upserts) {
      const data = c.data as Record<string, unknown>;
      let id: string;
      try {
        id = entityId(c.kind, data as unknown as SyncedRows[EntityKind]);
      } catch {
        throw new BadEntityError(`${c.kind} ${c.id} has no key`);
      }
      if (id !== c.id) throw new BadEntityError(`${c.kind} ${c.id} carries the row of ${id}`);
      entities.upsertSynced(c.kind, data);
      touched.kind(c.kind, c.kind === 'conversation' ? data.id : data.conversationId);
    }
  }

  return {
    applyPage(page: PulledPage, now = Date.now()): RebaseOutcome {
      if (!page.final) beginCatchUp();
      const touched = new Touched();
      const rejected: RejectedMutation[] = [];
      const settles = (settledCount.get(page.lastMutationId) as number) > 0;
      const work = page.changes.length > 0 || settles || page.rejected.length > 0;
      // With no before-images, pending mutations are not applied (an earlier page put them back) or changed nothing.
      const rerun = page.final && (work || (undo.isEmpty() && outbox.unsettledCount() > 0));
      db.transaction(() => {
        if (work || rerun) {
          // Parents and children of one page may arrive in any order; checked at commit.
          db.$client.pragma('defer_foreign_keys = ON');
          if (!undo.isEmpty()) touched.conversations(undo.restore(), ['mutation_outbox']);
          rejected.push(...outbox.settle(page.lastMutationId, new Map(page.rejected.map((r) => [r.id, r.message]))));
          applyChanges(page.changes, touched);
          if (rerun) {
            for (const row of outbox.unsettled()) {
              try {
                mutations.rerun(me(), row, touched.ids);
              } catch (e) {
                if (!(e instanceof MutationRejected)) throw e;
                rejected.push(outbox.reject(row, e.message, now));
              }
            }
          }
          if (rejected.length > 0) touched.conversations(new Set(rejected.flatMap((r) => (r.conversationId === null ? [] : [r.conversationId]))), ['mutation_outbox', 'draft']);
        }
        // Only at the end of a pull: mid catch-up, a draft's conversation may simply not have arrived yet.
        if (page.final) {
          dropOrphanDrafts.run();
          for (const m of readMarks) markRead.run(m.readAt, m.id);
        }
        state.advance({ cursor: page.cursor, ackedMutationId: page.lastMutationId, hubVersion: page.version, now });
      });
      if (page.final) readMarks = [];
      return touched.outcome(rejected, page.final ? endCatchUp() : 0);
    },
    /**
     * Empties the synced tables for a catch-up from '' (a resync, another hub). `everything` also
     * drops the outbox and drafts (they belong to the workspace being left); `then` runs in the
     * same transaction. Pending changes otherwise stay and run again once the catch-up ends.
     */
    wipe(everything: boolean, then: () => void = () => {}): void {
      beginCatchUp();
      if (!everything) readMarks = db.$client.prepare('SELECT id, read_at AS readAt FROM notification WHERE read_at IS NOT NULL').all() as typeof readMarks;
      db.transaction(() => {
        for (const kind of [...ENTITY_KINDS].reverse()) db.$client.prepare(`DELETE FROM ${kind}`).run();
        db.$client.prepare('DELETE FROM sync_undo').run();
        if (everything) db.$client.exec('DELETE FROM mutation_outbox; DELETE FROM draft;');
        state.restartCursor();
        then();
      });
    },
  };
}

/** What a rebase touched, for one db-changed event. */
class Touched {
  readonly ids = new Set<number>();
  private readonly tables = new Set<string>();
  private everything = false;

  kind(kind: EntityKind, conversationId: unknown): void {
    this.tables.add(kind);
    if (kind === 'notification' || kind === 'agent' || kind === 'macro' || kind === 'workspace') return;
    if (typeof conversationId === 'number') this.ids.add(conversationId);
    else this.everything = true;
  }

  conversations(ids: Iterable<number>, tables: string[]): void {
    for (const id of ids) this.ids.add(id);
    for (const t of tables) this.tables.add(t);
    this.tables.add('conversation');
  }

  outcome(rejected: RejectedMutation[], dangling: number): RebaseOutcome {
    const changed = this.tables.size > 0 || this.ids.size > 0;
    const all = this.everything || this.ids.size > MAX_REPORTED_CONVERSATIONS;
    return { changed, tables: [...this.tables], conversationIds: all ? [] : [...this.ids], rejected, dangling };
  }
}
