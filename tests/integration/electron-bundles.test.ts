import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// No Electron binary exists on the build machines, so the bundles are checked as files and run
// under plain Node with Electron's few APIs faked: everything short of opening a window.
const root = path.resolve(import.meta.dirname, '../..');
// Built into a folder of our own inside the repo (so better-sqlite3 still resolves from
// node_modules), never over dist/ that another test or a running console may be using.
const cacheDir = path.join(root, 'node_modules', '.cache');
fs.mkdirSync(cacheDir, { recursive: true });
const out = fs.mkdtempSync(path.join(cacheDir, 'outpost-electron-bundles-'));
const dist = (file: string) => path.join(out, file);
const read = (file: string) => fs.readFileSync(dist(file), 'utf8');
const tempDir = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `outpost-electron-${name}-`));

/** Every module a CommonJS bundle loads at run time. */
function requiredModules(code: string): string[] {
  return [...new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!))];
}

/** Every module an ES bundle imports statically. */
function importedModules(code: string): string[] {
  return [...new Set([...code.matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']/gm)].map((m) => m[1]!))];
}

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-node.mjs', '--out', out], { cwd: root, stdio: 'pipe' });
});
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('build:node', () => {
  it('writes the four bundles and the migrations next to the core', () => {
    for (const f of ['main/main.cjs', 'main/preload.cjs', 'core/utility.mjs', 'core/web.mjs', 'core/migrations/meta/_journal.json']) {
      expect(fs.existsSync(dist(f)), f).toBe(true);
    }
    const sql = fs.readdirSync(path.join(root, 'src-main/core/db/migrations')).filter((f) => f.endsWith('.sql'));
    expect(fs.readdirSync(dist('core/migrations')).filter((f) => f.endsWith('.sql'))).toEqual(sql);
  });

  it('main.cjs is CommonJS that loads only electron and Node built-ins', () => {
    const code = read('main/main.cjs');
    expect(importedModules(code)).toEqual([]);
    expect(code).not.toMatch(/^export\s/m);
    const foreign = requiredModules(code).filter((m) => m !== 'electron' && !isBuiltin(m));
    expect(foreign).toEqual([]);
    expect(requiredModules(code)).toContain('electron');
    // The database belongs to the core process: nothing of it may leak into main.
    expect(code).not.toMatch(/better.sqlite3|drizzle/);
  });

  it('preload.cjs is CommonJS that loads nothing but electron', () => {
    const code = read('main/preload.cjs');
    expect(importedModules(code)).toEqual([]);
    expect(requiredModules(code)).toEqual(['electron']);
  });

  it('the core bundles are ES modules importing better-sqlite3 from node_modules, not inlining it', () => {
    for (const f of ['core/utility.mjs', 'core/web.mjs']) {
      const imports = importedModules(read(f));
      expect(imports, f).toContain('better-sqlite3');
      expect(imports.filter((m) => m !== 'better-sqlite3' && !isBuiltin(m)), f).toEqual([]);
    }
  });
});

describe('the preload bundle in a fake sandbox', () => {
  it('exposes exactly call and on, and calls the core over the port main hands it', async () => {
    const exposed = new Map<string, Record<string, unknown>>();
    const ipcListeners = new Map<string, (event: { ports: MessagePort[] }, ...args: unknown[]) => void>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
      ipcRenderer: { on: (channel: string, listener: (event: { ports: MessagePort[] }) => void) => ipcListeners.set(channel, listener) },
    };
    const sandboxRequire = (name: string) => {
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    };
    const module = { exports: {} };
    // No `process`, no Node: only what a sandboxed renderer has.
    vm.runInNewContext(read('main/preload.cjs'), { require: sandboxRequire, module, exports: module.exports, console, setTimeout, clearTimeout });

    expect([...exposed.keys()]).toEqual(['outpost']);
    const outpost = exposed.get('outpost') as { call(name: string, args: unknown): Promise<unknown>; on: unknown };
    expect(Object.keys(outpost).sort()).toEqual(['call', 'on']);
    expect([...ipcListeners.keys()].sort()).toEqual(['outpost:core-status', 'outpost:port']);

    const pending = outpost.call('app.info', {});
    const { port1: corePort, port2: pagePort } = new MessageChannel();
    corePort.onmessage = (event: MessageEvent<string>) => {
      const req = JSON.parse(event.data) as { id: number };
      corePort.postMessage(JSON.stringify({ type: 'response', id: req.id, ok: false, error: { kind: 'not_found', message: 'no such thing' } }));
    };
    ipcListeners.get('outpost:port')!({ ports: [pagePort] });
    await expect(pending).rejects.toEqual({ name: 'ApiError', kind: 'not_found', message: 'no such thing' });
    corePort.close();
  });
});

/** Runs utility.mjs under Node with a fake `process.parentPort` and one fake MessagePortMain. */
const UTILITY_HARNESS = `
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
const out = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
const parentPort = new EventEmitter();
parentPort.postMessage = (m) => {
  out({ toParent: m });
  if (m.type !== 'ready') return;
  const port = new EventEmitter();
  port.postMessage = (json) => {
    out({ toPort: JSON.parse(json) });
    parentPort.emit('message', { data: { type: 'shutdown' }, ports: [] });
  };
  port.start = () => {};
  parentPort.emit('message', { data: { type: 'connect' }, ports: [port] });
  port.emit('message', { data: JSON.stringify({ type: 'request', id: 7, name: 'outbox.list', args: {} }) });
};
process.parentPort = parentPort;
await import(pathToFileURL(process.argv[2]).href);
`;

function runUtility(dataDir: string): Promise<{ code: number | null; lines: Record<string, unknown>[] }> {
  const harness = path.join(tempDir('harness'), 'harness.mjs');
  fs.writeFileSync(harness, UTILITY_HARNESS);
  const child = spawn(process.execPath, [harness, dist('core/utility.mjs'), '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve({ code, lines: stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) }));
  });
}

describe('the utility-process entry under plain Node', () => {
  it('reports ready, answers over a port, and exits cleanly on shutdown', async () => {
    const r = await runUtility(path.join(tempDir('utility'), 'data'));
    expect(r.lines[0]).toEqual({ toParent: { type: 'ready' } });
    expect(r.lines[1]).toMatchObject({ toPort: { type: 'response', id: 7, ok: true } });
    expect(r.code).toBe(0);
  });

  it('reports a bad data folder as fatal with the user-readable message', async () => {
    const file = path.join(tempDir('blocked'), 'data');
    fs.writeFileSync(file, 'keep me');
    const r = await runUtility(path.join(file, 'inner'));
    expect(r.lines).toEqual([{ toParent: { type: 'fatal', dataFolder: true, message: expect.stringMatching(/Cannot use data folder .*a file is in the way/) } }]);
    expect(r.code).toBe(1);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
  });
});

describe('dist/core/web.mjs', () => {
  it('starts with plain Node on an empty data folder and prints its ready line', async () => {
    const child = spawn(process.execPath, [dist('core/web.mjs'), '--data', path.join(tempDir('web'), 'data'), '--port', '0', '--demo-conversations', '20'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const ready = await new Promise<string>((resolve, reject) => {
        let stdout = '';
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          if (stdout.includes('\n')) resolve(stdout);
        });
        child.on('exit', (code) => reject(new Error(`web.mjs exited with ${code}: ${stderr}`)));
      });
      expect(ready).toMatch(/^Outpost console ready at http:\/\/127\.0\.0\.1:\d+\//);
    } finally {
      child.kill();
    }
  });
});
