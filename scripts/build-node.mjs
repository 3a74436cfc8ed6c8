#!/usr/bin/env node
// `npm run build:node`: bundles the Electron main process, its preload, the core's two Node
// entries (Electron utility process, browser console) and the hub's email parsing worker, then copies the schema migrations next
// to the core bundles, where the core looks for them. `--out DIR` builds elsewhere than dist/
// (tests use it so they never rewrite dist/ under another running process).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const dist = path.resolve(values.out ?? path.join(root, 'dist'));
const started = performance.now();

// Native addons and their optional helpers are loaded from node_modules at run time, never inlined.
const nativeModules = ['better-sqlite3', 'bufferutil', 'utf-8-validate'];

const common = {
  absWorkingDir: root,
  bundle: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

// Electron 45 embeds a Node newer than 22 and a Chromium newer than 140: these are safe floors.
const electronMain = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
};

// Bundled CommonJS dependencies call require(); ESM output has none, so give them one.
const esmRequireBanner = "import { createRequire as __outpostCreateRequire } from 'node:module';\nconst require = __outpostCreateRequire(import.meta.url);";

// The browser console runs on the system Node (>= 20.19), the utility process on Electron's.
const core = {
  ...common,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: [...nativeModules, 'electron'],
  banner: { js: esmRequireBanner },
};

const builds = [
  { ...electronMain, entryPoints: ['src-main/electron/main.ts'], outfile: path.join(dist, 'main/main.cjs') },
  // A sandboxed preload is a CommonJS script that may require only `electron`: the browser
  // platform makes any Node import fail here rather than at run time.
  {
    ...common,
    platform: 'browser',
    format: 'cjs',
    target: 'chrome140',
    // zod is not tree-shakable and every page load parses this file.
    minify: true,
    external: ['electron'],
    entryPoints: ['src-main/electron/preload.ts'],
    outfile: path.join(dist, 'main/preload.cjs'),
  },
  { ...core, entryPoints: ['src-main/core/utility-entry.ts'], outfile: path.join(dist, 'core/utility.mjs') },
  { ...core, entryPoints: ['src-main/core/main.ts'], outfile: path.join(dist, 'core/web.mjs') },
  // The email parsing worker the hub's digest pool starts beside the core bundle (src-server/channels/email/ingest/digest-pool.ts).
  { ...core, entryPoints: ['src-server/channels/email/ingest/digest-worker.ts'], outfile: path.join(dist, 'core/email-digest-worker.mjs') },
];

fs.rmSync(path.join(dist, 'main'), { recursive: true, force: true });
fs.rmSync(path.join(dist, 'core'), { recursive: true, force: true });

// Every entry finishes, so one run shows all the errors (esbuild prints each with its location).
const results = await Promise.allSettled(builds.map((options) => esbuild.build(options)));
const failed = builds.filter((_, i) => results[i]?.status === 'rejected').map((b) => b.entryPoints[0]);
if (failed.length > 0) {
  process.stderr.write(`build:node failed: ${failed.join(', ')}\n`);
  process.exit(1);
}

const migrationsFrom = path.join(root, 'src-main/core/db/migrations');
if (!fs.existsSync(path.join(migrationsFrom, 'meta', '_journal.json'))) {
  process.stderr.write(`build:node failed: no migrations journal in ${migrationsFrom}\n`);
  process.exit(1);
}
fs.cpSync(migrationsFrom, path.join(dist, 'core/migrations'), { recursive: true });

process.stdout.write(`build:node: ${builds.length} bundles and migrations in ${dist} (${Math.round(performance.now() - started)} ms)\n`);
