import type { SqlConnection, StoreDialect } from './sql-dialect';

export class StoreSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreSchemaError';
  }
}

/**
 * Brings the store's schema up to this hub's, in the caller's write transaction (all steps or
 * none). A store written by a newer hub is refused untouched: this hub cannot know what its rows mean.
 */
export async function migrateSchema(conn: SqlConnection, dialect: StoreDialect): Promise<void> {
  const found = await dialect.schemaVersion(conn);
  const known = dialect.migrations.length;
  if (found > known) {
    throw new StoreSchemaError(
      `The hub store at ${dialect.location} was written by a newer Outpost hub (schema ${found}; this hub knows ${known}). Update this hub; the store was left untouched.`,
    );
  }
  for (let step = found; step < known; step++) {
    for (const statement of dialect.migrations[step]!.statements) await conn.run(statement);
    await conn.run('UPDATE hub_meta SET schema_version = ? WHERE id = 1', [step + 1]);
  }
}
