import { describe, expect, it } from 'vitest';
import { ApiError, type SearchFilters } from '../../src-shared/api';
import { useConsoleApi } from '../support/console-suite';

const conn = useConsoleApi('search-filters', 600);

async function search(q: string, filters?: SearchFilters) {
  return (await conn.api.call('search.query', { q, limit: 25, filters })).hits;
}

async function conversationsOf(hits: { conversationId: number | null }[]) {
  return Promise.all(hits.map((h) => conn.api.call('conversation.get', { id: h.conversationId! })));
}

describe('search filters', () => {
  it('keeps only conversations of the chosen channel, status and category', async () => {
    const all = await search('order');
    expect(all.length).toBeGreaterThan(5);
    const first = (await conversationsOf(all.filter((h) => h.kind !== 'customer').slice(0, 1)))[0]!.conversation;
    const filtered = await search('order', { channel: first.channel, status: first.status, category: first.category });
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.map((h) => h.conversationId)).toContain(first.id);
    for (const d of await conversationsOf(filtered)) {
      expect([d.conversation.channel, d.conversation.status, d.conversation.category]).toEqual([first.channel, first.status, first.category]);
    }
    // Customers have no channel or status: a filtered search lists conversations only.
    expect(filtered.every((h) => h.kind !== 'customer')).toBe(true);
  });

  it('filters by assignee: me, unassigned, or one agent', async () => {
    const { me } = await conn.api.call('app.info', {});
    const unassigned = await search('order', { assigneeId: 'unassigned' });
    expect(unassigned.length).toBeGreaterThan(0);
    for (const d of await conversationsOf(unassigned)) expect(d.conversation.assigneeId).toBeNull();
    const mine = await search('order', { assigneeId: 'me' });
    const byId = await search('order', { assigneeId: me.id });
    expect(mine.map((h) => h.conversationId)).toEqual(byId.map((h) => h.conversationId));
    for (const d of await conversationsOf(mine)) expect(d.conversation.assigneeId).toBe(me.id);
  });

  it('keeps only messages written inside the date window, newest first', async () => {
    const all = await search('order');
    const times = all.filter((h) => h.kind !== 'customer').map((h) => h.at);
    const to = times[Math.floor(times.length / 2)]!;
    const from = to - 120 * 24 * 3600 * 1000;
    const windowed = await search('order', { from, to });
    expect(windowed.length).toBeGreaterThan(0);
    for (const h of windowed) {
      expect(h.at).toBeGreaterThanOrEqual(from);
      expect(h.at).toBeLessThan(to);
    }
    const at = windowed.map((h) => h.at);
    expect(at).toEqual([...at].sort((a, b) => b - a));
  });

  it('finds nothing rather than something wrong when no conversation fits', async () => {
    expect(await search('order', { from: 0, to: 1 })).toEqual([]);
  });

  it('refuses a window that ends before it starts, naming the field', async () => {
    const err = await conn.api.call('search.query', { q: 'order', limit: 5, filters: { from: 10, to: 5 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).kind).toBe('invalid');
    expect((err as ApiError).message).toMatch(/from/);
  });
});
