import type { Entity, EntityKind } from '../../src-shared/sync/rows';
import type { EntityKey, HubStore, PullPage } from './contract';
import { connectorDocs } from './connector-records';
import { getEntities, listChildren, scanKind } from './entity-queries';
import * as records from './hub-records';
import { migrateSchema } from './schema-migrations';
import { afterCursor, checkCursor, decodeCursor, pullPage } from './pull-cursor';
import { readMeta, type HubMeta, type SqlConnection, type StoreDialect } from './sql-dialect';
import { encodeEntity, highestHubId, positiveLimit, safeInteger, storedText, StoreInputError } from './store-input';
import { ENTITY_COLUMNS, toChange } from './stored-rows';
import type { VersionEmitter } from './version-emitter';
import { openWrite } from './write-transaction';
import { WriteSerializer } from './write-serializer';

export const MAX_STORE_PULL_LIMIT = 100_000;

/**
 * The HubStore both databases share: every method written once over a StoreDialect. Writes run
 * one at a time in this process (WriteSerializer) and, across processes, under the database's
 * own lock; a write that made a version tells `emitter` once it has committed.
 */
export function createSqlHubStore(dialect: StoreDialect, emitter: VersionEmitter): HubStore {
  const serializer = new WriteSerializer();
  let closed = false;
  const { reader } = dialect;

  const transaction = <T>(what: string, fn: (conn: SqlConnection) => Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(new Error('The hub store is closed.'));
    return serializer.run(what, () => dialect.transaction(fn));
  };
  const workspace = <T>(what: string, fn: (conn: SqlConnection, meta: HubMeta) => Promise<T>): Promise<T> =>
    transaction(what, async (conn) => fn(conn, await readMeta(conn, dialect.metaLock)));
  /** Ends a workspace write that made `version`: bump, announce, and tell local listeners after commit. */
  const bump = async (conn: SqlConnection, version: number, extra = '', params: unknown[] = []) => {
    await conn.run(`UPDATE hub_meta SET version = ?${extra} WHERE id = 1`, [version, ...params]);
    await dialect.announce(conn, version);
  };
  const reading = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (closed) throw new Error('The hub store is closed.');
    return fn();
  };

  return {
    kind: dialect.kind,
    migrate: () => transaction('store.migrate()', (conn) => migrateSchema(conn, dialect)),

    async close() {
      if (closed) return;
      closed = true; // refuse new work at once; writes already queued still run
      await serializer.drain();
      await dialect.close();
    },

    async write(fn) {
      const { result, version } = await workspace('store.write()', async (conn, meta) => {
        const w = openWrite(conn, meta, dialect);
        try {
          const result = await fn(w.tx);
          const version = w.newVersion();
          if (version !== null) await bump(conn, version);
          return { result, version };
        } finally {
          w.end();
        }
      });
      if (version !== null) emitter.emit(version);
      return result;
    },

    pull: (cursor, limit, clientId = null) =>
      reading(async (): Promise<PullPage> => {
        const position = decodeCursor(cursor);
        positiveLimit(limit, 'pull limit', MAX_STORE_PULL_LIMIT);
        const { where, params } = afterCursor(position);
        const { meta, rows } = await dialect.readPull(`SELECT ${ENTITY_COLUMNS} FROM entity WHERE ${where} ORDER BY version, kind, id LIMIT ?`, [...params, limit + 1], clientId);
        checkCursor(position, meta);
        return pullPage(position, rows.map(toChange), limit, meta);
      }),

    version: () => reading(async () => (await readMeta(reader)).version),

    compact: (version) =>
      workspace('store.compact()', async (conn, meta) => {
        safeInteger(version, 'compaction version');
        if (version > meta.version) throw new StoreInputError(`cannot compact up to version ${version}: the store is at version ${meta.version}`);
        const dropped = await conn.run('DELETE FROM entity WHERE deleted = 1 AND version <= ?', [version]);
        if (version > meta.minVersion) await conn.run('UPDATE hub_meta SET min_version = ? WHERE id = 1', [version]);
        return dropped;
      }),

    async importEntities(batches: AsyncIterable<Entity[]> | Iterable<Entity[]>) {
      const { count, version } = await workspace('store.importEntities()', async (conn, meta) => {
        const version = meta.version + 1;
        let count = 0;
        let hubId = meta.nextHubId - 1;
        // Each batch is checked and encoded while the database still writes the one before.
        let writing: Promise<void> = Promise.resolve();
        try {
          for await (const batch of batches) {
            if (!Array.isArray(batch)) throw new StoreInputError('importEntities takes batches (arrays) of entities');
            const rows = batch.map(encodeEntity);
            for (const r of rows) hubId = highestHubId(r.id, hubId);
            await writing;
            if (rows.length) writing = dialect.upsertEntities(conn, version, rows);
            count += rows.length;
          }
          await writing;
        } catch (e) {
          await writing.catch(() => undefined); // the transaction rolls back only once its last statement is done
          throw e;
        }
        // Rows the hub made itself (ids below 2^33) move its id counter past them: later hub rows never collide.
        if (count > 0) await bump(conn, version, ', next_hub_id = ?', [hubId + 1]);
        return { count, version: count > 0 ? version : null };
      });
      if (version !== null) emitter.emit(version);
      return count;
    },

    scanKind: (kind: EntityKind, afterId: string, limit: number) => reading(() => scanKind(reader, kind, afterId, limit)),
    listChildren: (kind: EntityKind, parent: string) => reading(() => listChildren(reader, kind, parent)),
    getEntities: (keys: EntityKey[]) => reading(() => getEntities(reader, keys)),

    onVersion: (listener) => emitter.on(listener),
    tryExclusive: (name, fn) => reading(() => dialect.tryExclusive(storedText(name, 'lock name', 200), fn)),

    clients: {
      register: (clientId, userId, deviceName, now) =>
        workspace('store.clients.register()', (conn, meta) => records.registerClient(conn, meta, clientId, userId, deviceName, now)),
      get: (clientId) => reading(() => records.findClient(reader, clientId)),
      rejections: (clientId, afterMutationId) => reading(() => records.listRejections(reader, clientId, afterMutationId)),
    },
    users: {
      add: (u) => workspace('store.users.add()', (conn) => records.addUser(conn, u)),
      byEmail: (email) => reading(() => records.findUser(reader, { email })),
      byId: (id) => reading(() => records.findUser(reader, { id })),
      list: () => reading(() => records.listUsers(reader)),
      update: (id, patch) => transaction('store.users.update()', (conn) => records.updateUser(conn, id, patch)),
    },
    sessions: {
      create: (s) => transaction('store.sessions.create()', (conn) => records.createSession(conn, s)),
      find: (tokenHash) => reading(() => records.findSession(reader, tokenHash)),
      revoke: async (tokenHash, now) => (await transaction('store.sessions.revoke()', (conn) => records.revokeSessions(conn, { tokenHash }, now))) > 0,
      revokeUser: (userId, now) => transaction('store.sessions.revokeUser()', (conn) => records.revokeSessions(conn, { userId }, now)),
    },
    blobs: {
      has: (hash) => reading(() => records.hasBlob(reader, hash)),
      put: (hash, mimeType, body) => transaction('store.blobs.put()', (conn) => records.putBlob(conn, hash, mimeType, body)),
      putMany: (blobs) =>
        transaction('store.blobs.putMany()', async (conn) => {
          for (const b of blobs) await records.putBlob(conn, b.contentHash, b.mimeType, b.body);
        }),
      get: (hash) => reading(() => records.getBlob(reader, hash)),
    },
    connectors: connectorDocs(
      () => {
        if (closed) throw new Error('The hub store is closed.');
        return reader;
      },
      (fn) => transaction('store.connectors', fn),
    ),
    audit: {
      list: (opts) => reading(() => records.listAudit(reader, opts)),
    },
  };
}
