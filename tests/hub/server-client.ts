import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import {
  SYNC_PROTOCOL_VERSION,
  SYNC_SCHEMA_VERSION,
  type HubSocketMessage,
  type LoginResponse,
  type PullResponse,
  type PushedMutation,
  type PushResponse,
  type SyncErrorBody,
} from '../../src-shared/sync/protocol';

/** A desktop's side of the wire, as plain as the protocol: fetch for HTTP, ws for the socket. */

export const VERSIONS = { protocolVersion: SYNC_PROTOCOL_VERSION, schemaVersion: SYNC_SCHEMA_VERSION };

export interface Answer<T> {
  status: number;
  body: T;
}

export async function request<T = unknown>(url: string, method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : body instanceof Buffer ? new Uint8Array(body) : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T };
}

export type ErrorAnswer = Answer<SyncErrorBody>;

/** One desktop: a client id, a session once logged in, its outbox counter. */
export class Desktop {
  readonly clientId = randomUUID();
  session: LoginResponse | null = null;
  private nextMutationId = 1;

  constructor(readonly url: string) {}

  get token(): string {
    if (!this.session) throw new Error('not logged in');
    return this.session.token;
  }

  login(email: string, password: string): Promise<Answer<LoginResponse & SyncErrorBody>> {
    return request<LoginResponse & SyncErrorBody>(this.url, 'POST', '/auth/login', { ...VERSIONS, email, password, clientId: this.clientId, deviceName: 'test desktop' }).then((a) => {
      if (a.status === 200) this.session = a.body;
      return a;
    });
  }

  /** Mutations with the next outbox ids; `createdAt` in the past so the hub's clock never moves it. */
  mutations(...items: { name: PushedMutation['name']; args: unknown }[]): PushedMutation[] {
    return items.map((m) => ({ id: this.nextMutationId++, name: m.name, args: m.args, createdAt: Date.now() - 1_000 }));
  }

  push(mutations: PushedMutation[]): Promise<Answer<PushResponse & SyncErrorBody>> {
    return request(this.url, 'POST', '/sync/push', { ...VERSIONS, clientId: this.clientId, mutations }, this.token);
  }

  pull(cursor = '', ackedMutationId = 0, limit?: number): Promise<Answer<PullResponse & SyncErrorBody>> {
    return request(this.url, 'POST', '/sync/pull', { ...VERSIONS, clientId: this.clientId, cursor, ackedMutationId, ...(limit ? { limit } : {}) }, this.token);
  }

  /** Every change from `cursor` to the end, following hasMore. */
  async pullAll(cursor = ''): Promise<PullResponse> {
    const all: PullResponse['changes'] = [];
    for (;;) {
      const page = await this.pull(cursor);
      if (page.status !== 200) throw new Error(`pull answered ${page.status}: ${JSON.stringify(page.body)}`);
      all.push(...page.body.changes);
      cursor = page.body.cursor;
      if (!page.body.hasMore) return { ...page.body, changes: all };
    }
  }

  /** The hub's WebSocket, with every message it sends kept in order. */
  async socket(): Promise<HubSocket> {
    const ws = new WebSocket(`${this.url.replace(/^http/, 'ws')}/sync/ws`, { headers: { Authorization: `Bearer ${this.token}` } });
    const s = new HubSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return s;
  }
}

export class HubSocket {
  readonly received: HubSocketMessage[] = [];
  private waiters: (() => void)[] = [];
  closed: { code: number; reason: string } | null = null;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.received.push(JSON.parse(String(data)) as HubSocketMessage);
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
      this.wake();
    });
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits for a message matching `match` (already received or to come). */
  async next(match: (m: HubSocketMessage) => boolean, timeoutMs = 5_000): Promise<HubSocketMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      if (this.closed) throw new Error(`socket closed (${this.closed.code} ${this.closed.reason}) before the message came`);
      if (Date.now() > deadline) throw new Error(`no matching socket message within ${timeoutMs} ms; got ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  send(msg: unknown): void {
    this.ws.send(JSON.stringify(msg));
  }

  close(): void {
    this.ws.close();
  }
}
