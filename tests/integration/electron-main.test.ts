import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs the real dist/main/main.cjs under Node against a recording fake of the Electron APIs it
// uses: the closest we get to starting the app without an Electron binary.
const root = path.resolve(import.meta.dirname, '../..');

function fakeWebContents() {
  const contents = Object.assign(new EventEmitter(), {
    url: '',
    posted: [] as unknown[][],
    statuses: [] as unknown[],
    getURL: () => contents.url,
    postMessage: (...args: unknown[]) => contents.posted.push(args),
    send: (_channel: string, status: unknown) => contents.statuses.push(status),
    reload: () => {},
  });
  return contents;
}

function fakeUtilityProcess(args: unknown[]) {
  const child = Object.assign(new EventEmitter(), {
    args,
    sent: [] as { message: unknown; transfer?: unknown[] }[],
    postMessage: (message: unknown, transfer?: unknown[]) => child.sent.push({ message, transfer }),
    kill: () => true,
  });
  return child;
}

function fakeElectron() {
  const calls: string[] = [];
  const children: ReturnType<typeof fakeUtilityProcess>[] = [];
  const windows: { options: { webPreferences: Record<string, unknown> }; contents: ReturnType<typeof fakeWebContents> }[] = [];
  const app = Object.assign(new EventEmitter(), {
    enableSandbox: () => calls.push('enableSandbox'),
    getPath: (name: string) => `/fake/${name}`,
    setPath: (name: string, value: string) => calls.push(`setPath ${name} ${value}`),
    requestSingleInstanceLock: () => (calls.push('lock'), true),
    whenReady: () => Promise.resolve().then(() => calls.push('ready')),
    isReady: () => true,
    quit: () => calls.push('quit'),
    exit: (code: number) => calls.push(`exit ${code}`),
  });
  let handler: ((request: Request) => Promise<Response>) | null = null;
  class BrowserWindow extends EventEmitter {
    webContents = fakeWebContents();
    constructor(options: { webPreferences: Record<string, unknown> }) {
      super();
      windows.push({ options, contents: this.webContents });
    }
    loadURL(url: string) {
      this.webContents.url = url;
      return Promise.resolve();
    }
  }
  const electron = {
    app,
    BrowserWindow,
    dialog: { showErrorBox: (title: string, message: string) => calls.push(`dialog ${title}: ${message}`) },
    nativeTheme: { shouldUseDarkColors: false },
    session: { defaultSession: { setPermissionRequestHandler: () => {}, setPermissionCheckHandler: () => {} } },
    shell: { openExternal: () => Promise.resolve() },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => calls.push(`privileged ${JSON.stringify(schemes)}`),
      handle: (scheme: string, h: typeof handler) => ((handler = h), calls.push(`handle ${scheme}`)),
    },
    MessageChannelMain: class {
      port1 = { name: 'port1', close: () => {} };
      port2 = { name: 'port2' };
    },
    utilityProcess: {
      fork: (...args: unknown[]) => {
        const child = fakeUtilityProcess(args);
        children.push(child);
        return child;
      },
    },
  };
  return { electron, calls, children, windows, handler: () => handler! };
}

function loadMain(distDir: string, fake: ReturnType<typeof fakeElectron>) {
  const file = path.join(distDir, 'main', 'main.cjs');
  const realRequire = createRequire(file);
  const module = { exports: {} };
  const run = new Function('require', 'module', 'exports', '__dirname', '__filename', fs.readFileSync(file, 'utf8'));
  run((name: string) => (name === 'electron' ? fake.electron : realRequire(name)), module, module.exports, path.dirname(file), file);
}

const tick = () => new Promise((r) => setTimeout(r, 10));
let distDir: string;

beforeAll(() => {
  // Our own build folder, never dist/, which other tests or a running console may be using.
  distDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-main-')), 'dist');
  execFileSync(process.execPath, ['scripts/build-node.mjs', '--out', distDir], { cwd: root, stdio: 'pipe' });
  fs.mkdirSync(path.join(distDir, 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(distDir, 'renderer/index.html'), '<!doctype html><title>Outpost</title>');
  fs.writeFileSync(path.join(distDir, 'secret.txt'), 'outside the renderer folder');
});
afterAll(() => fs.rmSync(path.dirname(distDir), { recursive: true, force: true }));

describe('dist/main/main.cjs with a fake Electron', () => {
  it('registers the scheme before ready, opens one locked-down window and wires the core to the page', async () => {
    process.env.OUTPOST_DATA = '/tmp/outpost-fake-data';
    const fake = fakeElectron();
    loadMain(distDir, fake);
    await tick();
    delete process.env.OUTPOST_DATA;

    expect(fake.calls.indexOf('privileged [{"scheme":"outpost","privileges":{"standard":true,"secure":true,"supportFetchAPI":true,"codeCache":true}}]')).toBeLessThan(fake.calls.indexOf('ready'));
    expect(fake.calls).toContain('lock');
    expect(fake.calls).toContain('handle outpost');
    expect(fake.windows).toHaveLength(1);
    const { options, contents } = fake.windows[0]!;
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: path.join(distDir, 'main/preload.cjs') });
    expect(contents.url).toBe('outpost://app/index.html');

    const [child] = fake.children;
    expect(child!.args).toEqual([path.join(distDir, 'core/utility.mjs'), ['--data', '/tmp/outpost-fake-data'], expect.objectContaining({ serviceName: 'Outpost core' })]);

    // The port goes out only once both the page has loaded and the core is ready.
    contents.emit('did-start-loading');
    contents.emit('did-finish-load');
    expect(contents.posted).toEqual([]);
    child!.emit('message', { type: 'ready' });
    expect(child!.sent).toEqual([{ message: { type: 'connect' }, transfer: [expect.objectContaining({ name: 'port1' })] }]);
    expect(contents.posted).toEqual([['outpost:port', null, [expect.objectContaining({ name: 'port2' })]]]);

    // A crash: the page hears about it, a new core starts, and the page gets a new port.
    child!.emit('exit', 139);
    expect(contents.statuses).toEqual([expect.objectContaining({ state: 'restarting' })]);
    const restarted = fake.children[1]!;
    restarted.emit('message', { type: 'ready' });
    expect(contents.statuses[1]).toMatchObject({ state: 'ready' });
    expect(contents.posted).toHaveLength(2);

    // A page that navigated somewhere foreign never gets a port.
    contents.url = 'https://evil.example/';
    contents.emit('did-start-loading');
    contents.emit('did-finish-load');
    expect(contents.posted).toHaveLength(2);
  });

  it('serves the UI with the CSP and refuses paths outside the renderer folder', async () => {
    const fake = fakeElectron();
    loadMain(distDir, fake);
    await tick();
    const ok = await fake.handler()(new Request('outpost://app/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/html/);
    expect(ok.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(await ok.text()).toContain('<title>Outpost</title>');
    const escape = await fake.handler()(new Request('outpost://app/..%2fsecret.txt'));
    expect(escape.status).toBe(404);
    const post = await fake.handler()(new Request('outpost://app/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
  });

  it('shows the core\'s data-folder message in a dialog and quits', async () => {
    const fake = fakeElectron();
    loadMain(distDir, fake);
    await tick();
    fake.children[0]!.emit('message', { type: 'fatal', dataFolder: true, message: 'Cannot use data folder /x: a file is in the way of that folder.' });
    expect(fake.calls).toContain('dialog Outpost cannot open its data folder: Cannot use data folder /x: a file is in the way of that folder.');
    expect(fake.calls).toContain('exit 1');
  });
});
