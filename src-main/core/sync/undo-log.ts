import type Database from 'better-sqlite3';
import { ENTITY_KINDS, type EntityKind } from '../../../src-shared/sync/rows';
import { keyValues, type EntityStatements } from './entity-tables';

/**
 * The before-images local mutations leave in `sync_undo` (written by triggers, see the
 * sync_capture migration). Capture is switched on only around a mutator run, inside its
 * transaction, so a rollback switches it off again too.
 */
export function createUndoLog(client: Database.Database, entities: EntityStatements) {
  const setCapture = client.prepare('UPDATE sync_capture SET active = ? WHERE id = 1');
  const all = client.prepare('SELECT kind, entity_id AS entityId, before_json AS beforeJson FROM sync_undo');
  const count = client.prepare('SELECT count(*) FROM sync_undo').pluck();
  const clear = client.prepare('DELETE FROM sync_undo');
  const rank = new Map<EntityKind, number>(ENTITY_KINDS.map((k, i) => [k, i]));

  return {
    /** Runs `fn` with capture on; must be called inside a transaction. */
    capturing<T>(fn: () => T): T {
      setCapture.run(1);
      const result = fn();
      setCapture.run(0);
      return result;
    },
    isEmpty: () => (count.get() as number) === 0,
    /**
     * Puts every touched row back as it was before the first local mutation since the last
     * rebase: children are deleted before parents, parents restored before children. Returns
     * the conversations whose rows changed, for the consoles to refresh.
     */
    restore(): Set<number> {
      const images = (all.all() as { kind: EntityKind; entityId: string; beforeJson: string | null }[]).sort(
        (a, b) => rank.get(a.kind)! - rank.get(b.kind)!,
      );
      const touched = new Set<number>();
      for (const img of [...images].reverse()) if (img.beforeJson === null) entities.delete(img.kind, img.entityId);
      for (const img of images) {
        if (img.beforeJson === null) {
          if (img.kind === 'conversation') touched.add(keyValues('conversation', img.entityId)[0] as number);
          continue;
        }
        const row = JSON.parse(img.beforeJson) as Record<string, unknown>;
        entities.upsertImage(img.kind, row);
        const conversationId = img.kind === 'conversation' ? row.id : row.conversationId;
        if (typeof conversationId === 'number') touched.add(conversationId);
      }
      clear.run();
      return touched;
    },
  };
}

export type UndoLog = ReturnType<typeof createUndoLog>;
