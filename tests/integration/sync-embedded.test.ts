import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openReplica } from '../../src-main/core/db/open';
import { seedDemoWorkspace } from '../../src-main/core/seed';
import { EMBEDDED_HUB_DIR } from '../../src-main/core/sync/embedded-hub';
import { mutationEntityId } from '../../src-shared/sync/ids';
import { repoRoot, tempDir } from '../support/console-process';
import { startDesktop, waitFor, type Desktop } from '../support/desktop-core';
import { hubRow, replicaRow, withEmbeddedHub } from '../support/replica-rows';
import { startTcpProxy } from '../support/tcp-proxy';
import { startTeamHub, type TeamHub } from '../support/team-hub';

/** The solo desktop: the core always syncs, to a hub it runs itself on loopback when no team hub is set. */
const open: (Desktop | TeamHub)[] = [];
afterAll(async () => {
  for (const x of open.reverse()) await x.close();
});
const started = async (...args: Parameters<typeof startDesktop>) => {
  const d = await startDesktop(...args);
  open.push(d);
  return d;
};
const settled = (d: Desktop) =>
  waitFor(async () => {
    const s = await d.api.call('sync.state', {});
    return s.status === 'online' && s.pending === 0 && s.catchUp === null;
  }, 15_000, 'the desktop to be in step with its hub');
const syncRow = (d: Desktop) => d.core.db.$client.prepare('SELECT client_no AS clientNo, mode, cursor, hub_version AS hubVersion FROM sync_state').get() as { clientNo: number; mode: string; cursor: string; hubVersion: number };
const firstOpen = async (d: Desktop) => (await d.api.call('inbox.list', { view: { kind: 'open' }, offset: 0, limit: 1 })).rows[0]!.id;

describe('the embedded hub', () => {
  let solo: Desktop;

  it('links a fresh data folder with no team configured: the demo workspace is imported and changes reach the hub', async () => {
    solo = await started({ demoConversations: 120, teamHub: undefined });
    await settled(solo);
    const link = syncRow(solo);
    expect(link).toMatchObject({ mode: 'embedded', cursor: String(link.hubVersion) });
    expect((await solo.api.call('sync.state', {})).mode).toBe('embedded');

    const id = await firstOpen(solo);
    await withEmbeddedHub(solo.dataDir, async (store) => expect(await hubRow(store, 'conversation', id)).toEqual(replicaRow(solo.core.db, 'conversation', id)));
    const { outboxId } = await solo.api.call('mutate', { name: 'reply', args: { conversationId: id, text: 'Sent through the embedded hub' } });
    await settled(solo);
    const messageId = mutationEntityId(link.clientNo, outboxId, 0);
    await withEmbeddedHub(solo.dataDir, async (store) => expect(await hubRow(store, 'message', messageId)).toMatchObject({ text: 'Sent through the embedded hub', authorAgentId: 3 }));
    expect(replicaRow(solo.core.db, 'message', messageId)).toMatchObject({ text: 'Sent through the embedded hub' });
  });

  it('answers at once on a restart, accepts changes before its hub is up, and pushes them once it is', async () => {
    await solo.close();
    open.splice(open.indexOf(solo), 1);
    const t0 = performance.now();
    solo = await started({ dataDir: solo.dataDir });
    const startMs = performance.now() - t0;
    const id = await firstOpen(solo);
    const { outboxId } = await solo.api.call('mutate', { name: 'addTag', args: { conversationId: id, tag: 'before-the-hub' } });
    expect(outboxId).toBeGreaterThan(1);
    await settled(solo);
    await withEmbeddedHub(solo.dataDir, async (store) => expect(await hubRow(store, 'conversation_tag', `${id}:before-the-hub`)).toBeDefined());
    expect(startMs).toBeLessThan(10_000);
  });

  it('signs in to its embedded hub again by itself when the hub forgot the session', async () => {
    await withEmbeddedHub(solo.dataDir, (store) => store.sessions.revokeUser(3, Date.now()));
    const id = await firstOpen(solo);
    await solo.api.call('mutate', { name: 'addTag', args: { conversationId: id, tag: 'after-renewal' } });
    await settled(solo);
    await withEmbeddedHub(solo.dataDir, async (store) => expect(await hubRow(store, 'conversation_tag', `${id}:after-renewal`)).toBeDefined());
    expect(solo.eventsOf('sync-state').some((s) => s.status === 'error')).toBe(false);
  });

  it('says why when its hub cannot start, and starts it on sync.retry once that is fixed', async () => {
    const { dataDir } = solo;
    await solo.close();
    open.splice(open.indexOf(solo), 1);
    const hubDir = path.join(dataDir, EMBEDDED_HUB_DIR);
    fs.renameSync(hubDir, `${hubDir}.kept`);
    fs.writeFileSync(hubDir, 'a file in the way');

    solo = await started({ dataDir });
    const failed = await waitFor(async () => {
      const s = await solo.api.call('sync.state', {});
      return s.status === 'error' && s;
    }, 10_000, 'the start failure');
    expect(failed.reason).toMatch(/^Sync could not start: Cannot use hub data folder .*a file is in the way/);
    expect((await solo.api.call('inbox.list', { view: { kind: 'open' }, offset: 0, limit: 1 })).rows).toHaveLength(1);

    fs.rmSync(hubDir);
    fs.renameSync(`${hubDir}.kept`, hubDir);
    await solo.api.call('sync.retry', {});
    await settled(solo);
  });

  it('adopts a replica from before sync: its rows go to the hub and its old outbox counts as done', async () => {
    const dataDir = tempDir('pre-sync');
    const { db } = openReplica(dataDir, path.join(repoRoot, 'src-main/core/db/migrations'));
    seedDemoWorkspace(db, { conversations: 25, seed: 4 });
    db.$client.prepare("INSERT INTO mutation_outbox (id, name, args_json, created_at) VALUES (7, 'addTag', '{\"conversationId\":1,\"tag\":\"old\"}', 0)").run();
    db.$client.prepare("INSERT INTO conversation_tag (conversation_id, tag) VALUES (1, 'old')").run();
    db.$client.close();

    const adopted = await started({ dataDir });
    await settled(adopted);
    expect(adopted.core.db.$client.prepare('SELECT count(*) FROM mutation_outbox').pluck().get()).toBe(0);
    expect((await adopted.api.call('app.info', {})).totals.conversations).toBe(25);
    await withEmbeddedHub(dataDir, async (store) => {
      expect(await store.scanKind('conversation', '', 100)).toHaveLength(25);
      expect(await hubRow(store, 'conversation_tag', '1:old')).toEqual({ conversationId: 1, tag: 'old' });
    });
    // The old outbox was never sent anywhere: this desktop's count starts afresh with its new client id.
    const { outboxId } = await adopted.api.call('mutate', { name: 'addTag', args: { conversationId: 1, tag: 'new' } });
    expect(outboxId).toBe(1);
    await settled(adopted);
    await withEmbeddedHub(dataDir, async (store) => expect(await hubRow(store, 'conversation_tag', '1:new')).toBeDefined());
  });
});

describe('moving between the embedded hub and a team hub', () => {
  it('joins a team and comes back to the embedded workspace with what was made before', async () => {
    const team = await startTeamHub({ conversations: 40, seed: 9 });
    open.push(team);
    const d = await started({ demoConversations: 120 });
    await settled(d);
    const id = await firstOpen(d);
    await d.api.call('mutate', { name: 'addTag', args: { conversationId: id, tag: 'before-team' } });
    const agent = team.agents.find((a) => a.name === 'Kenji Mori')!;

    const joined = await d.api.call('sync.connect', { hubUrl: team.url, email: agent.email, password: agent.password });
    expect(joined).toMatchObject({ mode: 'team', hubUrl: team.url, pending: 0, catchUp: null });
    expect((await d.api.call('app.info', {})).me.name).toBe('Kenji Mori');
    expect((await d.api.call('app.info', {})).totals.conversations).toBe(40);
    expect(d.eventsOf('sync-state').some((s) => s.mode === 'team')).toBe(true);

    const left = await d.api.call('sync.disconnect', {});
    expect(left).toMatchObject({ mode: 'embedded', hubUrl: null, catchUp: null });
    await settled(d);
    const info = await d.api.call('app.info', {});
    expect(info.me.name).toBe('Priya Raman');
    expect(info.totals.conversations).toBe(120);
    expect((await d.api.call('conversation.get', { id })).conversation.tags).toContain('before-team');
    expect(await d.api.call('sync.disconnect', {})).toMatchObject({ mode: 'embedded' });
  });

  it('moves an embedded replica to the team hub its environment names, on the next start', async () => {
    const team = await startTeamHub({ conversations: 30, seed: 2 });
    open.push(team);
    let d = await started({ demoConversations: 60 });
    await settled(d);
    const { dataDir } = d;
    await d.close();
    open.splice(open.indexOf(d), 1);
    const agent = team.agents.find((a) => a.name === 'Aisha Bello')!;

    d = await started({ dataDir, teamHub: { hubUrl: `${team.url}/`, email: agent.email, password: agent.password } });
    await waitFor(async () => (await d.api.call('sync.state', {})).mode === 'team', 15_000, 'the move to the team hub');
    await settled(d);
    expect((await d.api.call('app.info', {})).me.name).toBe('Aisha Bello');
    expect((await d.api.call('app.info', {})).totals.conversations).toBe(30);
  });

  it('will not leave a hub it cannot reach while changes made here are not on it', async () => {
    const team = await startTeamHub({ conversations: 20 });
    open.push(team);
    const line = await startTcpProxy(team.port);
    const agent = team.agents.find((a) => a.name === 'Lena Vogel')!;
    const d = await started({ teamHub: { hubUrl: line.url, email: agent.email, password: agent.password } });
    await settled(d);
    await line.cut();
    await waitFor(async () => (await d.api.call('sync.state', {})).status === 'offline', 10_000, 'offline');
    await d.api.call('mutate', { name: 'addTag', args: { conversationId: (await d.api.call('inbox.list', { view: { kind: 'status', status: 'solved' }, offset: 0, limit: 1 })).rows[0]!.id, tag: 'must-not-be-lost' } });

    await expect(d.api.call('sync.disconnect', {})).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/1 change\(s\) made here are not on the current hub yet/) });
    expect((await d.api.call('sync.state', {})).mode).toBe('team');

    await line.restore();
    await d.api.call('sync.retry', {});
    await settled(d);
    expect(await d.api.call('sync.disconnect', {})).toMatchObject({ mode: 'embedded' });
    await line.close();
  });
});
