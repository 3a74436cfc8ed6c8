import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** Where global setup leaves what teardown needs: the core's pid and its temp data folder. */
export const STATE_FILE = path.join(ROOT, 'test-results', '.e2e-core.json');

export interface CoreState {
  pid: number;
  dataDir: string;
  url: string;
}

export function makeDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-'));
}
