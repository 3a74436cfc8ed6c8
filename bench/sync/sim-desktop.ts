import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { Change, HubSocketMessage, LoginResponse, PullResponse, PushedMutation, PushResponse } from '../../src-shared/sync/protocol';
import { SYNC_PROTOCOL_VERSION, SYNC_SCHEMA_VERSION } from '../../src-shared/sync/protocol';

const versions = { protocolVersion: SYNC_PROTOCOL_VERSION, schemaVersion: SYNC_SCHEMA_VERSION };

/**
 * A desktop reduced to its wire behaviour, for load: it logs in, pulls into an in-memory map,
 * pushes mutations with increasing ids and pulls again on every poke. Hundreds fit in one
 * process, which real desktop cores (one SQLite replica each) do not.
 */
export class SimDesktop {
  readonly clientId = randomUUID();
  readonly rows = new Map<string, Record<string, unknown>>();
  token = '';
  clientNo = 0;
  agentId = 0;
  cursor = '';
  lastMutationId = 0;
  /** Requests sent again after a dropped connection. */
  retries = 0;
  private nextMutationId = 1;
  private socket: WebSocket | undefined;
  private pulling: Promise<void> | undefined;
  private pullAgain = false;

  constructor(
    readonly hubUrl: string,
    private readonly email: string,
    private readonly password: string,
  ) {}

  async login(): Promise<LoginResponse> {
    const res = await this.post<LoginResponse>('/auth/login', { ...versions, email: this.email, password: this.password, clientId: this.clientId, deviceName: 'bench' });
    this.token = res.token;
    this.clientNo = res.clientNo;
    this.agentId = res.agent.id;
    return res;
  }

  /** Pulls every page above the cursor into the map. Concurrent calls coalesce into one more round. */
  pull(): Promise<void> {
    if (this.pulling) {
      this.pullAgain = true;
      return this.pulling;
    }
    this.pulling = (async () => {
      do {
        this.pullAgain = false;
        let page: PullResponse;
        do {
          page = await this.post<PullResponse>('/sync/pull', { ...versions, clientId: this.clientId, cursor: this.cursor, limit: 5_000, ackedMutationId: this.lastMutationId });
          this.applyChanges(page.changes);
          this.cursor = page.cursor;
          this.lastMutationId = Math.max(this.lastMutationId, page.lastMutationId);
        } while (page.hasMore);
      } while (this.pullAgain);
    })().finally(() => (this.pulling = undefined));
    return this.pulling;
  }

  /** Pulls on every poke, like the real client. `onPoke` sees each poke's version. */
  async listen(onPoke: (version: number) => void = () => {}): Promise<void> {
    const ws = new WebSocket(`${this.hubUrl.replace(/^http/, 'ws')}/sync/ws`, { headers: { authorization: `Bearer ${this.token}` } });
    this.socket = ws;
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as HubSocketMessage;
      if (msg.type === 'poke') {
        onPoke(msg.version);
        void this.pull().catch(() => {});
      }
    });
  }

  /** Builds the next mutation (ids increase per client, as the outbox's do). */
  mutation(name: PushedMutation['name'], args: Record<string, unknown>): PushedMutation {
    return { id: this.nextMutationId++, name, args, createdAt: Date.now() };
  }

  push(mutations: PushedMutation[]): Promise<PushResponse> {
    return this.post<PushResponse>('/sync/push', { ...versions, clientId: this.clientId, mutations });
  }

  close(): void {
    this.socket?.close();
  }

  /** The conversations this desktop holds (kept beside `rows` so picking one does not scan every row). */
  conversations(): Record<string, unknown>[] {
    return [...this.conversationRows.values()];
  }

  private readonly conversationRows = new Map<string, Record<string, unknown>>();

  private applyChanges(changes: Change[]): void {
    for (const c of changes) {
      const key = `${c.kind}/${c.id}`;
      if (c.data) this.rows.set(key, c.data);
      else this.rows.delete(key);
      if (c.kind !== 'conversation') continue;
      if (c.data) this.conversationRows.set(c.id, c.data);
      else this.conversationRows.delete(c.id);
    }
  }

  /** Retries a dropped connection like the real client: safe, since the hub skips mutations it already applied. */
  async post<T>(path: string, body: unknown, attempts = 3): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.hubUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
        body: JSON.stringify(body),
      });
    } catch (e) {
      if (attempts <= 1) throw e;
      this.retries++;
      return this.post<T>(path, body, attempts - 1);
    }
    const json = (await res.json()) as T & { error?: { kind: string; message: string } };
    if (!res.ok) throw new Error(`${path}: ${res.status} ${json.error?.kind ?? ''} ${json.error?.message ?? ''}`);
    return json;
  }
}
