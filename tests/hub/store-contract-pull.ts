import { describe, expect, it } from 'vitest';
import { ResyncRequired, type EntityChange, type HubStore } from '../../src-server/store/contract';
import type { StoreOpeners } from './store-contract.suite';
import { conversation, macro, message, note } from './store-rows';

const positionOf = (e: EntityChange) => [e.version, e.kind, e.id] as const;

/** Byte order of UTF-8, as SQLite's BINARY and PostgreSQL's "C" collation compare text. */
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

function comparePositions(a: EntityChange, b: EntityChange): number {
  return a.version - b.version || byteOrder(a.kind, b.kind) || byteOrder(a.id, b.id);
}

async function pullAll(store: HubStore, cursor: string, limit: number): Promise<{ entities: EntityChange[]; cursor: string; pages: number }> {
  const entities: EntityChange[] = [];
  let pages = 0;
  for (;;) {
    const page = await store.pull(cursor, limit);
    entities.push(...page.entities);
    cursor = page.cursor;
    pages++;
    if (!page.hasMore) return { entities, cursor, pages };
  }
}

export function describePullContract({ fresh }: StoreOpeners): void {
  describe('pull', () => {
    it("names the pulling desktop's last applied mutation from the same snapshot as the page", async () => {
      const store = await fresh();
      await store.clients.register('desk-a', 1, 'Ana laptop', 1000);
      await store.write(async (tx) => {
        await tx.put([conversation(1)]);
        await tx.setLastMutationId('desk-a', 7);
      });
      const page = await store.pull('', 100, 'desk-a');
      expect(page.entities.map((e) => e.id)).toEqual(['1']);
      expect(page.lastMutationId).toBe(7);
      expect((await store.pull('', 100, 'unknown-desk')).lastMutationId).toBeNull();
      expect((await store.pull('', 100)).lastMutationId).toBeNull();
    });

    it('walks changes in (version, kind, id) order, tombstones included, even when one version spans many pages', async () => {
      const store = await fresh();
      await store.importEntities([[conversation(2), conversation(1), ...Array.from({ length: 9 }, (_, i) => message(100 + i, 1))]]);
      await store.write((tx) => tx.put([macro(5), note('b', 1), note('a', 1)]));
      await store.write((tx) => tx.put([{ kind: 'message', id: '104', deleted: true }]));

      const all = await pullAll(store, '', 4);
      expect(all.pages).toBe(4);
      expect(all.entities).toHaveLength(14);
      expect([...all.entities].sort(comparePositions).map(positionOf)).toEqual(all.entities.map(positionOf));
      expect(all.entities.at(-1)).toEqual({ kind: 'message', id: '104', version: 3, deleted: true });
      expect(all.entities.filter((e) => e.version === 1)).toHaveLength(10); // message 104 moved to version 3
      expect(all.entities.find((e) => e.id === '5')).toMatchObject({ kind: 'macro', version: 2, parent: null, audience: null });

      const page = await store.pull(all.cursor, 4);
      expect(page).toEqual({ entities: [], cursor: all.cursor, hasMore: false, version: 3, lastMutationId: null });
      await store.write((tx) => tx.put([conversation(2, { subject: 'changed' })]));
      const next = await store.pull(all.cursor, 4);
      expect(next.entities.map(positionOf)).toEqual([[4, 'conversation', '2']]);
      expect(next.version).toBe(4);
    });

    it('sorts text ids by their bytes, the same on every database', async () => {
      const store = await fresh();
      const ids = ['b', 'B', 'a', '_', '~', 'é', 'z9', 'z10', '中', '😀', 'ａ', 'A-1', 'a.b.c'];
      await store.write((tx) => tx.put(ids.map((id) => note(id, 1))));
      const expected = [...ids].sort(byteOrder);
      expect((await store.pull('', 100)).entities.map((e) => e.id)).toEqual(expected);
      expect((await store.scanKind('note', '', 100)).map((e) => e.id)).toEqual(expected);
      expect((await store.listChildren('note', '1')).map((e) => e.id)).toEqual(expected);
      const paged = await pullAll(store, '', 3);
      expect(paged.entities.map((e) => e.id)).toEqual(expected);
    });

    it('never shows rows of a write still in flight', async () => {
      const store = await fresh();
      await store.write((tx) => tx.put([conversation(1)]));
      const during = await store.write(async (tx) => {
        await tx.put([conversation(2), message(20, 2)]);
        return {
          page: await store.pull('', 100),
          entities: await store.getEntities([{ kind: 'conversation', id: '2' }]),
          version: await store.version(),
        };
      });
      expect(during.page.entities.map((e) => e.id)).toEqual(['1']);
      expect(during.page.version).toBe(1);
      expect(during.entities.size).toBe(0);
      expect(during.version).toBe(1);
      expect((await store.pull('', 100)).entities.map((e) => e.id)).toEqual(['1', '2', '20']);
    });

    it('answers ResyncRequired for a cursor older than a compaction, never for a fresh walk', async () => {
      const store = await fresh();
      await store.write((tx) => tx.put([conversation(1), conversation(2), conversation(3)]));
      const caughtUpAt1 = (await store.pull('', 100)).cursor;
      await store.write((tx) => tx.put([{ kind: 'conversation', id: '2', deleted: true }]));
      await store.write((tx) => tx.put([{ kind: 'conversation', id: '3', deleted: true }, conversation(4)]));
      const midWalk = (await store.pull(caughtUpAt1, 1)).cursor; // inside version 2: still needs version 3's tombstone

      expect(await store.compact(2)).toBe(1);
      const fromStart = await store.pull('', 100);
      expect(fromStart.entities.map((e) => [e.id, 'deleted' in e && e.deleted === true])).toEqual([
        ['1', false],
        ['3', true],
        ['4', false],
      ]);
      const error = await store.pull(caughtUpAt1, 10).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResyncRequired);
      expect(error).toMatchObject({ name: 'ResyncRequired', minVersion: 2 });
      await expect(store.pull(midWalk, 10)).rejects.toBeInstanceOf(ResyncRequired);
      expect((await store.pull(fromStart.cursor, 10)).entities).toEqual([]);

      expect(await store.compact(3)).toBe(1);
      await expect(store.pull(fromStart.cursor, 10)).resolves.toMatchObject({ entities: [], hasMore: false, version: 3 });
      await expect(store.compact(4)).rejects.toThrow('cannot compact up to version 4: the store is at version 3');
    });

    it('lets a fresh walk finish when the store is compacted in the middle of it', async () => {
      const store = await fresh();
      await store.importEntities([Array.from({ length: 6 }, (_, i) => conversation(i + 1))]);
      await store.write((tx) => tx.put([{ kind: 'conversation', id: '6', deleted: true }]));
      const first = await store.pull('', 2);
      await store.write((tx) => tx.put([{ kind: 'conversation', id: '1', deleted: true }])); // deletes a row the walk already passed
      await store.compact(2);
      const rest = await pullAll(store, first.cursor, 2);
      expect(rest.entities.map((e) => e.id)).toEqual(['3', '4', '5', '1']);
      expect(rest.entities.at(-1)).toMatchObject({ id: '1', deleted: true, version: 3 });
    });

    it('refuses a cursor from a store that is behind it, and malformed cursors and limits', async () => {
      const store = await fresh();
      await store.write((tx) => tx.put([conversation(1)]));
      await expect(store.pull('7', 10)).rejects.toBeInstanceOf(ResyncRequired);
      await expect(store.pull('1.9.conversation.1', 10)).rejects.toBeInstanceOf(ResyncRequired);
      await expect(store.pull('x', 10)).rejects.toThrow('malformed pull cursor "x"');
      await expect(store.pull('1.1.ticket.1', 10)).rejects.toThrow('unknown entity kind "ticket"');
      await expect(store.pull('1.1.conversation.', 10)).rejects.toThrow('malformed pull cursor');
      await expect(store.pull('', 0)).rejects.toThrow('pull limit must be a whole number');
    });

    it('scans one kind in id order, a page at a time, without tombstones', async () => {
      const store = await fresh();
      await store.write((tx) => tx.put([conversation(1), conversation(2), conversation(3), conversation(10), message(5, 1)]));
      await store.write((tx) => tx.put([{ kind: 'conversation', id: '2', deleted: true }]));
      expect((await store.scanKind('conversation', '', 2)).map((e) => e.id)).toEqual(['1', '10']);
      expect((await store.scanKind('conversation', '10', 2)).map((e) => e.id)).toEqual(['3']);
      expect(await store.scanKind('conversation', '3', 2)).toEqual([]);
      expect((await store.listChildren('message', '1')).map((e) => e.id)).toEqual(['5']);
      expect(await store.listChildren('message', '2')).toEqual([]);
    });
  });
}
