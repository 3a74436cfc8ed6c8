import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { systemBinary } from '../../scripts/system-packages.mjs';
import { startConsoleProcess } from '../support/console-process';
import { makeDataDir, ROOT, STATE_FILE, type CoreState } from './core-process';

export default async function globalSetup(): Promise<void> {
  systemBinary('chromium'); // a missing browser says which package, before anything starts
  if (!fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'))) {
    const built = spawnSync(path.join(ROOT, 'node_modules/.bin/vite'), ['build'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('vite build failed; the core has no console to serve');
  }
  const dataDir = makeDataDir();
  // The bundled core after `npm run build`; from source when it has not been built.
  const built = fs.existsSync(path.join(ROOT, 'dist/core/web.mjs')) && !process.env.OUTPOST_E2E_FROM_SOURCE;
  const core = await startConsoleProcess({ dataDir, built });
  core.child.unref();
  const url = core.url;

  const state: CoreState = { pid: core.child.pid ?? 0, dataDir, url };
  fs.mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  fs.writeFileSync(STATE_FILE, JSON.stringify(state));
  process.env.OUTPOST_E2E_URL = url;
}
