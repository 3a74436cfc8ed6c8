import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src-shared/api';
import { useConsoleApi } from '../support/console-suite';

// The real core in its own process, spoken to over the WebSocket exactly as the browser console does.
const conn = useConsoleApi('api', 400);

describe('core API over the browser transport', () => {
  it('creates the demo workspace on first start and describes it', async () => {
    const info = await conn.api.call('app.info', {});
    expect(info.workspace.name).not.toBe('');
    expect(info.totals.conversations).toBe(400);
    expect(info.totals.messages).toBeGreaterThan(400);
    expect(info.agents.map((a) => a.id)).toContain(info.me.id);
    expect(info.schemaVersion).toBeGreaterThan(0);
  });

  it('lists a view newest first with its total, and pages without overlap', async () => {
    const first = await conn.api.call('inbox.list', { view: { kind: 'status', status: 'solved' }, offset: 0, limit: 20 });
    const second = await conn.api.call('inbox.list', { view: { kind: 'status', status: 'solved' }, offset: 20, limit: 20 });
    expect(first.total).toBeGreaterThan(40);
    expect(first.rows).toHaveLength(20);
    const times = [...first.rows, ...second.rows].map((r) => r.lastActivityAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const ids = new Set([...first.rows, ...second.rows].map((r) => r.id));
    expect(ids.size).toBe(40);
    expect(first.rows.every((r) => r.status === 'solved')).toBe(true);
  });

  it('counts views consistently with their lists', async () => {
    const views = [{ kind: 'open' as const }, { kind: 'unassigned' as const }, { kind: 'channel' as const, channel: 'email' as const }];
    const { counts } = await conn.api.call('inbox.counts', { views });
    for (const [i, view] of views.entries()) {
      const page = await conn.api.call('inbox.list', { view, offset: 0, limit: 500 });
      expect(page.total).toBe(counts[i]);
      expect(page.rows.length).toBe(Math.min(500, counts[i]!));
    }
  });

  it('opens a conversation with its thread, customer and orders', async () => {
    const { rows } = await conn.api.call('inbox.list', { view: { kind: 'status', status: 'solved' }, offset: 0, limit: 1 });
    const detail = await conn.api.call('conversation.get', { id: rows[0]!.id });
    expect(detail.conversation.id).toBe(rows[0]!.id);
    expect(detail.messages.length).toBe(detail.conversation.messageCount);
    expect(detail.messages.every((m) => m.conversationId === rows[0]!.id)).toBe(true);
    expect(detail.customer.id).toBe(detail.conversation.customerId);
    expect(detail.customer.identities.length).toBeGreaterThan(0);
    expect(detail.orders.every((o) => o.customerId === detail.customer.id)).toBe(true);
  });

  it('finds a conversation by a phrase from the middle of its thread', async () => {
    const { rows } = await conn.api.call('inbox.list', { view: { kind: 'status', status: 'closed' }, offset: 5, limit: 1 });
    const detail = await conn.api.call('conversation.get', { id: rows[0]!.id });
    const words = detail.messages[0]!.text.split(/\s+/).filter((w) => /^[\p{L}]{4,}$/u.test(w));
    const phrase = words.slice(Math.floor(words.length / 2), Math.floor(words.length / 2) + 3).join(' ');
    const { hits } = await conn.api.call('search.query', { q: phrase, limit: 100 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.snippet.includes('\u0002'))).toBe(true);
    // Common phrases match many conversations; the one we took the phrase from is among them
    // or every hit at least contains all the words.
    for (const h of hits.filter((x) => x.kind === 'message')) expect(h.snippet.toLowerCase()).toContain(words[Math.floor(words.length / 2)]!.toLowerCase());
  });

  it("gives each hit a snippet from that hit's own conversation", async () => {
    const { hits } = await conn.api.call('search.query', { q: 'tracking', limit: 15 });
    const messageHits = hits.filter((h) => h.kind === 'message');
    expect(messageHits.length).toBeGreaterThan(5);
    expect(new Set(messageHits.map((h) => h.snippet)).size).toBeGreaterThan(messageHits.length / 2);
    for (const hit of messageHits) {
      const detail = await conn.api.call('conversation.get', { id: hit.conversationId! });
      // The marked word and the words after it, as the snippet shows them, must be in this thread.
      const start = hit.snippet.indexOf('\u0002');
      const fragment = hit.snippet.slice(start).split('…')[0]!.replaceAll('\u0002', '').replaceAll('\u0003', '').slice(0, 40);
      expect(fragment.length).toBeGreaterThan(8);
      expect(detail.messages.some((m) => m.text.replace(/\s+/g, ' ').includes(fragment))).toBe(true);
    }
  });

  it('adds an internal note once, even when the same note is sent twice', async () => {
    const { rows } = await conn.api.call('inbox.list', { view: { kind: 'open' }, offset: 1, limit: 1 });
    const note = { id: crypto.randomUUID(), conversationId: rows[0]!.id, body: 'Carrier confirmed a 2-day delay for the whole region.', mentions: [] };
    await conn.api.call('mutate', { name: 'addNote', args: note });
    await conn.api.call('mutate', { name: 'addNote', args: note });
    const detail = await conn.api.call('conversation.get', { id: rows[0]!.id });
    expect(detail.notes.filter((n) => n.id === note.id)).toHaveLength(1);
    const { hits } = await conn.api.call('search.query', { q: 'carrier confirmed a 2-day delay', limit: 5 });
    expect(hits.some((h) => h.kind === 'note' && h.conversationId === rows[0]!.id)).toBe(true);
  });

  it('finds a customer by email address', async () => {
    const { rows } = await conn.api.call('inbox.list', { view: { kind: 'status', status: 'solved' }, offset: 3, limit: 1 });
    const detail = await conn.api.call('conversation.get', { id: rows[0]!.id });
    const email = detail.customer.identities.find((i) => i.kind === 'email');
    expect(email).toBeDefined();
    const { hits } = await conn.api.call('search.query', { q: email!.value, limit: 10 });
    expect(hits.some((h) => h.kind === 'customer' && h.customerId === detail.customer.id)).toBe(true);
  });

  it('applies a reply optimistically, records it in the outbox and pushes db-changed', async () => {
    const { rows } = await conn.api.call('inbox.list', { view: { kind: 'open' }, offset: 0, limit: 1 });
    const id = rows[0]!.id;
    const changed = new Promise<number[]>((resolve) => conn.api.on('db-changed', (p) => resolve(p.conversationIds)));
    const { outboxId } = await conn.api.call('mutate', { name: 'reply', args: { conversationId: id, text: 'Your parcel left our warehouse today.' } });
    expect(await changed).toContain(id);
    const detail = await conn.api.call('conversation.get', { id });
    expect(detail.messages.at(-1)).toMatchObject({ direction: 'outbound', text: 'Your parcel left our warehouse today.', deliveryStatus: 'queued' });
    const { entries } = await conn.api.call('outbox.list', { limit: 5 });
    // The embedded hub may already have taken it: recorded is what matters here, pending or sent.
    expect(entries[0]).toMatchObject({ id: outboxId, name: 'reply' });
    expect(['pending', 'sent']).toContain(entries[0]!.status);
  });

  it('stores the HTML part of an email reply, and refuses one on other channels', async () => {
    const [email, chat] = await Promise.all(
      (['email', 'chat'] as const).map(async (channel) => (await conn.api.call('inbox.list', { view: { kind: 'channel', channel }, offset: 0, limit: 50 })).rows.find((r) => r.status !== 'closed')!.id),
    );
    const html = '<p>Track it <a href="https://ups.example/t" rel="noopener noreferrer">here</a></p>';
    await conn.api.call('mutate', { name: 'reply', args: { conversationId: email!, text: 'Track it [here](https://ups.example/t)', html } });
    expect((await conn.api.call('conversation.get', { id: email! })).messages.at(-1)).toMatchObject({ text: 'Track it [here](https://ups.example/t)', html });
    const err = await conn.api.call('mutate', { name: 'reply', args: { conversationId: chat!, text: 'hi', html: '<p>hi</p>' } }).catch((e: unknown) => e);
    expect((err as ApiError).message).toMatch(/plain text/);
    expect((await conn.api.call('conversation.get', { id: chat! })).messages.at(-1)!.text).not.toBe('hi');
  });

  it('rejects a rule-breaking mutation with its reason and records nothing', async () => {
    const { rows } = await conn.api.call('inbox.list', { view: { kind: 'status', status: 'closed' }, offset: 0, limit: 1 });
    // Earlier changes may be acknowledged (and leave the outbox) meanwhile; nothing may be added.
    const before = new Set((await conn.api.call('outbox.list', { limit: 500 })).entries.map((e) => e.id));
    const err = await conn.api.call('mutate', { name: 'setStatus', args: { conversationId: rows[0]!.id, to: 'open' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).kind).toBe('rejected');
    expect((err as ApiError).message).toMatch(/closed conversation cannot become open/);
    expect((await conn.api.call('outbox.list', { limit: 500 })).entries.filter((e) => !before.has(e.id))).toEqual([]);
  });

  it('answers malformed payloads with a clear invalid error and keeps serving', async () => {
    const bad = await conn.api.call('inbox.list', { view: { kind: 'nope' }, offset: -1 } as never).catch((e: unknown) => e);
    expect((bad as ApiError).kind).toBe('invalid');
    expect((bad as ApiError).message).toMatch(/inbox\.list/);
    const unknown = await conn.api.call('drop.tables' as never, {} as never).catch((e: unknown) => e);
    expect((unknown as ApiError).message).toMatch(/unknown API call/);
    const raw = await new Promise<string>((resolve) => {
      conn.ws.once('message', (d) => resolve(d.toString()));
      conn.ws.send('{not json');
    });
    expect(JSON.parse(raw)).toMatchObject({ ok: false, error: { kind: 'invalid', message: 'request is not valid JSON' } });
    expect((await conn.api.call('app.info', {})).totals.conversations).toBeGreaterThan(0);
  });
});
