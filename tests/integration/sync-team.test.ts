import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutationEntityId } from '../../src-shared/sync/ids';
import { startDesktop, waitFor, type Desktop } from '../support/desktop-core';
import { hubRow, replicaRow, withEmbeddedHub } from '../support/replica-rows';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { startTeamHub, type TeamAgent, type TeamHub } from '../support/team-hub';

/**
 * Two desktops on one team hub over real sockets. Desktop A starts solo (embedded hub) and
 * connects; desktop B is preconfigured for the team and reaches the hub through a relay the
 * tests can cut, to be offline while A and the hub go on.
 */
let hub: TeamHub;
let line: TcpProxy;
let a: Desktop;
let b: Desktop;
let priya: TeamAgent;
let tomas: TeamAgent;
let embeddedTag: { conversationId: number; tag: string };

const openIds = async (d: Desktop, n: number) => (await d.api.call('inbox.list', { view: { kind: 'open' }, offset: 0, limit: n })).rows.map((r) => r.id);
const synced = (d: Desktop) => waitFor(async () => {
  const s = await d.api.call('sync.state', {});
  return s.status === 'online' && s.pending === 0 && s.catchUp === null && d.core.db.$client.prepare("SELECT count(*) FROM mutation_outbox WHERE status != 'rejected'").pluck().get() === 0;
}, 15_000, 'the desktop to be in step with its hub');
const offline = async (d: Desktop) => {
  await line.cut();
  await waitFor(async () => (await d.api.call('sync.state', {})).status === 'offline', 10_000, 'the desktop to notice it is offline');
};
const backOnline = async (d: Desktop) => {
  await line.restore();
  await d.api.call('sync.retry', {});
  await synced(d);
};
const searchHits = async (d: Desktop, q: string) => (await d.api.call('search.query', { q, limit: 25 })).hits.filter((h) => h.kind === 'message');

beforeAll(async () => {
  hub = await startTeamHub({ conversations: 200 });
  line = await startTcpProxy(hub.port);
  priya = hub.agents.find((x) => x.name === 'Priya Raman')!;
  tomas = hub.agents.find((x) => x.name === 'Tomás Herrera')!;

  a = await startDesktop({ demoConversations: 30 });
  const [mine] = await openIds(a, 1);
  embeddedTag = { conversationId: mine!, tag: 'made-before-joining' };
  await a.api.call('mutate', { name: 'addTag', args: embeddedTag });
  await a.api.call('sync.connect', { hubUrl: hub.url, email: priya.email, password: priya.password });
  await synced(a);

  b = await startDesktop({ teamHub: { hubUrl: line.url, email: tomas.email, password: tomas.password } });
  await synced(b);
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await line?.close();
  await hub?.close();
});

describe('joining a team', () => {
  it("shows the team's workspace as the signed-in agent, after pushing what was pending to the embedded hub", async () => {
    const infoA = await a.api.call('app.info', {});
    expect(infoA.me.email).toBe(priya.email);
    expect(infoA.totals.conversations).toBe(200);
    expect((await b.api.call('app.info', {})).me.email).toBe(tomas.email);
    expect((await a.api.call('sync.state', {})).mode).toBe('team');

    expect(await withEmbeddedHub(a.dataDir, (store) => hubRow(store, 'conversation_tag', `${embeddedTag.conversationId}:${embeddedTag.tag}`))).toEqual(embeddedTag);
  });

  it('refuses a wrong password and changes nothing', async () => {
    await expect(a.api.call('sync.connect', { hubUrl: hub.url, email: priya.email, password: 'wrong' })).rejects.toMatchObject({ kind: 'auth' });
    expect((await a.api.call('app.info', {})).me.email).toBe(priya.email);
  });
});

describe('two desktops on one hub', () => {
  it("sees the other's change as soon as the hub pokes", async () => {
    const [x] = await openIds(a, 1);
    await a.api.call('mutate', { name: 'addNote', args: { id: '5b0e8a36-0d55-4a3c-9d8e-0b9c6a1f2e01', conversationId: x!, body: 'Ring the bell twice' } });
    const note = await waitFor(async () => (await b.api.call('conversation.get', { id: x! })).notes.find((n) => n.body === 'Ring the bell twice'), 10_000, "A's note on B");
    expect(note.authorId).toBe(priya.id);
    expect(b.eventsOf('db-changed').some((e) => e.conversationIds.length === 0 || e.conversationIds.includes(x!))).toBe(true);
  });

  it('queues changes made offline and converges with everyone once the line is back', async () => {
    const [, y] = await openIds(b, 2);
    await offline(b);
    await b.api.call('mutate', { name: 'reply', args: { conversationId: y!, text: 'Your kiwifruit crate left the depot' } });
    await b.api.call('mutate', { name: 'addTag', args: { conversationId: y!, tag: 'offline-made' } });
    expect((await b.api.call('sync.state', {})).pending).toBe(2);
    expect(await searchHits(b, 'kiwifruit')).toHaveLength(1);
    await a.api.call('mutate', { name: 'setPriority', args: { conversationId: y!, priority: 'urgent' } });

    await backOnline(b);
    await synced(a);
    await waitFor(async () => (await a.api.call('conversation.get', { id: y! })).conversation.tags.includes('offline-made'), 10_000, "B's tag on A");
    const onHub = await hubRow(hub.store, 'conversation', y!);
    expect(onHub).toMatchObject({ priority: 'urgent' });
    expect(replicaRow(b.core.db, 'conversation', y!)).toEqual(onHub);
    expect(replicaRow(a.core.db, 'conversation', y!)).toEqual(onHub);
    // The optimistic message and the hub's are one row (same id): one hit on each desktop.
    expect(await searchHits(b, 'kiwifruit')).toHaveLength(1);
    expect(await searchHits(a, 'kiwifruit')).toHaveLength(1);
  });

  it("rejects the later of two conflicting status changes; the loser's replica ends equal to the hub", async () => {
    const [, , z] = await openIds(b, 3);
    await offline(b);
    const { outboxId } = await b.api.call('mutate', { name: 'setStatus', args: { conversationId: z!, to: 'pending', expectedFrom: 'open' } });
    await a.api.call('mutate', { name: 'setStatus', args: { conversationId: z!, to: 'solved', expectedFrom: 'open' } });
    await synced(a);
    await backOnline(b);

    const rejected = await waitFor(() => b.eventsOf('mutation-rejected').find((r) => r.outboxId === outboxId), 10_000, 'the rejection');
    expect(rejected).toMatchObject({ name: 'setStatus', conversationId: z!, message: 'status is solved, not open' });
    expect(replicaRow(b.core.db, 'conversation', z!)).toEqual(await hubRow(hub.store, 'conversation', z!));
    expect((await b.api.call('outbox.list', { limit: 5 })).entries.find((e) => e.id === outboxId)).toMatchObject({ status: 'rejected' });
  });

  it('puts a reply refused because a colleague answered meanwhile back into the draft, and search follows', async () => {
    const [w] = (await openIds(b, 6)).slice(5);
    const seen = (await b.api.call('conversation.get', { id: w! })).messages.at(-1)!.id;
    await offline(b);
    await b.api.call('mutate', { name: 'reply', args: { conversationId: w!, text: 'A pelican voucher is on its way', afterMessageId: seen } });
    expect(await searchHits(b, 'pelican')).toHaveLength(1);
    await a.api.call('mutate', { name: 'reply', args: { conversationId: w!, text: 'Refund of the flamingo order sent' } });
    await synced(a);
    await backOnline(b);

    const rejected = await waitFor(() => b.eventsOf('mutation-rejected').find((r) => r.conversationId === w && r.name === 'reply'), 10_000, 'the refused reply');
    expect(rejected.message).toBe('Priya Raman replied while you were offline — your reply is back in the draft');
    expect((await b.api.call('draft.get', { conversationId: w! })).draft).toMatchObject({ mode: 'reply', body: 'A pelican voucher is on its way' });
    expect(await searchHits(b, 'pelican')).toEqual([]);
    expect(await searchHits(b, 'flamingo')).toHaveLength(1);
    expect(replicaRow(b.core.db, 'conversation', w!)).toEqual(await hubRow(hub.store, 'conversation', w!));
  });

  it('resyncs when the hub compacted past its cursor, keeping its pending change and drafts', async () => {
    const [u, v] = (await openIds(b, 8)).slice(6);
    await a.api.call('mutate', { name: 'addTag', args: { conversationId: u!, tag: 'short-lived' } });
    await synced(b);
    await offline(b);
    await b.api.call('draft.save', { conversationId: v!, mode: 'note', body: 'half-typed thought' });
    await b.api.call('mutate', { name: 'addTag', args: { conversationId: v!, tag: 'resync-kept' } });
    await a.api.call('mutate', { name: 'removeTag', args: { conversationId: u!, tag: 'short-lived' } });
    await synced(a);
    // The deletion's tombstone is dropped: a cursor from before it can no longer be served.
    expect(await hub.store.compact(await hub.store.version())).toBeGreaterThan(0);
    const logLines = b.eventsOf('sync-state').length;

    await backOnline(b);
    expect(b.eventsOf('sync-state').slice(logLines).some((s) => s.catchUp !== null)).toBe(true);
    expect((await b.api.call('conversation.get', { id: u! })).conversation.tags).not.toContain('short-lived');
    expect((await b.api.call('conversation.get', { id: v! })).conversation.tags).toContain('resync-kept');
    expect((await b.api.call('draft.get', { conversationId: v! })).draft?.body).toBe('half-typed thought');
    expect((await b.api.call('app.info', {})).totals.conversations).toBe(200);
  });

  it('queues changes on both desktops while the hub itself is down, and converges when it is back', async () => {
    const [, , , r1, r2] = await openIds(a, 5);
    await hub.stop();
    await waitFor(async () => (await a.api.call('sync.state', {})).status === 'offline' && (await b.api.call('sync.state', {})).status === 'offline', 10_000, 'both offline');
    await a.api.call('mutate', { name: 'addNote', args: { id: '9a4c1d2e-3b5f-4a6c-8d7e-1f2a3b4c5d6e', conversationId: r1!, body: 'Checked with the warehouse' } });
    await b.api.call('mutate', { name: 'setCategory', args: { conversationId: r2!, category: 'returns_exchanges' } });
    expect((await b.api.call('sync.state', {})).retryAt).toBeGreaterThan(Date.now() - 1);

    await hub.start();
    await Promise.all([a.api.call('sync.retry', {}), b.api.call('sync.retry', {})]);
    await Promise.all([synced(a), synced(b)]);
    await waitFor(async () => (await b.api.call('conversation.get', { id: r1! })).notes.some((n) => n.body === 'Checked with the warehouse'), 10_000, "A's note on B");
    await waitFor(async () => (await a.api.call('conversation.get', { id: r2! })).conversation.category === 'returns_exchanges', 10_000, "B's category on A");
    for (const id of [r1!, r2!]) {
      const onHub = await hubRow(hub.store, 'conversation', id);
      expect(replicaRow(a.core.db, 'conversation', id)).toEqual(onHub);
      expect(replicaRow(b.core.db, 'conversation', id)).toEqual(onHub);
    }
  });

  it("relays presence: who is typing in a conversation shows on the other desktop, and goes when they stop", async () => {
    const [p] = await openIds(a, 1);
    await a.api.call('presence.set', { conversationId: p!, state: 'typing' });
    const others = await waitFor(async () => (await b.api.call('presence.list', { conversationId: p! })).others[0], 5_000, "A's presence on B");
    expect(others).toMatchObject({ agentId: priya.id, agentName: 'Priya Raman', state: 'typing', conversationId: p! });
    expect(b.eventsOf('presence').some((e) => e.agentId === priya.id && e.state === 'typing')).toBe(true);
    expect((await a.api.call('presence.list', { conversationId: p! })).others).toEqual([]);
    await a.api.call('presence.set', { conversationId: null, state: 'idle' });
    await waitFor(async () => (await b.api.call('presence.list', { conversationId: p! })).others.length === 0, 5_000, 'presence to end');
  });

  it("uploads an attachment's body before the reply that carries it", async () => {
    const body = Buffer.from('%PDF-1.4 return label for order 1042\n'.repeat(200));
    const hash = createHash('sha256').update(body).digest('hex');
    const { uploadId } = await b.api.call('attachment.begin', { filename: 'label.pdf', mimeType: 'application/pdf', size: body.length });
    await b.api.call('attachment.chunk', { uploadId, index: 0, dataBase64: body.toString('base64') });
    const { attachment } = await b.api.call('attachment.finish', { uploadId, sha256: hash });
    const [id] = await openIds(b, 1);
    const { outboxId } = await b.api.call('mutate', { name: 'reply', args: { conversationId: id!, text: 'Your return label is attached', attachments: [attachment] } });
    await synced(b);

    expect(await hub.store.blobs.get(hash)).toMatchObject({ mimeType: 'application/pdf', body });
    const messageId = mutationEntityId(b.core.db.$client.prepare('SELECT client_no FROM sync_state').pluck().get() as number, outboxId, 0);
    expect(JSON.parse((await hubRow(hub.store, 'message', messageId))!.attachmentsJson as string)).toEqual([attachment]);

    // A colleague's desktop fetches the body from the hub the first time it is opened, then keeps it.
    expect(a.core.blobs.get(hash)).toBeUndefined();
    const fetched = await a.core.attachment(hash);
    expect(fetched).toMatchObject({ contentHash: hash, size: body.length, mimeType: 'application/pdf' });
    expect(fs.readFileSync(fetched!.file)).toEqual(body);
    expect(a.core.blobs.get(hash)).toBeDefined();
    expect(await a.core.attachment('0'.repeat(64))).toBeUndefined();
  });

  it('stops retrying and says so when the hub signed this desktop out', async () => {
    await hub.store.sessions.revokeUser(tomas.id, Date.now());
    const [id] = await openIds(b, 1);
    await b.api.call('mutate', { name: 'addTag', args: { conversationId: id!, tag: 'after-sign-out' } });
    const state = await waitFor(async () => {
      const s = await b.api.call('sync.state', {});
      return s.status === 'error' && s;
    }, 20_000, 'the signed-out state');
    expect(state.reason).toMatch(/^Signed out: /);
    expect(state.retryAt).toBeNull();
    expect(state.pending).toBe(1);

    // Signing in again to the same hub keeps the replica and sends what waited.
    const again = await b.api.call('sync.connect', { hubUrl: `${line.url}/`, email: tomas.email, password: tomas.password });
    expect(again).toMatchObject({ mode: 'team', status: 'online', pending: 0 });
    expect(await hubRow(hub.store, 'conversation_tag', `${id}:after-sign-out`)).toBeDefined();
  });
});
