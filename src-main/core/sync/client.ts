import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ApiEventName, ApiEvents, SyncState } from '../../../src-shared/api';
import { DEFAULT_PULL_LIMIT, MAX_PUSH_BYTES, MAX_PUSH_MUTATIONS, type PresenceState, type PushedMutation } from '../../../src-shared/sync/protocol';
import type { BlobStore, StoredBlob } from '../attachments/blob-store';
import { backoffDelay } from './backoff';
import { createHubHttp, HubError, type HubHttp } from './hub-http';
import { openHubSocket, type HubSocket } from './hub-socket';
import { createPresence } from './presence';
import type { RebaseOutcome } from './rebase';
import type { ReplicaSync } from './replica-sync';

/** Where the hub is and the session to speak to it with. */
export interface HubLink {
  url: string;
  token: string;
}

export interface SyncClientDeps {
  replica: ReplicaSync;
  blobs: BlobStore;
  broadcast<E extends ApiEventName>(name: E, payload: ApiEvents[E]): void;
  log(line: string): void;
  /** The embedded hub signs this desktop in again by itself when it forgot the session; a team hub needs the person. */
  renewSession?: () => Promise<string>;
  random?: () => number;
}

/** Room left in a push for its envelope (versions, client id). */
const PUSH_ENVELOPE_BYTES = 1_000;

/**
 * Keeps the replica in step with one hub: pushes the outbox in id order, pulls until caught up,
 * pulls again on every poke, and relays presence. Network failures back off with full jitter
 * (1 s → 60 s) and retry by themselves; a hub that signed this desktop out or cannot serve this
 * version stops it until the person acts (sync.connect, sync.retry).
 */
export class SyncClient {
  private link: HubLink | null = null;
  private http: HubHttp | null = null;
  private socket: HubSocket | null = null;
  private status: SyncState['status'] = 'offline';
  private reason: string | null = 'Connecting to the hub';
  private retryAt: number | null = null;
  private catchUp: SyncState['catchUp'] = null;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private connecting: Promise<void> | null = null;
  /** Cycles run one after another, never overlapping (a pull must not read while this desktop pushes). */
  private queue: Promise<void> = Promise.resolve();
  private queued = false;
  /** The embedded hub renewed this desktop's session since the last good cycle. */
  private renewed = false;
  /** Signed out or refused as outdated: no automatic retries. */
  private halted = false;
  private stopped = false;
  private hubReset = false;
  private lastEmitted = '';
  readonly presence;

  constructor(private readonly deps: SyncClientDeps) {
    this.presence = createPresence({
      ownClientId: () => deps.replica.state.require().clientId,
      send: (m) => this.socket?.send(m),
      onChange: (e) => deps.broadcast('presence', e),
    });
    deps.replica.mutations.onApplied(() => this.kick());
  }

  state(): SyncState {
    const row = this.deps.replica.state.get();
    return {
      mode: row?.mode ?? 'embedded',
      hubUrl: row?.mode === 'team' ? row.hubUrl : null,
      status: this.status,
      pending: this.deps.replica.outbox.pending(),
      reason: this.reason,
      lastSyncedAt: row?.lastSyncedAt ?? null,
      retryAt: this.retryAt,
      catchUp: this.catchUp,
    };
  }

  /** Starts following the hub at `link`. */
  start(link: HubLink): void {
    this.setStatus('offline', 'Connecting to the hub');
    this.link = link;
    this.http = createHubHttp(link.url, () => this.link?.token ?? null);
    this.stopped = false;
    this.halted = false;
    this.attempt = 0;
    void this.connect();
  }

  /** Lets go of the hub (socket closed, timers off) once the cycle under way has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    this.presence.stop();
    this.socket?.close();
    this.socket = null;
    await this.queue;
  }

  /** The replica was emptied for another hub: say so until its workspace has arrived. */
  expectCatchUp(): void {
    this.catchUp = { received: 0 };
    this.setStatus('syncing', null);
  }

  /** The followed hub's HTTP endpoints, for calls beside sync (Mail health), with the current session. */
  hub(): { http: HubHttp; mode: 'embedded' | 'team' } {
    if (!this.http) throw new HubError('network', 'No hub is connected yet');
    return { http: this.http, mode: this.deps.replica.state.require().mode };
  }

  /** Whether a hub was ever given to follow (the start may have failed before). */
  get started(): boolean {
    return this.link !== null;
  }

  /** Tries now instead of at the next backoff step (also after a refusal the person has fixed). */
  retry(): void {
    this.halted = false;
    this.attempt = 0;
    void this.connect();
  }

  setPresence(conversationId: number | null, state: PresenceState): void {
    this.presence.set(conversationId, state);
  }

  /**
   * Pushes everything pending and pulls until caught up, now; throws if the hub cannot be
   * reached or refuses. Used before leaving a hub, so nothing made here is left behind.
   */
  async flush(): Promise<void> {
    if (!this.http) throw new HubError('network', 'No hub is connected');
    await this.connecting;
    await this.exclusive(() => this.cycle());
    if (this.deps.replica.outbox.unsettledCount() > 0) throw new HubError('unavailable', 'the hub has not settled every change yet');
  }

  /** A local change or a poke: sync soon, after the writing transaction has committed. */
  kick(): void {
    setImmediate(() => {
      if (this.stopped) return;
      this.emitState();
      if (this.socket && !this.halted) this.schedule();
    });
  }

  /** One more cycle after the ones queued; requests while one waits fold into it. */
  private schedule(): void {
    if (this.queued) return;
    this.queued = true;
    void this.exclusive(async () => {
      this.queued = false;
      if (this.stopped || this.halted) return;
      try {
        await this.cycle();
      } catch (e) {
        await this.failed(e);
      }
    });
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.then(
      () => {},
      () => {},
    );
    return run;
  }

  /** Opens the socket (once, however many ask) and syncs. */
  private connect(): Promise<void> {
    this.clearTimer();
    this.connecting ??= (async () => {
      if (!this.link || this.stopped) return;
      try {
        if (!this.socket) await this.openSocket(this.link);
        this.schedule();
      } catch (e) {
        await this.failed(e);
      }
    })().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async openSocket(link: HubLink): Promise<void> {
    const socket = await openHubSocket(link.url, link.token, {
      hello: (version) => {
        // A hub that knows less than this replica saw was reset or replaced: start over from it.
        if (version < (this.deps.replica.state.get()?.hubVersion ?? 0)) this.hubReset = true;
        this.kick();
      },
      // The answer to this desktop's own push, or a page it already pulled: nothing new to fetch.
      poke: (version) => {
        if (version > (this.deps.replica.state.get()?.hubVersion ?? 0)) this.kick();
      },
      presence: (entry) => this.presence.received(entry),
      closed: (reason, sessionEnded) => {
        this.socket = null;
        this.presence.clear();
        if (!this.stopped) void this.failed(new HubError(sessionEnded ? 'unauthorized' : 'network', reason));
      },
    });
    if (this.stopped) return socket.close();
    this.socket = socket;
    this.presence.resend();
  }

  private async cycle(): Promise<void> {
    if (this.stopped) throw new HubError('network', 'Sync is stopped');
    // A pull after a poke is too quick to show; pushing and catching up are worth a spinner.
    if (this.deps.replica.outbox.pending() > 0 || this.status !== 'online') this.setStatus('syncing', null);
    // Pull first: what was queued offline is checked again against what happened meanwhile (a
    // colleague's reply) and a refused change is never sent. Then push, and pull its outcome.
    await this.pullAll();
    if (await this.pushAll()) await this.pullAll();
    this.attempt = 0;
    this.renewed = false;
    this.setStatus(this.socket ? 'online' : 'offline', this.socket ? null : this.reason);
  }

  /** Pushes the outbox in id order; says whether anything was sent. */
  private async pushAll(): Promise<boolean> {
    const { outbox, state } = this.deps.replica;
    for (let sent = false; ; sent = true) {
      const batch = fitPush(outbox.toPush(MAX_PUSH_MUTATIONS));
      if (batch.length === 0) return sent;
      await this.uploadBlobs(batch);
      try {
        const res = await this.http!.push({ clientId: state.require().clientId, mutations: batch });
        const done = batch.filter((m) => m.id <= res.lastMutationId).map((m) => m.id);
        outbox.markSent(done);
        this.emitState();
        if (done.length < batch.length) return true;
      } catch (e) {
        outbox.markFailed(batch.map((m) => m.id), (e as Error).message);
        throw e;
      }
    }
  }

  /**
   * A body this desktop does not have (a colleague's attachment), fetched from the hub, checked
   * against its hash and stored like an upload. Undefined when no hub has it or none is reachable.
   */
  async fetchBlob(contentHash: string): Promise<StoredBlob | undefined> {
    const got = await this.http?.getBlob(contentHash).catch(() => null);
    if (!got || createHash('sha256').update(got.body).digest('hex') !== contentHash) return undefined;
    const temp = path.join(this.deps.blobs.tmpDir, `${randomUUID()}.download`);
    await fs.writeFile(temp, got.body);
    return this.deps.blobs.adopt(temp, contentHash, got.body.length, got.mimeType).blob;
  }

  /** Attachment bodies the hub lacks go up before the mutations that name them. */
  private async uploadBlobs(batch: PushedMutation[]): Promise<void> {
    const hashes = new Set(batch.flatMap((m) => ((m.args as { attachments?: { contentHash?: unknown }[] }).attachments ?? []).map((a) => a.contentHash)));
    for (const hash of hashes) {
      if (typeof hash !== 'string' || (await this.http!.hasBlob(hash))) continue;
      const blob = this.deps.blobs.get(hash);
      // Without the body the hub refuses the reply (not_found), which puts its text back in the draft.
      if (!blob) continue;
      await this.http!.putBlob(hash, blob.mimeType, await fs.readFile(blob.file));
    }
  }

  private async pullAll(): Promise<void> {
    const { state, rebase } = this.deps.replica;
    let received = 0;
    let resynced = false;
    if (this.hubReset) {
      this.hubReset = false;
      this.resync('the hub was reset');
      resynced = true;
    }
    for (;;) {
      const row = state.require();
      let res;
      try {
        res = await this.http!.pull({ clientId: row.clientId, cursor: row.cursor, limit: DEFAULT_PULL_LIMIT, ackedMutationId: row.ackedMutationId });
      } catch (e) {
        if (!(e instanceof HubError && e.kind === 'resync_required') || resynced) throw e;
        this.resync(e.message);
        resynced = true;
        continue;
      }
      if (!Array.isArray(res.changes) || typeof res.cursor !== 'string') throw new HubError('invalid', 'The hub sent a pull answer this desktop cannot read');
      if (res.hasMore || this.catchUp) {
        received += res.changes.length;
        this.catchUp = { received };
        this.setStatus('syncing', null);
      }
      const outcome = rebase.applyPage({
        changes: res.changes,
        cursor: res.cursor,
        lastMutationId: res.lastMutationId,
        rejected: (res.rejected ?? []).map((r) => ({ id: r.id, message: r.message })),
        version: res.version,
        final: !res.hasMore,
      });
      this.publish(outcome);
      if (!res.hasMore) break;
    }
    this.catchUp = null;
  }

  /** The hub cannot continue from this cursor: its state is fetched again whole; pending changes and drafts stay. */
  private resync(why: string): void {
    this.deps.log(`Resyncing from the hub: ${why}`);
    this.deps.replica.rebase.wipe(false);
    this.catchUp = { received: 0 };
    this.deps.broadcast('db-changed', { tables: ['conversation', 'message', 'note', 'customer', 'notification'], conversationIds: [] });
  }

  private publish(outcome: RebaseOutcome): void {
    if (outcome.dangling > 0) this.deps.log(`After catching up, ${outcome.dangling} row(s) point at rows the hub did not send`);
    if (outcome.changed) this.deps.broadcast('db-changed', { tables: outcome.tables, conversationIds: outcome.conversationIds });
    for (const r of outcome.rejected) this.deps.broadcast('mutation-rejected', r);
    this.emitState();
  }

  private async failed(e: unknown): Promise<void> {
    this.catchUp = null;
    // After a halt only the person restarts it (sync.retry, sync.connect); a late socket close changes nothing.
    if (this.stopped || this.halted) return;
    this.socket?.close();
    this.socket = null;
    if (e instanceof HubError && e.kind === 'unauthorized') {
      if (this.deps.renewSession && !this.renewed && this.link) {
        this.renewed = true;
        try {
          this.link = { ...this.link, token: await this.deps.renewSession() };
          // Not from inside the attempt that failed: that one is still finishing.
          return void setImmediate(() => void this.connect());
        } catch (renewError) {
          return this.halt(`Signed out: ${(renewError as Error).message}`);
        }
      }
      return this.halt(`Signed out: ${e.message}`);
    }
    if (e instanceof HubError && e.kind === 'outdated_client') return this.halt(e.message);
    const offline = e instanceof HubError && (e.kind === 'network' || e.kind === 'unavailable');
    if (!offline) this.deps.log(`Sync failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    const delay = backoffDelay(this.attempt++, this.deps.random);
    this.retryAt = Date.now() + delay;
    this.setStatus(offline ? 'offline' : 'error', (e as Error).message ?? String(e));
    this.clearTimer();
    this.timer = setTimeout(() => void this.connect(), delay);
    this.timer.unref();
  }

  /** Stops retrying until the person acts: signed out, refused as outdated, or the hub could not be started at all. */
  halt(reason: string): void {
    this.halted = true;
    this.retryAt = null;
    this.setStatus('error', reason);
  }

  private setStatus(status: SyncState['status'], reason: string | null): void {
    this.status = status;
    this.reason = reason;
    if (status !== 'offline' && status !== 'error') this.retryAt = null;
    this.emitState();
  }

  /** Tells the consoles when status, pending count, reason or progress changed (not for every quiet pull). */
  private emitState(): void {
    const s = this.state();
    const key = JSON.stringify({ ...s, lastSyncedAt: null });
    if (key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.deps.broadcast('sync-state', s);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** As many of the oldest pending mutations as fit in one push (at least one). */
function fitPush(mutations: PushedMutation[]): PushedMutation[] {
  let bytes = PUSH_ENVELOPE_BYTES;
  const out: PushedMutation[] = [];
  for (const m of mutations) {
    bytes += Buffer.byteLength(JSON.stringify(m)) + 1;
    if (bytes > MAX_PUSH_BYTES && out.length > 0) break;
    out.push(m);
  }
  return out;
}
