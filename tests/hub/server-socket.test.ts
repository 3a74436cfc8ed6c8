import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE_SESSION_ENDED } from '../../src-server/sync/socket-hub';
import type { HubSocketMessage, PresenceEntry } from '../../src-shared/sync/protocol';
import { request } from './server-client';
import { HUB_STORES, useTestHub } from './server-fixtures';

type Presence = { type: 'presence' } & PresenceEntry;
const isPresence = (m: HubSocketMessage): m is Presence => m.type === 'presence';

describe.each(HUB_STORES)('hub WebSocket ($name)', (kind) => {
  // Short enough for a quick test, long enough that a busy machine does not expire or drop what it should not.
  const PRESENCE_TTL = 1_000;
  const KEEPALIVE = 400;
  const t = useTestHub(kind, { presenceTtlMs: PRESENCE_TTL, keepaliveMs: KEEPALIVE });

  it('refuses a socket without a live session, with the reason', async () => {
    const refused = (headers: Record<string, string>) =>
      new Promise<{ status: number; body: unknown }>((resolve) => {
        const ws = new WebSocket(`${t().url.replace('http', 'ws')}/sync/ws`, { headers });
        ws.on('unexpected-response', (_req, res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += String(c)));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
        });
      });
    expect(await refused({})).toEqual({ status: 401, body: { error: { kind: 'unauthorized', message: 'This request carries no session; sign in again.' } } });
    const d = await t().signedIn('admin');
    await request(t().url, 'POST', '/auth/logout', undefined, d.token);
    expect(await refused({ Authorization: `Bearer ${d.token}` })).toEqual({ status: 401, body: { error: { kind: 'unauthorized', message: 'This session was signed out; sign in again.' } } });
  });

  it('says hello with the version, then pokes after another desktop pushes', async () => {
    const ines = await t().signedIn('agent');
    const kai = await t().signedIn('colleague');
    const socket = await kai.socket();
    const hello = await socket.next((m) => m.type === 'hello');
    expect(hello).toEqual({ type: 'hello', version: await t().store.version() });
    const answer = await ines.push(ines.mutations({ name: 'setPriority', args: { conversationId: 11, priority: 'urgent' } }));
    expect(await socket.next((m) => m.type === 'poke' && m.version === answer.body.version)).toEqual({ type: 'poke', version: answer.body.version });
    socket.close();
  });

  it('folds a burst of commits into fewer pokes that never go backwards and end on the newest version', async () => {
    const ines = await t().signedIn('agent');
    const socket = await (await t().signedIn('colleague')).socket();
    await socket.next((m) => m.type === 'hello');
    const burst = Array.from({ length: 8 }, (_, i) => ines.mutations({ name: 'addTag', args: { conversationId: 11, tag: `burst-${i}` } })[0]!);
    for (const m of burst) await ines.push([m]);
    const final = await t().store.version();
    await socket.next((m) => m.type === 'poke' && m.version === final);
    const pokes = socket.received.flatMap((m) => (m.type === 'poke' ? [m.version] : []));
    expect(pokes).toEqual([...pokes].sort((a, b) => a - b));
    expect(new Set(pokes).size).toBe(pokes.length);
    expect(pokes.length).toBeLessThanOrEqual(burst.length);
    socket.close();
  });

  it('relays presence to the others with the agent name, and turns it idle when it expires or the socket closes', async () => {
    const ines = await (await t().signedIn('agent')).socket();
    const kai = await (await t().signedIn('colleague')).socket();
    const supervisor = await t().signedIn('supervisor');
    await Promise.all([ines.next((m) => m.type === 'hello'), kai.next((m) => m.type === 'hello')]);

    ines.send({ type: 'presence', conversationId: 11, state: 'typing' });
    const seen = await kai.next((m) => isPresence(m) && m.state === 'typing');
    expect(seen).toMatchObject({ type: 'presence', agentId: t().ids.agent, agentName: 'Ines Agent', conversationId: 11, state: 'typing' });
    // Not echoed to its sender.
    await new Promise((r) => setTimeout(r, 100));
    expect(ines.received.filter(isPresence)).toEqual([]);

    // A desktop connecting later learns who is there (refreshed first: the late one must come within the TTL).
    ines.send({ type: 'presence', conversationId: 11, state: 'typing' });
    const late = await supervisor.socket();
    expect(await late.next((m) => isPresence(m) && m.agentId === t().ids.agent)).toMatchObject({ state: 'typing', conversationId: 11 });

    // Not refreshed within the TTL: idle for everyone.
    const refreshed = (await kai.next((m) => isPresence(m) && m.state === 'typing' && m.at > (seen as Presence).at)) as Presence;
    const expired = (await kai.next((m) => isPresence(m) && m.agentId === t().ids.agent && m.state === 'idle')) as Presence;
    expect(expired.conversationId).toBe(11);
    expect(expired.at - refreshed.at).toBeGreaterThanOrEqual(PRESENCE_TTL);

    kai.send({ type: 'presence', conversationId: 12, state: 'viewing' });
    await ines.next((m) => isPresence(m) && m.agentId === t().ids.colleague && m.state === 'viewing');
    kai.close();
    expect(await ines.next((m) => isPresence(m) && m.agentId === t().ids.colleague && m.state === 'idle')).toMatchObject({ conversationId: 12 });
    ines.close();
    late.close();
  });

  it('drops a desktop that stops answering pings, and its presence goes idle', async () => {
    const watcher = await (await t().signedIn('agent')).socket();
    const dead = await (await t().signedIn('colleague')).socket();
    dead.send({ type: 'presence', conversationId: 12, state: 'viewing' });
    await watcher.next((m) => isPresence(m) && m.state === 'viewing');
    // The desktop's process hangs: its socket reads nothing more, so no pong goes back.
    (dead.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    expect(await watcher.next((m) => isPresence(m) && m.agentId === t().ids.colleague && m.state === 'idle', 5_000)).toBeTruthy();
    watcher.close();
  });

  it('closes a socket whose session signs out, and one whose user is disabled elsewhere', async () => {
    const d = await t().signedIn('agent');
    const socket = await d.socket();
    await socket.next((m) => m.type === 'hello');
    expect((await request(t().url, 'POST', '/auth/logout', undefined, d.token)).status).toBe(200);
    await expect.poll(() => socket.closed?.code, { timeout: 5_000 }).toBe(CLOSE_SESSION_ENDED);

    const other = await t().signedIn('agent');
    const second = await other.socket();
    // As the command line does from its own process: straight in the store.
    await t().store.sessions.revokeUser(t().ids.agent, Date.now());
    await expect.poll(() => second.closed, { timeout: 5_000 }).toEqual({ code: CLOSE_SESSION_ENDED, reason: 'This session was signed out; sign in again.' });
  });

  it('closes a socket that sends something other than presence', async () => {
    const socket = await (await t().signedIn('supervisor')).socket();
    socket.send({ type: 'shout', text: 'hello?' });
    await expect.poll(() => socket.closed?.code, { timeout: 5_000 }).toBe(1008);
  });
});
