import type { ConnectorDocs, EntityKey } from './contract';
import type { SqlConnection } from './sql-dialect';
import { entityKey, storedText, StoreInputError } from './store-input';

/**
 * Secondary refs (an email's Message-ID, a customer's address → an entity) and connector
 * documents, the same SQL on both databases. Refs and documents are not entities: writing them
 * makes no workspace version, and desktops never see them.
 */

export const MAX_REF_LENGTH = 1000;
const MAX_DOC_KEY_LENGTH = 500;
/** Connector documents are small (settings, sync state); a bigger one is a bug, refused clearly. */
const MAX_DOC_BYTES = 1_000_000;
/** Refs looked up per statement: well under SQLite's and PostgreSQL's parameter limits. */
const REF_CHUNK = 500;

const refText = (value: unknown) => storedText(value, 'ref', MAX_REF_LENGTH);
const docKey = (value: unknown) => storedText(value, 'connector document key', MAX_DOC_KEY_LENGTH);

export async function findRefs(conn: SqlConnection, refs: string[]): Promise<Map<string, EntityKey>> {
  if (!Array.isArray(refs)) throw new StoreInputError('findRefs takes an array of refs');
  const wanted = [...new Set(refs.map(refText))];
  const found = new Map<string, EntityKey>();
  for (let i = 0; i < wanted.length; i += REF_CHUNK) {
    const chunk = wanted.slice(i, i + REF_CHUNK);
    const rows = await conn.all<{ ref: string; kind: EntityKey['kind']; id: string }>(
      `SELECT ref, kind, id FROM hub_ref WHERE ref IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    for (const r of rows) found.set(r.ref, { kind: r.kind, id: r.id });
  }
  return found;
}

export async function putRefs(conn: SqlConnection, refs: (EntityKey & { ref: string })[]): Promise<void> {
  if (!Array.isArray(refs)) throw new StoreInputError('putRefs takes an array of refs');
  // All checked before the first is written: a bad one leaves the call without effect.
  const rows = refs.map((r) => ({ ref: refText(r?.ref), ...entityKey(r) }));
  // Many rows per statement (one round trip, not one per ref); a ref named twice keeps its last
  // entity, as one statement may not touch a row twice on PostgreSQL.
  const latest = [...new Map(rows.map((r) => [r.ref, r])).values()];
  for (let i = 0; i < latest.length; i += REF_CHUNK) {
    const chunk = latest.slice(i, i + REF_CHUNK);
    await conn.run(
      `INSERT INTO hub_ref (ref, kind, id) VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')} ON CONFLICT (ref) DO UPDATE SET kind = excluded.kind, id = excluded.id`,
      chunk.flatMap((r) => [r.ref, r.kind, r.id]),
    );
  }
}

function encodeDoc(key: string, value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw new StoreInputError(`connector document ${key} cannot be stored as JSON (${(e as Error).message})`);
  }
  if (text === undefined) throw new StoreInputError(`connector document ${key} has no JSON value (got ${typeof value})`);
  if (Buffer.byteLength(text) > MAX_DOC_BYTES) throw new StoreInputError(`connector document ${key} is larger than ${MAX_DOC_BYTES} bytes`);
  if (text.includes('\\u0000')) throw new StoreInputError(`connector document ${key} must not contain NUL characters`);
  return text;
}

/** Connector documents over `write` (statements that change) and `read` (statements that only read). */
export function connectorDocs(read: () => SqlConnection, write: <T>(fn: (conn: SqlConnection) => Promise<T>) => Promise<T>): ConnectorDocs {
  return {
    async get<T>(key: string) {
      const [row] = await read().all<{ value: string }>('SELECT value FROM connector_doc WHERE key = ?', [docKey(key)]);
      return row === undefined ? undefined : (JSON.parse(row.value) as T);
    },
    async list<T>(prefix: string) {
      const start = storedText(prefix, 'connector document prefix', MAX_DOC_KEY_LENGTH, 0);
      // The range start uses the key index; substr keeps exactly the keys that begin with the prefix.
      const rows = await read().all<{ key: string; value: string }>(
        'SELECT key, value FROM connector_doc WHERE key >= ? AND substr(key, 1, ?) = ? ORDER BY key',
        [start, [...start].length, start], // both databases count characters (code points), not UTF-16 units
      );
      return rows.map((r) => ({ key: r.key, value: JSON.parse(r.value) as T }));
    },
    async put(key, value) {
      const k = docKey(key);
      const text = encodeDoc(k, value);
      await write((conn) =>
        conn.run('INSERT INTO connector_doc (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [k, text]),
      );
    },
    async delete(key) {
      const k = docKey(key);
      return (await write((conn) => conn.run('DELETE FROM connector_doc WHERE key = ?', [k]))) > 0;
    },
  };
}
