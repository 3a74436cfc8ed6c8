import type { Migration } from './sql-dialect';

/** The SQLite hub store's schema. STRICT tables: a value of the wrong type is refused, never coerced. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    name: '20261124000000_hub_store',
    statements: [
      `CREATE TABLE hub_meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER NOT NULL,
        min_version INTEGER NOT NULL,
        next_hub_id INTEGER NOT NULL,
        next_client_no INTEGER NOT NULL,
        schema_version INTEGER NOT NULL
      ) STRICT`,
      'INSERT INTO hub_meta (id, version, min_version, next_hub_id, next_client_no, schema_version) VALUES (1, 0, 0, 1, 1, 0)',
      `CREATE TABLE entity (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        parent TEXT,
        audience INTEGER,
        version INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        data TEXT,
        PRIMARY KEY (kind, id)
      ) STRICT`,
      'CREATE INDEX entity_pull ON entity (version, kind, id)',
      'CREATE INDEX entity_children ON entity (kind, parent, id)',
      `CREATE TABLE client (
        client_id TEXT PRIMARY KEY,
        client_no INTEGER NOT NULL UNIQUE,
        user_id INTEGER NOT NULL,
        device_name TEXT NOT NULL,
        last_mutation_id INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      ) STRICT`,
      `CREATE TABLE client_rejection (
        client_id TEXT NOT NULL,
        mutation_id INTEGER NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        PRIMARY KEY (client_id, mutation_id)
      ) STRICT`,
      `CREATE TABLE hub_user (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL,
        email_key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('agent', 'onboarding', 'supervisor', 'admin')),
        password_hash TEXT,
        disabled_at INTEGER,
        created_at INTEGER NOT NULL
      ) STRICT`,
      `CREATE TABLE hub_session (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL,
        client_id TEXT,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      ) STRICT`,
      'CREATE INDEX hub_session_user ON hub_session (user_id)',
      `CREATE TABLE blob (
        content_hash TEXT PRIMARY KEY,
        mime_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        body BLOB NOT NULL
      ) STRICT`,
      `CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor_id INTEGER,
        client_id TEXT,
        mutation_id INTEGER,
        action TEXT NOT NULL,
        entity_type TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        data TEXT NOT NULL
      ) STRICT`,
    ],
  },
  {
    name: '20261124190000_refs_and_connector_docs',
    statements: [
      `CREATE TABLE hub_ref (
        ref TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        id TEXT NOT NULL
      ) STRICT`,
      `CREATE TABLE connector_doc (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT`,
    ],
  },
];
