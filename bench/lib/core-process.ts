import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { createApiClient, type OutpostApi } from '../../src-shared/api';

export interface RunningCore {
  api: OutpostApi;
  /** The browser console's address, with its session token. */
  url: string;
  pid: number;
  /** Resident memory of the core process, from /proc (Linux only; null elsewhere). */
  rssBytes(): number | null;
  stop(): Promise<void>;
}

const READY = /Outpost console ready at (http:\/\/127\.0\.0\.1:(\d+))\/#token=(\S+)/;
const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * Starts the real core as its own process and talks to it over the WebSocket API exactly as the
 * browser console does. Source entry through tsx's loader (one process, so its pid is the core's),
 * or the bundle with `built`.
 */
export async function startCore(dataDir: string, opts: { built?: boolean } = {}): Promise<RunningCore> {
  const entry = opts.built ? [path.join(repoRoot, 'dist/core/web.mjs')] : ['--import', 'tsx', path.join(repoRoot, 'src-main/core/main.ts')];
  const child = spawn(process.execPath, [...entry, '--data', dataDir, '--port', '0'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = READY.exec(out);
      if (m) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`core exited (${code}) before it was ready:\n${stderr}`)));
  });
  const [, origin, port, token] = ready as unknown as [string, string, string, string];
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${encodeURIComponent(token)}`, { headers: { Origin: origin } });
  const client = createApiClient((data) => ws.send(data));
  ws.on('message', (data) => client.receive(data.toString()));
  ws.on('close', () => client.fail('core connection closed'));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    api: client.api,
    url: `${origin}/#token=${token}`,
    pid: child.pid!,
    rssBytes: () => readRss(child.pid!),
    stop: () => stop(child, ws),
  };
}

function readRss(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

async function stop(child: ChildProcess, ws: WebSocket): Promise<void> {
  ws.close();
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
