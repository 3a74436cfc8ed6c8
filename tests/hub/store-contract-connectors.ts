import { describe, expect, it } from 'vitest';
import type { StoreOpeners } from './store-contract.suite';
import { conversation, message } from './store-rows';

export function describeConnectorContract({ fresh, again }: StoreOpeners): void {
  describe('refs', () => {
    it('finds entities by secondary key, re-points a ref, and commits refs with the write (or not at all)', async () => {
      const store = await fresh();
      await store.write(async (tx) => {
        await tx.put([conversation(1), message(10, 1)]);
        await tx.putRefs([
          { ref: 'email/message-id:<a@shop.example>', kind: 'message', id: '10' },
          { ref: 'email/address:alice@example.com', kind: 'customer', id: '1' },
        ]);
        // Visible to later reads in the same write.
        expect((await tx.findRefs(['email/message-id:<a@shop.example>'])).get('email/message-id:<a@shop.example>')).toEqual({ kind: 'message', id: '10' });
      });
      const found = await store.write((tx) => tx.findRefs(['email/address:alice@example.com', 'email/message-id:<a@shop.example>', 'email/message-id:<none@x>', 'email/address:alice@example.com']));
      expect(Object.fromEntries(found)).toEqual({
        'email/address:alice@example.com': { kind: 'customer', id: '1' },
        'email/message-id:<a@shop.example>': { kind: 'message', id: '10' },
      });
      expect(await store.version()).toBe(1); // refs make no version of their own

      await store.write((tx) => tx.putRefs([{ ref: 'email/message-id:<a@shop.example>', kind: 'message', id: '11' }]));
      await expect(
        store.write(async (tx) => {
          await tx.putRefs([{ ref: 'email/message-id:<b@shop.example>', kind: 'message', id: '12' }]);
          throw new Error('ingest failed');
        }),
      ).rejects.toThrow('ingest failed');

      await store.close();
      const reopened = await again(store);
      const after = await reopened.write((tx) => tx.findRefs(['email/message-id:<a@shop.example>', 'email/message-id:<b@shop.example>']));
      expect(Object.fromEntries(after)).toEqual({ 'email/message-id:<a@shop.example>': { kind: 'message', id: '11' } });
    });

    it('looks up many refs at once and refuses bad ones before writing any', async () => {
      const store = await fresh();
      const many = Array.from({ length: 1200 }, (_, i) => ({ ref: `email/message-id:<${i}@x>`, kind: 'message' as const, id: String(i + 1) }));
      await store.write((tx) => tx.putRefs(many));
      const found = await store.write((tx) => tx.findRefs(many.map((r) => r.ref)));
      expect(found.size).toBe(1200);
      expect(found.get('email/message-id:<1199@x>')).toEqual({ kind: 'message', id: '1200' });

      await expect(store.write((tx) => tx.putRefs([{ ref: 'ok', kind: 'message', id: '1' }, { ref: 'bad', kind: 'nonsense' as 'message', id: '2' }]))).rejects.toThrow(
        'unknown entity kind "nonsense"',
      );
      await expect(store.write((tx) => tx.putRefs([{ ref: 'x'.repeat(1001), kind: 'message', id: '1' }]))).rejects.toThrow('ref must be 1 to 1000 characters long');
      await expect(store.write((tx) => tx.findRefs(['nul\u0000']))).rejects.toThrow('ref must not contain NUL characters');
      expect((await store.write((tx) => tx.findRefs(['ok']))).size).toBe(0);
    });
  });

  describe('connector documents', () => {
    it('keeps JSON documents by key, listed by prefix in key order, outside and inside a write', async () => {
      const store = await fresh();
      const docs = store.connectors;
      expect(await docs.get('email/account/1')).toBeUndefined();
      await docs.put('email/account/2', { host: 'imap.b', port: 993 });
      await docs.put('email/account/1', { host: 'imap.a', port: 143 });
      await docs.put('email/accounts', { not: 'under the prefix email/account/' });
      await docs.put('email/mailbox/1/INBOX', { uidvalidity: '1700000000', uidnext: '9007199254740993' });
      expect(await docs.get('email/account/1')).toEqual({ host: 'imap.a', port: 143 });
      expect(await docs.list('email/account/')).toEqual([
        { key: 'email/account/1', value: { host: 'imap.a', port: 143 } },
        { key: 'email/account/2', value: { host: 'imap.b', port: 993 } },
      ]);
      expect((await docs.list('')).map((d) => d.key)).toEqual(['email/account/1', 'email/account/2', 'email/accounts', 'email/mailbox/1/INBOX']);
      expect(await store.version()).toBe(0);

      // Inside a write, documents commit or roll back with the rest.
      await store.write(async (tx) => {
        await tx.put([conversation(1)]);
        await tx.connectors.put('email/mailbox/1/INBOX', { uidvalidity: '1700000000', uidnext: '12' });
        expect(await tx.connectors.get('email/mailbox/1/INBOX')).toEqual({ uidvalidity: '1700000000', uidnext: '12' });
      });
      await expect(
        store.write(async (tx) => {
          await tx.connectors.put('email/mailbox/1/INBOX', { uidnext: '99' });
          expect(await tx.connectors.delete('email/account/2')).toBe(true);
          expect((await tx.connectors.list('email/account/')).length).toBe(1);
          throw new Error('crash mid-batch');
        }),
      ).rejects.toThrow('crash mid-batch');
      expect(await docs.get('email/mailbox/1/INBOX')).toEqual({ uidvalidity: '1700000000', uidnext: '12' });
      expect(await docs.get('email/account/2')).toEqual({ host: 'imap.b', port: 993 });

      expect(await docs.delete('email/account/2')).toBe(true);
      expect(await docs.delete('email/account/2')).toBe(false);
      await store.close();
      const reopened = await again(store);
      expect((await reopened.connectors.list('email/')).map((d) => d.key)).toEqual(['email/account/1', 'email/accounts', 'email/mailbox/1/INBOX']);
    });

    it('refuses what it cannot keep exactly, with a clear error', async () => {
      const store = await fresh();
      await expect(store.connectors.put('', {})).rejects.toThrow('connector document key must be 1 to 500 characters long');
      await expect(store.connectors.put('k', undefined)).rejects.toThrow('connector document k has no JSON value');
      await expect(store.connectors.put('k', { big: 10n })).rejects.toThrow('connector document k cannot be stored as JSON');
      await expect(store.connectors.put('k', { s: 'a\u0000b' })).rejects.toThrow('connector document k must not contain NUL characters');
      await expect(store.connectors.put('k', { s: 'x'.repeat(1_000_001) })).rejects.toThrow('larger than 1000000 bytes');
      expect(await store.connectors.list('')).toEqual([]);
      await store.close();
      await expect(store.connectors.get('k')).rejects.toThrow('The hub store is closed.');
    });
  });
}
