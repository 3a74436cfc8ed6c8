import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeDataDir, ROOT, STATE_FILE, type CoreState } from './core-process';

const READY = /^Outpost console ready at (http:\/\/\S+)$/m;
const START_TIMEOUT_MS = 180_000;

/** The bundled core after `npm run build`; from source when it has not been built. */
function coreCommand(dataDir: string): { cmd: string; args: string[] } {
  const bundled = path.join(ROOT, 'dist/core/web.mjs');
  const common = ['--data', dataDir, '--port', '0'];
  if (fs.existsSync(bundled) && !process.env.OUTPOST_E2E_FROM_SOURCE) return { cmd: process.execPath, args: [bundled, ...common] };
  return { cmd: path.join(ROOT, 'node_modules/.bin/tsx'), args: [path.join(ROOT, 'src-main/core/main.ts'), ...common] };
}

export default async function globalSetup(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'))) {
    const built = spawnSync(path.join(ROOT, 'node_modules/.bin/vite'), ['build'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('vite build failed; the core has no console to serve');
  }
  const dataDir = makeDataDir();
  const { cmd, args } = coreCommand(dataDir);
  const core = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  let stderr = '';
  core.stderr.on('data', (d: Buffer) => (stderr += d.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`core did not become ready in ${START_TIMEOUT_MS / 1000}s\n${stderr}`)), START_TIMEOUT_MS);
    core.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = READY.exec(stdout);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    core.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`core exited with code ${code} before it was ready\n${stderr}`));
    });
  });
  // Keep draining the pipes so a chatty core never blocks on a full buffer.
  core.stdout.resume();
  core.unref();

  const state: CoreState = { pid: core.pid ?? 0, dataDir, url };
  fs.mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  fs.writeFileSync(STATE_FILE, JSON.stringify(state));
  process.env.OUTPOST_E2E_URL = url;
}
