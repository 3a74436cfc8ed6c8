#!/usr/bin/env node
// `npm start`: opens the desktop app when Electron's binary is installed, otherwise serves the
// same console in the browser. `npm run start:web` (--web) always does the latter.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const webOnly = args.includes('--web');
const passThrough = args.filter((a) => a !== '--web');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

/** Builds when the bundles are missing or older than the sources, so a fresh clone just works. */
function buildIfStale() {
  const outputs = ['dist/renderer/index.html', 'dist/core/web.mjs', 'dist/core/utility.mjs', 'dist/core/email-digest-worker.mjs', 'dist/main/main.cjs'].map((f) => path.join(root, f));
  const built = outputs.every((f) => fs.existsSync(f)) ? Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs)) : 0;
  const sources = Math.max(...['src-shared', 'src-main', 'src-server', 'src-renderer', 'resources'].map((d) => newestMtime(path.join(root, d))));
  if (built > sources) return;
  process.stderr.write('Building the console (first start, or sources changed) ...\n');
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
  if (r.status !== 0) {
    process.stderr.write('Outpost: the build failed (see above); nothing was started.\n');
    process.exit(r.status ?? 1);
  }
}

/**
 * The Electron binary's path when it is really installed. Its npm package can be present without
 * it, and require('electron') would then try to download it; so read path.txt instead.
 */
function electronBinary() {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    if (!fs.existsSync(pathFile)) return null;
    const bin = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'), fs.readFileSync(pathFile, 'utf8').trim());
    return fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 1)));
}

buildIfStale();
const electron = webOnly ? null : electronBinary();
if (electron) {
  run(electron, [root, ...passThrough]);
} else {
  if (!webOnly) process.stderr.write("Electron's binary is not installed on this machine, so Outpost opens as a browser console instead.\n");
  run(process.execPath, [path.join(root, 'dist/core/web.mjs'), ...passThrough]);
}
