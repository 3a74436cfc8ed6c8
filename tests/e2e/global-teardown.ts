import fs from 'node:fs';
import { STATE_FILE, type CoreState } from './core-process';

export default async function globalTeardown(): Promise<void> {
  if (!fs.existsSync(STATE_FILE)) return;
  const state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as CoreState;
  try {
    process.kill(state.pid, 'SIGTERM');
    // Give the core a moment to close its database before the folder goes.
    for (let i = 0; i < 50; i++) {
      process.kill(state.pid, 0);
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch {
    // Already gone: what we wanted.
  }
  fs.rmSync(state.dataDir, { recursive: true, force: true });
  fs.rmSync(STATE_FILE, { force: true });
}
