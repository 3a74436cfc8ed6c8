import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { repoRoot } from './console-process';

/** The team hub in its own process (`npm run hub -- serve`), as an admin runs it. */
export interface HubProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** Resident memory from /proc (Linux), or null. */
  rssBytes(): number | null;
  stderr(): string;
  stop(): Promise<void>;
  /** SIGKILL: no goodbye, no flush, as a power cut would. */
  kill9(): Promise<void>;
}

export interface HubProcessOptions {
  dataDir: string;
  /** PostgreSQL instead of the SQLite data folder. */
  databaseUrl?: string;
  port?: number;
}

const hubEntry = ['--import', 'tsx', 'src-server/cli.ts'];
const hubEnv = (o: Pick<HubProcessOptions, 'databaseUrl'>): NodeJS.ProcessEnv => ({ ...process.env, DATABASE_URL: o.databaseUrl ?? '' });

export function startHubProcess(opts: HubProcessOptions): Promise<HubProcess> {
  const child = spawn(process.execPath, [...hubEntry, 'serve', '--data', opts.dataDir, '--port', String(opts.port ?? 0)], {
    cwd: repoRoot,
    env: hubEnv(opts),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:(\d+))/);
      if (!m) return;
      child.stdout!.resume();
      const pid = child.pid!;
      resolve({
        child,
        url: m[1]!,
        port: Number(m[2]),
        stderr: () => err,
        rssBytes: () => {
          try {
            const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
            return kb ? Number(kb[1]) * 1024 : null;
          } catch {
            return null;
          }
        },
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
        kill9: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}: ${err.trim()}`)));
  });
}

/** Runs one hub admin command (`user add ...`) to its end; throws with its stderr on failure. */
export function hubCommand(opts: Omit<HubProcessOptions, 'port'>, args: string[], stdin = ''): string {
  const r = spawnSync(process.execPath, [...hubEntry, ...args, '--data', opts.dataDir], { cwd: repoRoot, env: hubEnv(opts), input: stdin, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`hub ${args.join(' ')} failed (${r.status}): ${r.stderr.trim()}`);
  return r.stdout;
}

export interface HubCliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run hub -- ...args` as its own process (tsx as a loader, as npm's script runs it), for tests of the command line itself. */
export function runHubCli(args: string[], stdin = '', databaseUrl = ''): Promise<HubCliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...hubEntry, ...args], { cwd: repoRoot, env: hubEnv({ databaseUrl }) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += String(c)));
    child.stderr.on('data', (c: Buffer) => (stderr += String(c)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
