import { describe, expect, it } from 'vitest';
import type { ConversationRow, Entity, MacroRow } from '../../src-shared/sync/rows';
import { keyOf } from '../../src-server/store/contract';
import type { StoreOpeners } from './store-contract.suite';
import { agent, conversation, conversationBatches, macro, message, note } from './store-rows';

const MAX = Number.MAX_SAFE_INTEGER;

export function describeWriteContract({ fresh, again }: StoreOpeners): void {
  describe('write', () => {
    it('gives every put of one write one new version, and reads inside see the write', async () => {
      const store = await fresh();
      const heard: number[] = [];
      store.onVersion((v) => heard.push(v));
      expect(await store.version()).toBe(0);

      const seen = await store.write(async (tx) => {
        expect(tx.version).toBe(0);
        await tx.put([conversation(1), message(10, 1), note('n-1', 1)]);
        await tx.put([message(11, 1), agent(7)]);
        const got = await tx.getEntities([{ kind: 'conversation', id: '1' }, { kind: 'message', id: '11' }, { kind: 'message', id: '999' }]);
        const children = await tx.listChildren('message', '1');
        const agents = await tx.listKind('agent');
        return { got, children, agents };
      });
      expect([...seen.got.keys()].sort()).toEqual(['conversation/1', 'message/11']);
      expect(seen.got.get('conversation/1')).toMatchObject({ version: 1, parent: null, data: { subject: 'Order question 1' } });
      expect(seen.children.map((e) => e.id)).toEqual(['10', '11']);
      expect(seen.agents.map((e) => [e.id, e.version])).toEqual([['7', 1]]);
      expect(await store.version()).toBe(1);
      expect(heard).toEqual([1]);

      await store.write(async (tx) => tx.put([message(12, 1)]));
      const all = await store.getEntities([{ kind: 'conversation', id: '1' }, { kind: 'message', id: '12' }]);
      expect(all.get('conversation/1')?.version).toBe(1);
      expect(all.get('message/12')?.version).toBe(2);
      expect(heard).toEqual([1, 2]);
    });

    it('leaves the version alone when a write puts nothing', async () => {
      const store = await fresh();
      const heard: number[] = [];
      store.onVersion((v) => heard.push(v));
      expect(await store.write(async (tx) => (await tx.getEntities([{ kind: 'macro', id: '1' }])).size)).toBe(0);
      await store.write(async (tx) => tx.put([]));
      expect(await store.version()).toBe(0);
      expect(heard).toEqual([]);
    });

    it('rolls everything back when the function throws: no rows, no version, no counters, no notification', async () => {
      const store = await fresh();
      await store.clients.register('desk-1', 1, 'laptop', 1000);
      await store.write(async (tx) => tx.put([macro(1, 5)]));
      const heard: number[] = [];
      store.onVersion((v) => heard.push(v));

      const failing = store.write(async (tx) => {
        await tx.put([macro(1, 6), conversation(2)]);
        await tx.allocateHubIds(3);
        await tx.setLastMutationId('desk-1', 9);
        await tx.recordRejection('desk-1', { mutationId: 9, code: 'conflict', message: 'no' });
        await tx.audit({ at: 1, actorId: 1, clientId: 'desk-1', mutationId: 9, action: 'reply', entityType: 'conversation', entityId: '2', data: {} });
        throw new Error('mutator refused');
      });
      await expect(failing).rejects.toThrow('mutator refused');

      expect(await store.version()).toBe(1);
      expect((await store.getEntities([{ kind: 'macro', id: '1' }])).get('macro/1')?.data).toMatchObject({ usageCount: 5 });
      expect((await store.getEntities([{ kind: 'conversation', id: '2' }])).size).toBe(0);
      expect((await store.clients.get('desk-1'))?.lastMutationId).toBe(0);
      expect(await store.clients.rejections('desk-1', 0)).toEqual([]);
      expect(await store.audit.list({ limit: 10 })).toEqual([]);
      expect(await store.write((tx) => tx.allocateHubIds(1))).toEqual([1]);
      expect(heard).toEqual([]);
    });

    it('refuses a bad put with a clear error and applies none of it', async () => {
      const store = await fresh();
      const wrongId = { ...conversation(3), id: '4' };
      await expect(store.write((tx) => tx.put([conversation(1), wrongId]))).rejects.toThrow('conversation id "4" does not match its row (expected "3")');
      await expect(store.write((tx) => tx.put([{ ...macro(1), kind: 'ticket' } as unknown as Entity]))).rejects.toThrow('unknown entity kind "ticket"');
      await expect(store.write((tx) => tx.put([{ ...message(5, 1), parent: '2' }]))).rejects.toThrow('parent "2" does not match its row (expected "1")');
      await expect(store.write((tx) => tx.put([note('bad\u0000id', 1)]))).rejects.toThrow('must not contain NUL');
      const kept = await store.write(async (tx) => {
        await tx.put([conversation(1)]);
        await expect(tx.put([conversation(2), wrongId])).rejects.toThrow('does not match its row');
        return tx.getEntities([{ kind: 'conversation', id: '1' }, { kind: 'conversation', id: '2' }]);
      });
      expect([...kept.keys()]).toEqual(['conversation/1']);
      expect(await store.version()).toBe(1);
    });

    it('stamps and counts a put the function forgot to await', async () => {
      const store = await fresh();
      await store.write(async (tx) => void tx.put([conversation(1)]));
      expect(await store.version()).toBe(1);
      expect((await store.pull('', 10)).entities.map((e) => [e.id, e.version])).toEqual([['1', 1]]);
    });

    it('refuses the transaction once its write is over, and store writes from inside a write', async () => {
      const store = await fresh();
      const leaked = await store.write(async (tx) => tx);
      await expect(leaked.put([macro(1)])).rejects.toThrow('This store write has finished');
      await expect(store.write(() => store.users.update(1, { name: 'x' }))).rejects.toThrow('store.users.update() cannot run inside store.write()');
      expect(await store.version()).toBe(0);
      // Work a write only scheduled may write once that write is over.
      let followUp!: Promise<void>;
      await store.write(async () => {
        followUp = new Promise((done) => setTimeout(() => done(store.write((tx) => tx.put([macro(2)]))), 20));
      });
      await followUp;
      expect(await store.version()).toBe(1);
    });

    it('serializes concurrent writes: 50 concurrent increments lose no update', async () => {
      const store = await fresh();
      await store.write((tx) => tx.put([macro(1, 0)]));
      const heard: number[] = [];
      store.onVersion((v) => heard.push(v));
      await Promise.all(
        Array.from({ length: 50 }, () =>
          store.write(async (tx) => {
            const current = (await tx.getEntities([{ kind: 'macro', id: '1' }])).get('macro/1')!.data as MacroRow;
            await new Promise((r) => setTimeout(r, 1)); // let the other writers try to interleave
            await tx.put([macro(1, current.usageCount + 1)]);
          }),
        ),
      );
      const final = (await store.getEntities([{ kind: 'macro', id: '1' }])).get('macro/1')!;
      expect((final.data as MacroRow).usageCount).toBe(50);
      expect(final.version).toBe(51);
      expect(await store.version()).toBe(51);
      expect(heard).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    });

    it('keeps ids and numbers up to 2^53-1 exactly and refuses larger ones', async () => {
      const store = await fresh();
      const big = conversation(MAX, { assigneeId: MAX, lastActivityAt: MAX });
      await store.write((tx) => tx.put([big, message(MAX - 1, MAX)]));
      const got = await store.getEntities([{ kind: 'conversation', id: String(MAX) }]);
      expect((got.get(`conversation/${MAX}`)!.data as ConversationRow).assigneeId).toBe(MAX);
      expect((await store.listChildren('message', String(MAX))).map((m) => m.id)).toEqual([String(MAX - 1)]);
      await store.clients.register('desk-big', MAX, 'laptop', MAX);
      await store.write((tx) => tx.setLastMutationId('desk-big', MAX));
      expect(await store.clients.get('desk-big')).toMatchObject({ userId: MAX, lastMutationId: MAX, lastSeenAt: MAX });
      await expect(store.write((tx) => tx.setLastMutationId('desk-big', MAX + 1))).rejects.toThrow('mutation id must be a whole number from 0 to 2^53-1');
      const tooBig = { ...note('n', 1), audience: 2 ** 53 };
      await expect(store.write((tx) => tx.put([tooBig]))).rejects.toThrow('audience');
    });

    it('hands out hub ids that only grow, across restarts and past imported hub rows', async () => {
      const store = await fresh();
      expect(await store.write((tx) => tx.allocateHubIds(3))).toEqual([1, 2, 3]);
      expect(await store.write((tx) => tx.allocateHubIds(0))).toEqual([]);
      await store.importEntities([[conversation(40), message(7, 40), note('note-9999', 40)]]);
      expect(await store.write((tx) => tx.allocateHubIds(2))).toEqual([41, 42]);
      await store.close();
      const reopened = await again(store);
      expect(await reopened.write((tx) => tx.allocateHubIds(1))).toEqual([43]);
      expect(await reopened.version()).toBe(1);
    });
  });

  describe('importEntities', () => {
    it('loads every batch as one new version and tells listeners once', async () => {
      const store = await fresh();
      const heard: number[] = [];
      store.onVersion((v) => heard.push(v));
      async function* batches() {
        yield* conversationBatches(30, 3, 16);
      }
      expect(await store.importEntities(batches())).toBe(120);
      expect(await store.version()).toBe(1);
      expect(heard).toEqual([1]);
      const page = await store.pull('', 1000);
      expect(page.entities).toHaveLength(120);
      expect(new Set(page.entities.map((e) => e.version))).toEqual(new Set([1]));
      expect((await store.listChildren('message', '30')).map((m) => m.id)).toEqual(['3000', '3001', '3002']);
      expect(await store.importEntities([])).toBe(0);
      expect(await store.version()).toBe(1);
    });

    it('imports nothing when any batch is bad', async () => {
      const store = await fresh();
      function* batches() {
        yield [conversation(1), message(10, 1)];
        yield [{ ...message(11, 1), id: '12' }];
      }
      await expect(store.importEntities(batches())).rejects.toThrow('message id "12" does not match its row');
      expect(await store.version()).toBe(0);
      expect((await store.pull('', 10)).entities).toEqual([]);
    });

    it('overwrites existing entities and revives tombstones', async () => {
      const store = await fresh();
      await store.write((tx) => tx.put([conversation(1), { kind: 'conversation', id: '2', deleted: true }]));
      await store.importEntities([[conversation(1, { subject: 'new' }), conversation(2), conversation(1, { subject: 'newer' })]]);
      const got = await store.getEntities([{ kind: 'conversation', id: '1' }, { kind: 'conversation', id: '2' }]);
      expect((got.get(keyOf({ kind: 'conversation', id: '1' }))!.data as ConversationRow).subject).toBe('newer');
      expect(got.get('conversation/2')?.version).toBe(2);
    });
  });
}
