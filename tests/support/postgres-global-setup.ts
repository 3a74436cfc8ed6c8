import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of this run's throwaway PostgreSQL cluster (tests/support/postgres.ts). */
    postgresAdminUrl: string;
  }
}

/** vitest globalSetup: ONE PostgreSQL cluster for the whole run, stopped when the run ends. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgresCluster();
  project.provide('postgresAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
