import { keyOf, type EntityKey, type HubWriteTx } from '../store/contract';
import { toEntity, type Entity, type EntityKind, type SyncedRows } from '../../src-shared/sync/rows';

type WholeKind = 'agent' | 'macro';
type ChildList = { kind: EntityKind; parent: string };

/**
 * Thrown by a synchronous read of rows not loaded yet. Private to the hub's mutator tx: the
 * runner catches it, rolls the attempt back, loads what it names and runs the (pure,
 * deterministic) mutator again.
 */
export class NeedRows {
  constructor(
    readonly entities: EntityKey[] = [],
    readonly children: ChildList[] = [],
    readonly kinds: WholeKind[] = [],
    readonly blobs: string[] = [],
  ) {}
}

const listKey = (kind: EntityKind, parent: string) => `${kind}/${parent}`;

/**
 * What one push has read from the store, with its accepted writes on top. The cache is the truth
 * for every key it holds (loads never overwrite a cached key), so the children index, built from
 * cached values, stays right when rows move between parents before anything reaches the store.
 * Writes of the running mutation are journaled, so a rejected or re-run attempt is undone exactly.
 */
export class EntityCache {
  private readonly entities = new Map<string, Entity | null>();
  private readonly byParent = new Map<string, Set<string>>();
  private readonly loadedLists = new Set<string>();
  private readonly loadedKinds = new Set<EntityKind>();
  private readonly blobs = new Map<string, boolean>();
  /** The value each key had before the running attempt first wrote it (undefined: not cached). */
  private journal = new Map<string, Entity | null | undefined>();
  /** Keys written by accepted mutations, to put in the store at the end of the push. */
  private readonly dirty = new Set<string>();

  /** The live entity, null when it does not exist; throws NeedRows when the cache cannot tell. */
  get<K extends EntityKind>(kind: K, id: string, parent?: string): Entity<K> | null {
    const found = this.peek(kind, id, parent);
    if (found === undefined) throw new NeedRows([{ kind, id }]);
    return found as Entity<K> | null;
  }

  /** Throws one NeedRows naming everything missing here, so a step's rows come in one load. */
  require(entities: EntityKey[], lists: ChildList[]): void {
    const missingEntities = entities.filter((k) => this.peek(k.kind, k.id) === undefined);
    const missingLists = lists.filter((l) => !this.loadedLists.has(listKey(l.kind, l.parent)));
    if (missingEntities.length > 0 || missingLists.length > 0) throw new NeedRows(missingEntities, missingLists);
  }

  /** Several at once, so one load brings every missing row a step needs. */
  getMany<K extends EntityKind>(kind: K, ids: string[]): (Entity<K> | null)[] {
    const missing = ids.filter((id) => this.peek(kind, id) === undefined);
    if (missing.length > 0) throw new NeedRows(missing.map((id) => ({ kind, id })));
    return ids.map((id) => this.peek(kind, id) as Entity<K> | null);
  }

  /** Live children of each (kind, parent), in no particular order. */
  children<K extends EntityKind>(...lists: { kind: K; parent: string }[]): Entity<K>[][] {
    const missing = lists.filter((l) => !this.loadedLists.has(listKey(l.kind, l.parent)));
    if (missing.length > 0) throw new NeedRows([], missing);
    return lists.map((l) => [...(this.byParent.get(listKey(l.kind, l.parent)) ?? [])].map((key) => this.entities.get(key) as Entity<K>));
  }

  /** Every live entity of a small kind. */
  all<K extends WholeKind>(kind: K): Entity<K>[] {
    if (!this.loadedKinds.has(kind)) throw new NeedRows([], [], [kind]);
    const out: Entity<K>[] = [];
    for (const e of this.entities.values()) if (e?.kind === kind) out.push(e as Entity<K>);
    return out;
  }

  hasBlob(contentHash: string): boolean {
    const known = this.blobs.get(contentHash);
    if (known === undefined) throw new NeedRows([], [], [], [contentHash]);
    return known;
  }

  write<K extends EntityKind>(kind: K, row: SyncedRows[K]): void {
    const entity = toEntity(kind, row);
    this.set(keyOf(entity), entity);
  }

  remove(kind: EntityKind, id: string): void {
    this.set(keyOf({ kind, id }), null);
  }

  /** Keeps the running attempt's writes. */
  commit(): void {
    for (const key of this.journal.keys()) this.dirty.add(key);
    this.journal = new Map();
  }

  /** Undoes the running attempt's writes. */
  rollback(): void {
    for (const [key, before] of this.journal) {
      this.unindex(key);
      if (before === undefined) this.entities.delete(key);
      else this.store(key, before);
    }
    this.journal = new Map();
  }

  /** Brings in what a NeedRows named, without touching any key already cached. */
  async load(tx: HubWriteTx, need: NeedRows, blobStore: { has(contentHash: string): Promise<boolean> }): Promise<void> {
    if (need.entities.length > 0) {
      const found = await tx.getEntities(need.entities);
      for (const k of need.entities) this.adopt(keyOf(k), found.get(keyOf(k)) ?? null);
    }
    for (const l of need.children) {
      for (const e of await tx.listChildren(l.kind, l.parent)) this.adopt(keyOf(e), e);
      this.loadedLists.add(listKey(l.kind, l.parent));
    }
    for (const kind of need.kinds) {
      for (const e of await tx.listKind(kind)) this.adopt(keyOf(e), e);
      this.loadedKinds.add(kind);
    }
    for (const hash of need.blobs) this.blobs.set(hash, await blobStore.has(hash));
  }

  /** The accepted writes, as the store's put takes them. */
  changes(): (Entity | (EntityKey & { deleted: true }))[] {
    return [...this.dirty].map((key) => {
      const e = this.entities.get(key);
      if (e) return e;
      const slash = key.indexOf('/');
      return { kind: key.slice(0, slash) as EntityKind, id: key.slice(slash + 1), deleted: true as const };
    });
  }

  private peek(kind: EntityKind, id: string, parent?: string): Entity | null | undefined {
    const e = this.entities.get(keyOf({ kind, id }));
    if (e !== undefined) return e;
    if (this.loadedKinds.has(kind) || (parent !== undefined && this.loadedLists.has(listKey(kind, parent)))) return null;
    return undefined;
  }

  private adopt(key: string, e: Entity | null): void {
    if (this.entities.has(key)) return;
    // Only the row itself: the store's version stamp is not part of what mutators read or write.
    this.store(key, e && { kind: e.kind, id: e.id, parent: e.parent, audience: e.audience, data: e.data });
  }

  private set(key: string, e: Entity | null): void {
    if (!this.journal.has(key)) this.journal.set(key, this.entities.get(key));
    this.unindex(key);
    this.store(key, e);
  }

  private store(key: string, e: Entity | null): void {
    this.entities.set(key, e);
    if (e?.parent != null) {
      const lk = listKey(e.kind, e.parent);
      let members = this.byParent.get(lk);
      if (!members) this.byParent.set(lk, (members = new Set()));
      members.add(key);
    }
  }

  private unindex(key: string): void {
    const old = this.entities.get(key);
    if (old?.parent != null) this.byParent.get(listKey(old.kind, old.parent))?.delete(key);
  }
}
