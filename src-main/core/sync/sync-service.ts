import { randomUUID } from 'node:crypto';
import { ApiError, type ApiEventName, type ApiEvents, type SyncState } from '../../../src-shared/api';
import type { LoginResponse } from '../../../src-shared/sync/protocol';
import type { BlobStore } from '../attachments/blob-store';
import type { ReplicaDb } from '../db/open';
import { SyncClient } from './client';
import { importReplica, moveAsideEmbeddedHub, startEmbeddedHub, type EmbeddedHub } from './embedded-hub';
import { apiErrorOf, deviceName, normalizeHubUrl, signInToTeamHub, signOutOfHub, type TeamHubConfig } from './hub-login';
import type { ReplicaSync } from './replica-sync';
import type { SyncLink } from './sync-state';

export interface SyncServiceDeps {
  db: ReplicaDb;
  dataDir: string;
  replica: ReplicaSync;
  blobs: BlobStore;
  broadcast<E extends ApiEventName>(name: E, payload: ApiEvents[E]): void;
  log(line: string): void;
  /** Fills an empty replica with the demo workspace (first start, or back from a team with no embedded data). */
  seedDemo(): void;
  /** A team hub from the environment, which this desktop should follow. */
  teamHub: TeamHubConfig | null;
}

const EVERYTHING_CHANGED: ApiEvents['db-changed'] = { tables: ['workspace', 'agent', 'conversation', 'message', 'note', 'customer', 'notification', 'macro', 'draft', 'mutation_outbox'], conversationIds: [] };

/**
 * Which hub this desktop follows and the switching between them. Solo, the core runs an embedded
 * hub over `<dataDir>/hub`; `sync.connect` moves to a team's hub and `sync.disconnect` back.
 * Either way the replica then shows exactly that hub's workspace.
 */
export class SyncService {
  readonly client: SyncClient;
  private embedded: EmbeddedHub | null = null;
  private embeddedStarting: Promise<EmbeddedHub> | null = null;
  private switching = false;
  /** The background start: the console answers before the hub is up. */
  private started: Promise<void> = Promise.resolve();
  /** Set by close(): a switch still waiting on the network stops at its next step instead of touching a closed replica. */
  private closing = false;

  constructor(private readonly deps: SyncServiceDeps) {
    this.client = new SyncClient({
      replica: deps.replica,
      blobs: deps.blobs,
      broadcast: deps.broadcast,
      log: deps.log,
      renewSession: () => this.renewEmbeddedSession(),
    });
  }

  /**
   * Links a replica that has no hub yet (first start, or one from before sync) and starts
   * following its hub. Only that first link is awaited; an already linked replica syncs in the
   * background so the first inbox page does not wait for any hub.
   */
  async open(): Promise<void> {
    const { replica } = this.deps;
    const teamHub = this.environmentTeam();
    if (!replica.state.get()) {
      const clientId = randomUUID();
      if (teamHub && !this.hasWorkspace()) this.linkTeam(teamHub, clientId, await signInToTeamHub(teamHub, clientId));
      else await this.linkEmbedded(clientId);
    }
    this.started = this.startFollowing();
    // Not part of `started`: connect() waits for the start, and the start must not wait for it.
    void this.started.then(() => this.followEnvironmentTeam());
  }

  /** Now rather than at the next backoff step; after a failed start, the start again. */
  retry(): SyncState {
    if (this.client.started) this.client.retry();
    else if (!this.switching) this.started = this.startFollowing();
    return this.state();
  }

  state(): SyncState {
    return this.client.state();
  }

  /** Follows a team hub: signs in, pushes what is pending to the current hub, then replaces the replica with the team's workspace. */
  async connect(given: TeamHubConfig): Promise<SyncState> {
    const team = { ...given, hubUrl: normalizeHubUrl(given.hubUrl) };
    return this.exclusiveSwitch(async () => {
      const row = this.deps.replica.state.require();
      const login = await signInToTeamHub(team, row.clientId);
      this.assertOpen();
      if (row.mode === 'team' && row.hubUrl === team.hubUrl && row.clientNo === login.clientNo && login.agent.id === this.currentAgent()) {
        // Signing in again where this desktop already is (its session ended): the replica, pending changes and drafts stay.
        await this.client.stop();
        this.deps.replica.state.setSession(login.token, login.clientNo);
        await this.catchUp({ url: team.hubUrl, token: login.token });
        return this.state();
      }
      await this.leaveCurrentHub();
      this.assertOpen();
      this.linkTeam(team, row.clientId, login);
      await this.closeEmbedded();
      await this.catchUp({ url: team.hubUrl, token: login.token });
      return this.state();
    });
  }

  /** Back to the embedded hub, the same way: nothing pending is left behind on the team's. */
  async disconnect(): Promise<SyncState> {
    return this.exclusiveSwitch(async () => {
      const row = this.deps.replica.state.require();
      if (row.mode === 'embedded') return this.state();
      await this.leaveCurrentHub();
      if (row.hubUrl && row.token) await signOutOfHub(row.hubUrl, row.token);
      this.assertOpen();
      const hub = await this.ensureEmbedded();
      if ((await hub.store.version()) === 0) {
        // This desktop went to a team before it ever had an embedded workspace: make the demo one.
        this.deps.replica.rebase.wipe(true, () => this.deps.db.$client.exec('DELETE FROM local_session; DELETE FROM sync_state;'));
        await this.linkEmbedded(row.clientId);
      } else {
        const userId = (await hub.store.clients.get(row.clientId))?.userId ?? (await hub.store.users.list())[0]?.id;
        if (userId === undefined) throw new ApiError('internal', 'the embedded hub has no user to sign in as');
        const session = await hub.hub.issueSession(userId, row.clientId, deviceName());
        this.switchReplica({ clientId: row.clientId, clientNo: session.clientNo, mode: 'embedded', hubUrl: null, hubEmail: null, token: session.token }, session.agent);
      }
      await this.catchUp({ url: hub.url, token: this.deps.replica.state.require().token! });
      return this.state();
    });
  }

  /** Stops syncing and the embedded hub. A hub switch still waiting on the network is not waited for: it stops at its next step. */
  async close(): Promise<void> {
    this.closing = true;
    await this.started;
    await this.client.stop();
    await this.closeEmbedded();
  }

  private assertOpen(): void {
    if (this.closing) throw new ApiError('unavailable', 'Outpost is closing');
  }

  private startFollowing(): Promise<void> {
    return this.follow().catch((e: unknown) => {
      this.deps.log(`Sync could not start: ${(e as Error).stack ?? String(e)}`);
      this.client.halt(`Sync could not start: ${(e as Error).message}`);
    });
  }

  /** Starts following the hub the replica is linked to. */
  private async follow(): Promise<void> {
    const row = this.deps.replica.state.require();
    if (row.mode === 'embedded') {
      const hub = await this.ensureEmbedded();
      if (this.closing) return;
      this.client.start({ url: hub.url, token: row.token ?? (await this.renewEmbeddedSession()) });
    } else {
      this.client.start({ url: row.hubUrl!, token: row.token! });
    }
  }

  /** The environment names a team hub this replica does not follow yet: move there, like sync.connect. */
  private async followEnvironmentTeam(): Promise<void> {
    const team = this.environmentTeam();
    const row = this.deps.replica.state.get();
    if (!team || !row || (row.mode === 'team' && row.hubUrl === team.hubUrl && row.hubEmail === team.email)) return;
    await this.connect(team).catch((e: unknown) => this.deps.log(`Could not move to the team hub ${team.hubUrl}: ${(e as Error).message}`));
  }

  private environmentTeam(): TeamHubConfig | null {
    const team = this.deps.teamHub;
    return team && { ...team, hubUrl: normalizeHubUrl(team.hubUrl) };
  }

  private currentAgent(): number | undefined {
    return this.deps.db.$client.prepare('SELECT agent_id FROM local_session WHERE id = 1').pluck().get() as number | undefined;
  }

  private hasWorkspace(): boolean {
    return this.deps.db.$client.prepare('SELECT 1 FROM workspace LIMIT 1').get() !== undefined;
  }

  /**
   * First link to the embedded hub: the demo workspace is made if the replica is empty, then
   * every synced row is imported into a fresh hub store; the replica is at its version already.
   * Outbox rows of a replica from before sync are already part of what was imported.
   */
  private async linkEmbedded(clientId: string): Promise<void> {
    const { db, replica, log } = this.deps;
    if (!this.hasWorkspace()) this.deps.seedDemo();
    if (!this.embedded) {
      const aside = moveAsideEmbeddedHub(this.deps.dataDir);
      if (aside) log(`An embedded hub folder not linked to this replica was moved to ${aside}`);
    }
    const hub = await this.ensureEmbedded();
    const version = await importReplica(db, replica.entities, hub.store);
    const me = this.currentAgent();
    if (me === undefined) throw new Error('the replica has no local session to link to the embedded hub');
    const session = await hub.hub.issueSession(me, clientId, deviceName());
    db.transaction(() => {
      db.$client.prepare('DELETE FROM mutation_outbox').run();
      db.$client.prepare('UPDATE local_session SET client_id = ? WHERE id = 1').run(clientId);
      replica.state.link({ clientId, clientNo: session.clientNo, mode: 'embedded', hubUrl: null, hubEmail: null, token: session.token });
      // "V" is the stores' cursor for "caught up with version V" (src-server/store/pull-cursor.ts).
      replica.state.advance({ cursor: String(version), ackedMutationId: 0, hubVersion: version, now: Date.now() });
    });
    log(`Linked to the embedded hub (version ${version}).`);
  }

  private linkTeam(team: TeamHubConfig, clientId: string, login: LoginResponse): void {
    this.switchReplica({ clientId, clientNo: login.clientNo, mode: 'team', hubUrl: team.hubUrl, hubEmail: team.email, token: login.token }, login.agent);
  }

  /**
   * Empties the replica of the workspace being left (outbox and drafts too) and links it to
   * another hub as `agent`, in one transaction. The catch-up from '' then fills it.
   */
  private switchReplica(link: SyncLink, agent: LoginResponse['agent']): void {
    const { db, replica } = this.deps;
    replica.rebase.wipe(true, () => {
      // Known before the hub sends its agents, so the console can say who is signed in at once.
      db.$client
        .prepare('INSERT INTO agent (id, name, email, role, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role')
        .run(agent.id, agent.name, agent.email, agent.role, Date.now());
      db.$client
        .prepare('INSERT INTO local_session (id, agent_id, client_id) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET agent_id = excluded.agent_id, client_id = excluded.client_id')
        .run(agent.id, link.clientId);
      replica.state.link(link);
    });
    this.client.expectCatchUp();
    this.deps.broadcast('db-changed', EVERYTHING_CHANGED);
  }

  /** Pushes everything pending to the current hub and stops following it; refuses if that cannot be done now. */
  private async leaveCurrentHub(): Promise<void> {
    await this.started;
    const { outbox } = this.deps.replica;
    try {
      await this.client.flush();
    } catch (e) {
      this.assertOpen();
      const n = outbox.unsettledCount();
      if (n > 0) throw new ApiError('unavailable', `${n} change(s) made here are not on the current hub yet and it cannot be reached (${apiErrorOf(e).message}); try again when it can.`);
    }
    await this.client.stop();
    this.assertOpen();
    // A change made while the client was stopping would be wiped with the workspace: refuse instead.
    if (outbox.unsettledCount() > 0) {
      this.client.retry();
      throw new ApiError('conflict', 'Changes were made while switching hubs; try again.');
    }
  }

  /** Starts following `link` and waits until the replica has caught up (or the hub went away: the client retries by itself). */
  private async catchUp(link: { url: string; token: string }): Promise<void> {
    this.assertOpen();
    this.client.start(link);
    await this.client.flush().catch((e: unknown) => this.deps.log(`Catching up with ${link.url} paused: ${(e as Error).message}`));
  }

  private async exclusiveSwitch<T>(fn: () => Promise<T>): Promise<T> {
    this.assertOpen();
    if (this.switching) throw new ApiError('conflict', 'This desktop is already switching hubs.');
    this.switching = true;
    try {
      return await fn();
    } catch (e) {
      throw apiErrorOf(e);
    } finally {
      this.switching = false;
    }
  }

  private ensureEmbedded(): Promise<EmbeddedHub> {
    if (this.embedded) return Promise.resolve(this.embedded);
    this.embeddedStarting ??= startEmbeddedHub(this.deps.dataDir, this.deps.log).then(
      (hub) => (this.embedded = hub),
      (e: unknown) => {
        this.embeddedStarting = null;
        throw e;
      },
    );
    return this.embeddedStarting;
  }

  private async closeEmbedded(): Promise<void> {
    const hub = this.embedded ?? (await this.embeddedStarting?.catch(() => null));
    this.embedded = null;
    this.embeddedStarting = null;
    await hub?.close();
  }

  /** A new session from the embedded hub for this desktop's agent (the old one expired, or the first start). */
  private async renewEmbeddedSession(): Promise<string> {
    const { replica } = this.deps;
    const row = replica.state.require();
    if (row.mode !== 'embedded') throw new Error('only the embedded hub signs in by itself');
    const me = this.currentAgent();
    if (me === undefined) throw new Error('this desktop has no agent to sign in as');
    const session = await (await this.ensureEmbedded()).hub.issueSession(me, row.clientId, deviceName());
    replica.state.setSession(session.token, session.clientNo);
    return session.token;
  }
}
