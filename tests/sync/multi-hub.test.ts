import { afterAll, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../src-server/hub';
import type { HubStore } from '../../src-server/store/contract';
import { openPostgresStore } from '../../src-server/store/postgres-store';
import { startDesktop, waitFor, type Desktop } from '../support/desktop-core';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { seedTeamStore } from '../support/team-hub';

/**
 * The path for teams that outgrow one machine: two hub processes (here two hubs, each with its
 * own connection pool and LISTEN connection) serve one PostgreSQL workspace. A change pushed to
 * one hub pokes the desktops of the other, through NOTIFY.
 */
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

it('two hubs on one PostgreSQL database keep their desktops in step', async () => {
  const db: TestDatabase = await createTestDatabase();
  cleanup.push(() => db.drop());
  const stores: HubStore[] = [await openPostgresStore(db.url), await openPostgresStore(db.url)];
  for (const s of stores) cleanup.push(() => s.close());
  const agents = await seedTeamStore(stores[0]!, { conversations: 20 });
  const hubs: RunningHub[] = [];
  for (const store of stores) {
    const hub = await startHub({ store });
    hubs.push(hub);
    cleanup.push(() => hub.close());
  }
  const desktops: Desktop[] = [];
  for (const [i, hub] of hubs.entries()) {
    const d = await startDesktop({ teamHub: { hubUrl: hub.url, email: agents[i]!.email, password: agents[i]!.password } });
    desktops.push(d);
    cleanup.push(() => d.close());
    await waitFor(() => d.core.sync.state().status === 'online' && d.core.sync.state().catchUp === null, 30_000, 'a desktop to catch up');
  }
  const [a, b] = desktops as [Desktop, Desktop];
  const [conversationId] = (await a.api.call('inbox.list', { view: { kind: 'open' }, offset: 0, limit: 1 })).rows.map((r) => r.id);

  await a.api.call('mutate', { name: 'addTag', args: { conversationId: conversationId!, tag: 'via-hub-one' } });
  await waitFor(async () => (await b.api.call('conversation.get', { id: conversationId! })).conversation.tags.includes('via-hub-one'), 10_000, "hub one's change on hub two's desktop");
  await b.api.call('mutate', { name: 'addTag', args: { conversationId: conversationId!, tag: 'via-hub-two' } });
  await waitFor(async () => (await a.api.call('conversation.get', { id: conversationId! })).conversation.tags.includes('via-hub-two'), 10_000, "hub two's change on hub one's desktop");
  expect((await a.api.call('conversation.get', { id: conversationId! })).conversation.tags).toEqual(expect.arrayContaining(['via-hub-one', 'via-hub-two']));
}, 120_000);
