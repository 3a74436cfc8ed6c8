import fs from 'node:fs';
import type { OutpostApi } from '../../src-shared/api';
import { connectApi, startConsoleProcess } from '../../tests/support/console-process';

export interface RunningCore {
  api: OutpostApi;
  /** The browser console's address, with its session token. */
  url: string;
  pid: number;
  /** Resident memory of the core process, from /proc (Linux only; null elsewhere). */
  rssBytes(): number | null;
  stop(): Promise<void>;
}

/** The real core in its own process, spoken to over the WebSocket API exactly as the browser console does. */
export async function startCore(dataDir: string, opts: { built?: boolean } = {}): Promise<RunningCore> {
  const core = await startConsoleProcess({ dataDir, built: opts.built });
  const conn = await connectApi(core);
  const pid = core.child.pid!;
  return {
    api: conn.api,
    url: core.url,
    pid,
    rssBytes: () => readRss(pid),
    stop: async () => {
      conn.close();
      await core.stop();
    },
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
