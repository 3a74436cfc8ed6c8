import { describe, expect, it } from 'vitest';
import { ApiError, type ConversationDetail, type InboxView } from '../../src-shared/api';
import { orderInQuestion } from '../../src-shared/macros';
import { useConsoleApi } from '../support/console-suite';
import { waitFor } from '../support/desktop-core';
import { hubRow, withEmbeddedHub } from '../support/replica-rows';

// Macros over the real core, as the console calls them: list, preview, save, apply and the rules that refuse.
const conn = useConsoleApi('macros', 400);

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected the call to fail'); }, (e: unknown) => e as ApiError);

/** Conversations of a view whose order in question has a shipment, and one without any tracking. */
async function findConversations(view: InboxView = { kind: 'open' }) {
  const { rows } = await conn.api.call('inbox.list', { view, offset: 0, limit: 300 });
  const shipped: ConversationDetail[] = [];
  let untracked: ConversationDetail | undefined;
  for (const r of rows) {
    const d = await conn.api.call('conversation.get', { id: r.id });
    const order = orderInQuestion(d.orders, d.messages);
    if (order?.shipments.length) shipped.push(d);
    else untracked ??= d;
    if (shipped.length >= 3 && untracked) break;
  }
  if (shipped.length < 3 || !untracked) throw new Error('the demo data has too few open conversations with and without tracking');
  return { shipped, untracked };
}

describe('macros over the core API', () => {
  it('lists the seeded shared macros, most used first, and searches by name and body', async () => {
    const { macros, canEditShared } = await conn.api.call('macro.list', {});
    expect(macros.length).toBeGreaterThanOrEqual(6);
    expect(macros.map((m) => m.usageCount)).toEqual([...macros.map((m) => m.usageCount)].sort((a, b) => b - a));
    expect(canEditShared).toBe(false);
    expect(macros.every((m) => m.scope === 'shared' && !m.editable)).toBe(true);
    const byBody = await conn.api.call('macro.list', { q: 'trackingUrl' });
    expect(byBody.macros.map((m) => m.name)).toEqual(['WISMO: tracking update']);
    expect((await conn.api.call('macro.list', { q: 'no such macro 100%' })).macros).toEqual([]);
  });

  it('previews the WISMO macro with the real tracking link, and flags what is missing', async () => {
    const { shipped, untracked } = await findConversations();
    const wismo = (await conn.api.call('macro.list', { q: 'WISMO' })).macros[0]!;
    const d = shipped[0]!;
    const order = orderInQuestion(d.orders, d.messages)!;
    const preview = await conn.api.call('macro.preview', { macro: { id: wismo.id }, conversationId: d.conversation.id });
    expect(preview.text).toContain(order.shipments.at(-1)!.trackingUrl);
    expect(preview.text).toContain(order.number);
    expect(preview.text).toContain(d.customer.name.split(' ')[0]);
    expect(preview.missing).toEqual([]);
    expect(preview.actions).toEqual(['Set category to Shipping status (WISMO)', 'Set status to pending']);

    const draft = await conn.api.call('macro.preview', { macro: { body: 'Track: {{order.trackingUrl}}', actions: [] }, conversationId: untracked.conversation.id });
    expect(draft.missing).toEqual(['order.trackingUrl']);
    expect(draft.parts).toContainEqual({ kind: 'missing', text: '[order tracking url]', variable: 'order.trackingUrl' });
    expect(draft.text).toBe('Track: [order tracking url]');
  });

  it('saves a personal macro, refuses duplicates, unknown variables, oversized bodies and shared edits', async () => {
    const { macro } = await conn.api.call('macro.save', { name: 'My tracking', body: 'Hi {{customer.firstName}}, {{order.trackingUrl}}', actions: [{ type: 'addTag', tag: 'wismo' }], scope: 'personal' });
    expect(macro).toMatchObject({ name: 'My tracking', scope: 'personal', usageCount: 0 });
    const listed = (await conn.api.call('macro.list', { scope: 'personal' })).macros;
    expect(listed).toEqual([{ ...macro, editable: true }]);

    const dup = await failure(conn.api.call('macro.save', { name: 'my TRACKING', body: '', actions: [], scope: 'personal' }));
    expect(dup.kind).toBe('rejected');
    expect(dup.message).toMatch(/already exists/);
    const unknown = await failure(conn.api.call('macro.save', { name: 'Oops', body: 'Hi {{customer.nickname}}', actions: [], scope: 'personal' }));
    expect(unknown.message).toMatch(/unknown variable: \{\{customer\.nickname\}\}/);
    const long = await failure(conn.api.call('macro.save', { name: 'Long', body: 'x'.repeat(20_001), actions: [], scope: 'personal' }));
    expect(long.kind).toBe('invalid');
    const shared = (await conn.api.call('macro.list', { scope: 'shared' })).macros[0]!;
    const forbidden = await failure(conn.api.call('macro.save', { id: shared.id, name: shared.name, body: 'changed', actions: [], scope: 'shared' }));
    expect(forbidden.kind).toBe('rejected');
    expect(forbidden.message).toMatch(/only supervisors and admins/);
    expect((await failure(conn.api.call('macro.delete', { id: shared.id }))).message).toMatch(/only supervisors and admins/);

    // Saving is a mutation like any other: it reaches the hub.
    const onHub = await waitFor(() => withEmbeddedHub(conn.dataDir, (store) => hubRow(store, 'macro', macro.id)), 10_000, 'the macro on the hub');
    expect(onHub).toMatchObject({ name: 'My tracking', scope: 'personal' });
    await conn.api.call('macro.save', { id: macro.id, name: 'My tracking link', body: macro.body, actions: macro.actions, scope: 'personal' });
    await conn.api.call('macro.delete', { id: macro.id });
    expect((await conn.api.call('macro.list', { scope: 'personal' })).macros).toEqual([]);
  });

  it('fills one conversation: returns the text, runs the actions, counts the use, sends nothing', async () => {
    const { shipped } = await findConversations();
    const wismo = (await conn.api.call('macro.list', { q: 'WISMO' })).macros[0]!;
    const id = shipped[0]!.conversation.id;
    const out = await conn.api.call('macro.apply', { macroId: wismo.id, conversationIds: [id], mode: 'fill' });
    expect(out.results[0]).toMatchObject({ conversationId: id, status: 'applied', missing: [] });
    const after = await conn.api.call('conversation.get', { id });
    expect(after.conversation).toMatchObject({ status: 'pending', category: 'shipping_status' });
    expect(after.messages.length).toBe(shipped[0]!.messages.length);
    expect((await conn.api.call('macro.list', { q: 'WISMO' })).macros[0]!.usageCount).toBe(wismo.usageCount + 1);
    const many = await failure(conn.api.call('macro.apply', { macroId: wismo.id, conversationIds: [1, 2], mode: 'fill' }));
    expect(many.kind).toBe('invalid');
  });

  it('sends to many conversations, each on its own: a closed one or a missing value does not stop the rest', async () => {
    const { shipped, untracked } = await findConversations();
    const closed = (await findConversations({ kind: 'status', status: 'closed' })).shipped[0]!;
    const wismo = (await conn.api.call('macro.list', { q: 'WISMO' })).macros[0]!;
    const targets = [shipped[1]!, shipped[2]!];
    const ids = [...targets.map((d) => d.conversation.id), closed.conversation.id, untracked.conversation.id];
    const out = await conn.api.call('macro.apply', { macroId: wismo.id, conversationIds: ids, mode: 'send' });
    expect(out).toMatchObject({ applied: 2, failed: 1, skipped: 1 });
    expect(out.results.find((r) => r.conversationId === closed.conversation.id)).toMatchObject({ status: 'failed' });
    expect(out.results.find((r) => r.conversationId === untracked.conversation.id)).toMatchObject({ status: 'skipped', missing: expect.arrayContaining(['order.trackingUrl']) });
    for (const d of targets) {
      const after = await conn.api.call('conversation.get', { id: d.conversation.id });
      const reply = after.messages.at(-1)!;
      expect(reply).toMatchObject({ direction: 'outbound', deliveryStatus: 'queued' });
      expect(reply.text).toContain(orderInQuestion(d.orders, d.messages)!.shipments.at(-1)!.trackingUrl);
      expect(after.conversation.status).toBe('pending');
    }
    const closedAfter = await conn.api.call('conversation.get', { id: closed.conversation.id });
    expect(closedAfter.messages.length).toBe(closed.messages.length);
    expect((await conn.api.call('macro.list', { q: 'WISMO' })).macros[0]!.usageCount).toBe(wismo.usageCount + 2);
  });
});
