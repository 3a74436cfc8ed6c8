import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src-shared/api/errors';
import { createSwitchingApiClient, MAX_QUEUED_CALLS, toBridgeError } from './switching-client';

/** A fake core on the far end of a real MessageChannel: records requests, answers on demand. */
function fakeCore() {
  const channel = new MessageChannel();
  const requests: { id: number; name: string }[] = [];
  channel.port1.onmessage = (event: MessageEvent<string>) => requests.push(JSON.parse(event.data));
  const answer = (id: number, result: unknown) => channel.port1.postMessage(JSON.stringify({ type: 'response', id, ok: true, result }));
  const emit = (name: string, payload: unknown) => channel.port1.postMessage(JSON.stringify({ type: 'event', name, payload }));
  opened.push(channel);
  return { port: channel.port2, requests, answer, emit };
}

const opened: MessageChannel[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('createSwitchingApiClient', () => {
  it('queues calls made before a port arrives and sends them in order once it does', async () => {
    const client = createSwitchingApiClient();
    const first = client.api.call('app.info', {});
    const second = client.api.call('outbox.list', { limit: 5 });
    const core = fakeCore();
    client.attach(core.port);
    await tick();
    expect(core.requests.map((r) => r.name)).toEqual(['app.info', 'outbox.list']);
    core.answer(core.requests[1]!.id, { entries: [] });
    core.answer(core.requests[0]!.id, { totals: 1 });
    await expect(second).resolves.toEqual({ entries: [] });
    await expect(first).resolves.toEqual({ totals: 1 });
  });

  it('fails calls in flight on the old port as unavailable and sends new ones on the new port', async () => {
    const client = createSwitchingApiClient();
    const oldCore = fakeCore();
    client.attach(oldCore.port);
    const inFlight = client.api.call('app.info', {});
    await tick();
    const newCore = fakeCore();
    client.attach(newCore.port);
    await expect(inFlight).rejects.toMatchObject({ kind: 'unavailable' });
    const next = client.api.call('app.info', {});
    await tick();
    expect(newCore.requests).toHaveLength(1);
    newCore.answer(newCore.requests[0]!.id, 'fresh');
    await expect(next).resolves.toBe('fresh');
    // A late answer from the old core reaches nobody.
    oldCore.answer(oldCore.requests[0]!.id, 'stale');
    await tick();
  });

  it('keeps event listeners across ports', async () => {
    const client = createSwitchingApiClient();
    const seen: unknown[] = [];
    client.api.on('db-changed', (p) => seen.push(p));
    const a = fakeCore();
    client.attach(a.port);
    a.emit('db-changed', { tables: ['a'], conversationIds: [] });
    await tick();
    const b = fakeCore();
    client.attach(b.port);
    b.emit('db-changed', { tables: ['b'], conversationIds: [] });
    await tick();
    expect(seen).toEqual([
      { tables: ['a'], conversationIds: [] },
      { tables: ['b'], conversationIds: [] },
    ]);
  });

  it('while the core restarts: fails sent calls, queues new ones, and reports the status as an event', async () => {
    const client = createSwitchingApiClient();
    const statuses: unknown[] = [];
    client.api.on('core-status' as never, (s) => statuses.push(s));
    const before = fakeCore();
    client.attach(before.port);
    const lost = client.api.call('app.info', {});
    await tick();
    client.setStatus({ state: 'restarting', message: 'core stopped (exit code 9)' });
    await expect(lost).rejects.toThrow('core stopped (exit code 9)');
    const waiting = client.api.call('app.info', {});
    const after = fakeCore();
    client.attach(after.port);
    client.setStatus({ state: 'ready', message: 'running again' });
    await tick();
    after.answer(after.requests[0]!.id, 'ok');
    await expect(waiting).resolves.toBe('ok');
    expect(statuses).toEqual([
      { state: 'restarting', message: 'core stopped (exit code 9)' },
      { state: 'ready', message: 'running again' },
    ]);
  });

  it('refuses at once past the queue limit instead of growing without bound', async () => {
    const client = createSwitchingApiClient();
    for (let i = 0; i < MAX_QUEUED_CALLS; i++) void client.api.call('app.info', {});
    await expect(client.api.call('app.info', {})).rejects.toMatchObject({ kind: 'unavailable' });
  });
});

describe('toBridgeError', () => {
  it('keeps the kind that contextBridge would strip from an Error', () => {
    expect(toBridgeError(new ApiError('conflict', 'changed meanwhile'))).toEqual({ name: 'ApiError', kind: 'conflict', message: 'changed meanwhile' });
    expect(toBridgeError(new Error('boom'))).toEqual({ name: 'ApiError', kind: 'internal', message: 'boom' });
    expect(toBridgeError('text')).toEqual({ name: 'ApiError', kind: 'internal', message: 'text' });
  });
});
