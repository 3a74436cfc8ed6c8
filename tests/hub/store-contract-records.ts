import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StoreOpeners } from './store-contract.suite';

const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('hex');

export function describeRecordsContract({ fresh, again }: StoreOpeners): void {
  describe('clients', () => {
    it('registers a desktop once: the same number every time, re-bound to whoever logs in', async () => {
      const store = await fresh();
      const first = await store.clients.register('desk-a', 1, 'Ana laptop', 1000);
      expect(first).toEqual({ clientId: 'desk-a', clientNo: 1, userId: 1, deviceName: 'Ana laptop', lastMutationId: 0, createdAt: 1000, lastSeenAt: 1000 });
      const [b, again1] = await Promise.all([store.clients.register('desk-b', 2, 'Ben', 2000), store.clients.register('desk-a', 1, 'Ana laptop', 3000)]);
      expect(b.clientNo).toBe(2);
      expect(again1).toMatchObject({ clientNo: 1, createdAt: 1000, lastSeenAt: 3000 });

      await store.write((tx) => tx.setLastMutationId('desk-a', 41));
      const rebound = await store.clients.register('desk-a', 3, 'Shared desk', 4000);
      expect(rebound).toEqual({ clientId: 'desk-a', clientNo: 1, userId: 3, deviceName: 'Shared desk', lastMutationId: 41, createdAt: 1000, lastSeenAt: 4000 });
      expect(await store.clients.get('desk-a')).toEqual(rebound);
      expect(await store.clients.get('desk-z')).toBeUndefined();
      expect(await store.version()).toBe(0);

      await store.close();
      const reopened = await again(store);
      expect((await reopened.clients.register('desk-c', 1, 'new', 5000)).clientNo).toBe(3);
    });

    it('keeps rejections per desktop, listed after a mutation id', async () => {
      const store = await fresh();
      await store.clients.register('desk-a', 1, 'a', 1);
      await store.write(async (tx) => {
        expect(await tx.getClient('desk-a')).toMatchObject({ clientNo: 1 });
        expect(await tx.getClient('nobody')).toBeUndefined();
        await tx.recordRejection('desk-a', { mutationId: 3, code: 'conflict', message: 'assigned to someone else meanwhile' });
        await tx.recordRejection('desk-a', { mutationId: 5, code: 'invalid_transition', message: 'closed' });
        await tx.recordRejection('desk-a', { mutationId: 3, code: 'conflict', message: 'retried' });
        await tx.setLastMutationId('desk-a', 5);
      });
      expect(await store.clients.rejections('desk-a', 0)).toEqual([
        { mutationId: 3, code: 'conflict', message: 'retried' },
        { mutationId: 5, code: 'invalid_transition', message: 'closed' },
      ]);
      expect(await store.clients.rejections('desk-a', 3)).toEqual([{ mutationId: 5, code: 'invalid_transition', message: 'closed' }]);
      expect(await store.clients.rejections('desk-b', 0)).toEqual([]);
      await expect(store.write((tx) => tx.setLastMutationId('nobody', 1))).rejects.toThrow('no desktop registered as nobody');
      await expect(store.write((tx) => tx.recordRejection('desk-a', { mutationId: 6, code: 'oops' as 'invalid', message: '' }))).rejects.toThrow('unknown rejection code "oops"');
    });
  });

  describe('users and sessions', () => {
    it('adds users with emails unique whatever their case, finds and updates them', async () => {
      const store = await fresh();
      const ana = await store.users.add({ email: 'Ana@Example.test', name: 'Ana', role: 'admin', passwordHash: null, createdAt: 10 });
      expect(ana).toEqual({ id: 1, email: 'Ana@Example.test', name: 'Ana', role: 'admin', passwordHash: null, disabledAt: null, createdAt: 10 });
      const ben = await store.users.add({ id: 40, email: 'ben@example.test', name: 'Ben', role: 'agent', passwordHash: 'scrypt$1', createdAt: 11 });
      expect((await store.users.add({ email: 'cy@example.test', name: 'Cy', role: 'supervisor', passwordHash: null, createdAt: 12 })).id).toBe(41);
      await expect(store.users.add({ email: 'ANA@example.TEST', name: 'Other', role: 'agent', passwordHash: null, createdAt: 13 })).rejects.toThrow(
        'a user with email ANA@example.TEST already exists',
      );
      await expect(store.users.add({ id: 40, email: 'd@example.test', name: 'D', role: 'agent', passwordHash: null, createdAt: 13 })).rejects.toThrow('a user with id 40 already exists');
      await expect(store.users.add({ email: 'e@example.test', name: 'E', role: 'boss' as 'admin', passwordHash: null, createdAt: 13 })).rejects.toThrow('role must be one of');

      expect(await store.users.byEmail('ana@example.TEST')).toEqual(ana);
      expect(await store.users.byId(40)).toEqual(ben);
      expect(await store.users.byId(2)).toBeUndefined();
      expect(await store.users.byEmail('nobody@example.test')).toBeUndefined();

      await store.users.update(40, { name: 'Benjamin', role: 'supervisor', passwordHash: null, disabledAt: 99 });
      expect(await store.users.byId(40)).toEqual({ ...ben, name: 'Benjamin', role: 'supervisor', passwordHash: null, disabledAt: 99 });
      await store.users.update(40, { disabledAt: null });
      expect((await store.users.byId(40))?.disabledAt).toBeNull();
      await expect(store.users.update(77, { name: 'x' })).rejects.toThrow('no user with id 77');
      expect((await store.users.list()).map((u) => u.id)).toEqual([1, 40, 41]);
    });

    it('creates, finds and revokes sessions', async () => {
      const store = await fresh();
      await store.sessions.create({ tokenHash: 'h1', userId: 1, clientId: 'desk-a', createdAt: 100, expiresAt: 200 });
      await store.sessions.create({ tokenHash: 'h2', userId: 1, clientId: null, createdAt: 101, expiresAt: 201 });
      await store.sessions.create({ tokenHash: 'h3', userId: 2, clientId: null, createdAt: 102, expiresAt: 202 });
      expect(await store.sessions.find('h1')).toEqual({ tokenHash: 'h1', userId: 1, clientId: 'desk-a', createdAt: 100, expiresAt: 200, revokedAt: null });
      expect(await store.sessions.find('nope')).toBeUndefined();
      expect(await store.sessions.revoke('h1', 150)).toBe(true);
      expect(await store.sessions.revoke('h1', 160)).toBe(false);
      expect((await store.sessions.find('h1'))?.revokedAt).toBe(150);
      expect(await store.sessions.revokeUser(1, 170)).toBe(1);
      expect((await store.sessions.find('h2'))?.revokedAt).toBe(170);
      expect((await store.sessions.find('h3'))?.revokedAt).toBeNull();
    });
  });

  describe('blobs and audit', () => {
    it('stores a blob once under its SHA-256 and refuses a body that does not match', async () => {
      const store = await fresh();
      const body = Buffer.from([0, 1, 2, 255, 0, 10]);
      const hash = sha256(body);
      expect(await store.blobs.has(hash)).toBe(false);
      await store.blobs.put(hash, 'application/octet-stream', body);
      await store.blobs.put(hash, 'application/octet-stream', body);
      expect(await store.blobs.has(hash)).toBe(true);
      expect(await store.blobs.get(hash)).toEqual({ mimeType: 'application/octet-stream', body });
      expect(await store.blobs.get(sha256(Buffer.from('other')))).toBeUndefined();
      await expect(store.blobs.put(sha256(Buffer.from('other')), 'text/plain', body)).rejects.toThrow('blob body does not match its content hash');
      await expect(store.blobs.has('ABC')).rejects.toThrow('64 lowercase hex characters');
    });

    it('stores many blobs in one transaction, all or none', async () => {
      const store = await fresh();
      const [a, b] = [Buffer.from('label.pdf'), Buffer.from('photo.jpg')];
      await store.blobs.put(sha256(a), 'application/pdf', a);
      await store.blobs.putMany([{ contentHash: sha256(a), mimeType: 'application/pdf', body: a }, { contentHash: sha256(b), mimeType: 'image/jpeg', body: b }]);
      expect(await store.blobs.get(sha256(b))).toEqual({ mimeType: 'image/jpeg', body: b });
      const c = Buffer.from('invoice.pdf');
      await expect(store.blobs.putMany([{ contentHash: sha256(c), mimeType: 'application/pdf', body: c }, { contentHash: sha256(a), mimeType: 'text/plain', body: b }])).rejects.toThrow('does not match its content hash');
      expect(await store.blobs.has(sha256(c))).toBe(false);
    });

    it('keeps the audit log of writes, newest first, in pages', async () => {
      const store = await fresh();
      await store.write(async (tx) => {
        for (let i = 1; i <= 5; i++) {
          await tx.audit({ at: 1000 + i, actorId: 1, clientId: 'desk-a', mutationId: i, action: 'assign', entityType: 'conversation', entityId: String(i), data: { to: i, note: 'ünïcode' } });
        }
        await tx.audit({ at: 2000, actorId: null, clientId: null, mutationId: null, action: 'import', entityType: 'workspace', entityId: '1', data: {} });
      });
      const newest = await store.audit.list({ limit: 4 });
      expect(newest.map((a) => a.action)).toEqual(['import', 'assign', 'assign', 'assign']);
      expect(newest[0]).toMatchObject({ actorId: null, clientId: null, mutationId: null, data: {} });
      expect(newest[1]).toMatchObject({ at: 1005, actorId: 1, clientId: 'desk-a', mutationId: 5, entityType: 'conversation', entityId: '5', data: { to: 5, note: 'ünïcode' } });
      const older = await store.audit.list({ limit: 4, beforeId: newest[3]!.id });
      expect(older.map((a) => a.mutationId)).toEqual([2, 1]);
    });
  });

  describe('locks and lifecycle', () => {
    it('runs tryExclusive only where nobody else holds the name', async () => {
      const store = await fresh();
      let release!: () => void;
      const holding = store.tryExclusive('imap-poll', () => new Promise<string>((r) => (release = () => r('first'))));
      await new Promise((r) => setTimeout(r, 50));
      expect(await store.tryExclusive('imap-poll', async () => 'second')).toBeNull();
      expect(await store.tryExclusive('other', async () => 'other')).toBe('other');
      release();
      expect(await holding).toBe('first');
      expect(await store.tryExclusive('imap-poll', async () => 'third')).toBe('third');
      await expect(store.tryExclusive('imap-poll', async () => Promise.reject(new Error('job failed')))).rejects.toThrow('job failed');
      expect(await store.tryExclusive('imap-poll', async () => 'after failure')).toBe('after failure');
    });

    it('migrates idempotently and refuses use after close', async () => {
      const store = await fresh();
      await store.write((tx) => tx.put([]));
      await store.migrate();
      expect(await store.version()).toBe(0);
      await store.close();
      await expect(store.version()).rejects.toThrow('The hub store is closed.');
      await expect(store.write(async () => 1)).rejects.toThrow('The hub store is closed.');
      await store.close();
    });

    it('lets writes already queued finish when the store closes', async () => {
      const store = await fresh();
      const writes = Array.from({ length: 5 }, (_, i) => store.write(async (tx) => tx.allocateHubIds(i + 1)));
      await store.close();
      expect((await Promise.all(writes)).map((ids) => ids.length)).toEqual([1, 2, 3, 4, 5]);
    });
  });
}
