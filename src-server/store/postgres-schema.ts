import type { Migration } from './sql-dialect';

/**
 * The PostgreSQL hub store's schema: every id, version and time is BIGINT. Text keys compare
 * byte by byte (COLLATE "C"), as SQLite's BINARY does, so both stores page in the same order
 * whatever the database's locale.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    name: '20261124000000_hub_store',
    statements: [
      `CREATE TABLE hub_meta (
        id integer PRIMARY KEY CHECK (id = 1),
        version bigint NOT NULL,
        min_version bigint NOT NULL,
        next_hub_id bigint NOT NULL,
        next_client_no bigint NOT NULL,
        schema_version integer NOT NULL
      )`,
      'INSERT INTO hub_meta (id, version, min_version, next_hub_id, next_client_no, schema_version) VALUES (1, 0, 0, 1, 1, 0)',
      `CREATE TABLE entity (
        kind text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        parent text COLLATE "C",
        audience bigint,
        version bigint NOT NULL,
        deleted smallint NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        data text,
        PRIMARY KEY (kind, id)
      )`,
      'CREATE INDEX entity_pull ON entity (version, kind, id)',
      'CREATE INDEX entity_children ON entity (kind, parent, id)',
      `CREATE TABLE client (
        client_id text COLLATE "C" PRIMARY KEY,
        client_no bigint NOT NULL UNIQUE,
        user_id bigint NOT NULL,
        device_name text NOT NULL,
        last_mutation_id bigint NOT NULL DEFAULT 0,
        created_at bigint NOT NULL,
        last_seen_at bigint NOT NULL
      )`,
      `CREATE TABLE client_rejection (
        client_id text NOT NULL,
        mutation_id bigint NOT NULL,
        code text NOT NULL,
        message text NOT NULL,
        PRIMARY KEY (client_id, mutation_id)
      )`,
      `CREATE TABLE hub_user (
        id bigint PRIMARY KEY,
        email text NOT NULL,
        email_key text COLLATE "C" NOT NULL UNIQUE,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('agent', 'onboarding', 'supervisor', 'admin')),
        password_hash text,
        disabled_at bigint,
        created_at bigint NOT NULL
      )`,
      `CREATE TABLE hub_session (
        token_hash text COLLATE "C" PRIMARY KEY,
        user_id bigint NOT NULL,
        client_id text,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        revoked_at bigint
      )`,
      'CREATE INDEX hub_session_user ON hub_session (user_id)',
      `CREATE TABLE blob (
        content_hash text COLLATE "C" PRIMARY KEY,
        mime_type text NOT NULL,
        size bigint NOT NULL,
        body bytea NOT NULL
      )`,
      `CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at bigint NOT NULL,
        actor_id bigint,
        client_id text,
        mutation_id bigint,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        data text NOT NULL
      )`,
    ],
  },
  {
    name: '20261124190000_refs_and_connector_docs',
    statements: [
      `CREATE TABLE hub_ref (
        ref text COLLATE "C" PRIMARY KEY,
        kind text NOT NULL,
        id text NOT NULL
      )`,
      `CREATE TABLE connector_doc (
        key text COLLATE "C" PRIMARY KEY,
        value text NOT NULL
      )`,
    ],
  },
];
