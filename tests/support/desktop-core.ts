import { createApiClient, type ApiEventName, type ApiEvents, type OutpostApi } from '../../src-shared/api';
import { startCore, type Core, type CoreOptions } from '../../src-main/core/core';
import { tempDir } from './console-process';

/** A desktop core in this process, called through the same typed API the console uses, with every pushed event recorded. */
export interface Desktop {
  core: Core;
  api: OutpostApi;
  dataDir: string;
  events: { name: ApiEventName; payload: unknown }[];
  eventsOf<E extends ApiEventName>(name: E): ApiEvents[E][];
  close(): Promise<void>;
}

export async function startDesktop(opts: Partial<CoreOptions> & { dataDir?: string } = {}): Promise<Desktop> {
  const dataDir = opts.dataDir ?? tempDir('desktop');
  const core = await startCore({ demoConversations: 60, teamHub: null, ...opts, dataDir });
  const events: Desktop['events'] = [];
  // The client is made first and answers through the connection made from it.
  const connection: { receive(frame: string): void } = { receive: () => {} };
  const client = createApiClient((frame) => connection.receive(frame));
  const conn = core.dispatcher.connect((json) => {
    const m = JSON.parse(json) as { type: string; name?: ApiEventName; payload?: unknown };
    if (m.type === 'event') events.push({ name: m.name!, payload: m.payload });
    client.receive(json);
  });
  connection.receive = (frame) => conn.receive(frame);
  return {
    core,
    api: client.api,
    dataDir,
    events,
    eventsOf: <E extends ApiEventName>(name: E) => events.filter((e) => e.name === name).map((e) => e.payload as ApiEvents[E]),
    async close() {
      conn.close();
      await core.close();
    },
  };
}

/** Polls until `check` returns something truthy (or stops throwing); fails with its last error after `timeoutMs`. */
type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 10_000, what = 'the condition'): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as Truthy<T>;
      last = null;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
