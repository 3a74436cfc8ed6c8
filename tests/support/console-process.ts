import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { createApiClient, type OutpostApi } from '../../src-shared/api';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `outpost-${prefix}-`));
}

export interface ConsoleProcess {
  child: ChildProcess;
  url: string;
  port: number;
  token: string;
  stderr: () => string;
  stop(): Promise<void>;
}

export interface ConsoleProcessOptions {
  dataDir: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  /** Run the bundle (dist/core/web.mjs) instead of the source through tsx's loader. */
  built?: boolean;
}

/**
 * Starts the real browser-console core and waits for its ready line. Either way it is one
 * process (tsx as a loader, not a wrapper), so the child's pid is the core's own.
 */
export function startConsoleProcess(opts: ConsoleProcessOptions): Promise<ConsoleProcess> {
  const entry = opts.built ? [path.join(repoRoot, 'dist/core/web.mjs')] : ['--import', 'tsx', 'src-main/core/main.ts'];
  const child = spawn(process.execPath, [...entry, '--data', opts.dataDir, ...(opts.args?.includes('--port') ? [] : ['--port', '0']), ...(opts.args ?? [])], {
    cwd: repoRoot,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    uid: opts.uid,
    gid: opts.gid,
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/Outpost console ready at (http:\/\/127\.0\.0\.1:(\d+)\/#token=(\S+))/);
      if (!m) return;
      child.stdout!.resume();
      resolve({
        child,
        url: m[1]!,
        port: Number(m[2]),
        token: m[3]!,
        stderr: () => err,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(Object.assign(new Error(`console exited with ${code}: ${err.trim()}`), { code, stderr: err })));
  });
}

/** Runs the console process to its exit, for start-up errors. */
export function runConsoleToExit(opts: ConsoleProcessOptions): Promise<{ code: number | null; stderr: string }> {
  return startConsoleProcess(opts).then(
    async (p) => {
      await p.stop();
      return { code: 0, stderr: p.stderr() };
    },
    (e: { code: number | null; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
}

export interface ApiConnection {
  api: OutpostApi;
  ws: WebSocket;
  close(): void;
}

/** Connects to the console's API exactly as the browser console does. */
export function connectApi(p: Pick<ConsoleProcess, 'port' | 'token'>, origin = `http://127.0.0.1:${p.port}`): Promise<ApiConnection> {
  const ws = new WebSocket(`ws://127.0.0.1:${p.port}/api?token=${encodeURIComponent(p.token)}`, { headers: { Origin: origin } });
  const client = createApiClient((data) => ws.send(data));
  ws.on('message', (data) => client.receive(data.toString()));
  ws.on('close', () => client.fail('connection closed'));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ api: client.api, ws, close: () => ws.close() }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}
