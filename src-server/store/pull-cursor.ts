import type { EntityKind } from '../../src-shared/sync/rows';
import { ResyncRequired, type EntityChange, type PullPage } from './contract';
import { entityKind, MAX_ENTITY_ID_LENGTH, StoreInputError } from './store-input';

/**
 * Pull cursors, the same on every store. A pull walks entities in (version, kind, id) order; the
 * cursor says where the walk stopped and what the replica can safely miss.
 *
 * - `''`: a fresh replica, from the start.
 * - `"V"`: caught up with everything up to version V.
 * - `"F.v.kind.id"`: mid-walk, after entity (v, kind, id). `F` (the floor) is the version below
 *   which the replica needs no tombstone: every deletion it has yet to hear of is above F. It is
 *   the version the walk began from (or, starting fresh, the version of its first page), raised
 *   to v-1 as the walk passes whole versions.
 *
 * `compact(M)` drops tombstones at or below M, so a cursor with floor (or caught-up version)
 * below M answers ResyncRequired. A fresh walk's floor is never below M (compaction never passes
 * the current version), so '' and the pages that follow it never need a resync.
 */
export type CursorPosition =
  | { at: 'start' }
  | { at: 'caught-up'; version: number }
  | { at: 'entity'; floor: number; version: number; kind: EntityKind; id: string };

const VERSION = /^(0|[1-9]\d{0,15})$/;

function cursorVersion(text: string | undefined, cursor: string): number {
  const n = Number(text);
  if (text === undefined || !VERSION.test(text) || !Number.isSafeInteger(n)) throw new StoreInputError(`malformed pull cursor ${JSON.stringify(cursor)}`);
  return n;
}

export function decodeCursor(cursor: string): CursorPosition {
  if (typeof cursor !== 'string') throw new StoreInputError('a pull cursor must be text');
  if (cursor === '') return { at: 'start' };
  const [floor, version, kind, ...idParts] = cursor.split('.');
  if (version === undefined) return { at: 'caught-up', version: cursorVersion(floor, cursor) };
  const id = idParts.join('.');
  if (kind === undefined || idParts.length === 0 || id === '' || id.length > MAX_ENTITY_ID_LENGTH) throw new StoreInputError(`malformed pull cursor ${JSON.stringify(cursor)}`);
  return { at: 'entity', floor: cursorVersion(floor, cursor), version: cursorVersion(version, cursor), kind: entityKind(kind), id };
}

export function encodeCursor(p: CursorPosition): string {
  if (p.at === 'start') return '';
  if (p.at === 'caught-up') return String(p.version);
  return `${p.floor}.${p.version}.${p.kind}.${p.id}`;
}

/** The keyset condition for rows after a position, with `?` placeholders. Both databases compare row values through the (version, kind, id) index. */
export function afterCursor(p: CursorPosition): { where: string; params: (string | number)[] } {
  if (p.at === 'start') return { where: 'version > 0', params: [] };
  if (p.at === 'caught-up') return { where: 'version > ?', params: [p.version] };
  return { where: '(version, kind, id) > (?, ?, ?)', params: [p.version, p.kind, p.id] };
}

export interface PullMeta {
  version: number;
  minVersion: number;
}

/** Refuses a cursor the store can no longer serve: tombstones it needs were compacted, or it comes from a store that was ahead of this one (restored from an older backup). */
export function checkCursor(p: CursorPosition, meta: PullMeta): void {
  if (p.at === 'start') return;
  const floor = p.at === 'caught-up' ? p.version : p.floor;
  if (floor < meta.minVersion || floor > meta.version || p.version > meta.version) throw new ResyncRequired(meta.minVersion);
}

/**
 * Makes a page from up to limit+1 rows read in the same snapshot as `meta`. When rows remain, the
 * cursor points at the last row returned (one version may span many pages); otherwise the replica
 * is caught up with the snapshot's version.
 */
export function pullPage(p: CursorPosition, rows: EntityChange[], limit: number, meta: PullMeta & { lastMutationId: number | null }): PullPage {
  const hasMore = rows.length > limit;
  const entities = hasMore ? rows.slice(0, limit) : rows;
  const last = entities[entities.length - 1];
  if (!hasMore || !last) return { entities, cursor: encodeCursor({ at: 'caught-up', version: meta.version }), hasMore: false, version: meta.version, lastMutationId: meta.lastMutationId };
  const startFloor = p.at === 'start' ? meta.version : p.at === 'caught-up' ? p.version : p.floor;
  const floor = Math.max(startFloor, last.version - 1);
  return { entities, cursor: encodeCursor({ at: 'entity', floor, version: last.version, kind: last.kind, id: last.id }), hasMore: true, version: meta.version, lastMutationId: meta.lastMutationId };
}
