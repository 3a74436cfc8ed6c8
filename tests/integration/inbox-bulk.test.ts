import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ApiError, type InboxView } from '../../src-shared/api';
import { PRIORITY_RANK, slaState } from '../../src-shared/domain';
import { useConsoleApi } from '../support/console-suite';
import { findMergePair } from '../support/merge-pair';

// Views, sorts, filters, batches and merges over the real core, as the console calls them.
const conn = useConsoleApi('bulk', 600);

const open: InboxView = { kind: 'open' };

describe('inbox views, sorts and filters', () => {
  it('sorts by SLA due time and by priority', async () => {
    const bySla = await conn.api.call('inbox.list', { view: open, sort: 'sla_due', limit: 100 });
    const due = bySla.rows.map((r) => r.slaFirstResponseDueAt ?? 0);
    expect(due).toEqual([...due].sort((a, b) => a - b));
    const byPriority = await conn.api.call('inbox.list', { view: open, sort: 'priority', limit: 500 });
    const ranks = byPriority.rows.map((r) => PRIORITY_RANK[r.priority]);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(byPriority.total).toBe(bySla.total);
  });

  it('narrows a view with filters, totals included', async () => {
    const all = await conn.api.call('inbox.list', { view: open, limit: 500 });
    const email = await conn.api.call('inbox.list', { view: open, filters: { channel: 'email', assigneeId: null }, limit: 500 });
    expect(email.total).toBe(all.rows.filter((r) => r.channel === 'email' && r.assigneeId === null).length);
    expect(email.rows.every((r) => r.channel === 'email' && r.assigneeId === null)).toBe(true);
    const urgent = await conn.api.call('inbox.list', { view: open, filters: { priority: 'urgent' }, limit: 500 });
    expect(urgent.rows.every((r) => r.priority === 'urgent')).toBe(true);
  });

  it('lists SLA breached and at-risk conversations, never answered-and-fine ones', async () => {
    const now = Date.now();
    const { counts } = await conn.api.call('inbox.counts', { views: [{ kind: 'sla_breached' }, { kind: 'sla_at_risk' }] });
    const breached = await conn.api.call('inbox.list', { view: { kind: 'sla_breached' }, limit: 500 });
    expect(breached.total).toBe(counts[0]);
    expect(breached.total).toBeGreaterThan(0);
    expect(breached.rows.every((r) => r.status === 'open' || r.status === 'pending')).toBe(true);
    const atRisk = await conn.api.call('inbox.list', { view: { kind: 'sla_at_risk' }, sort: 'sla_due', limit: 500 });
    expect(atRisk.total).toBe(counts[1]);
    for (const r of atRisk.rows) expect(r.slaFirstResponseDueAt! - now).toBeLessThanOrEqual(3_600_000);
  });

  it('tags filter a view and select-all returns every id of it', async () => {
    const { rows } = await conn.api.call('inbox.list', { view: { kind: 'category', category: 'shipping_status' }, limit: 5 });
    const ids = rows.map((r) => r.id);
    await conn.api.call('mutate.batch', { mutations: ids.map((conversationId) => ({ name: 'addTag' as const, args: { conversationId, tag: 'Bulk-Test' } })) });
    const tagged = await conn.api.call('inbox.ids', { view: open, filters: { tag: 'bulk-test' } });
    expect(tagged.items.map((i) => i.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(tagged.total).toBe(ids.length);
  });
});

describe('mutate.batch', () => {
  it('applies every item it can, reports the refused one, and records one outbox row per applied item', async () => {
    const { rows } = await conn.api.call('inbox.list', { view: { kind: 'status', status: 'closed' }, limit: 1 });
    const { rows: openRows } = await conn.api.call('inbox.list', { view: open, limit: 2 });
    const before = (await conn.api.call('outbox.list', { limit: 1 })).entries[0]?.id ?? 0;
    const { results } = await conn.api.call('mutate.batch', {
      mutations: [
        { name: 'setStatus', args: { conversationId: openRows[0]!.id, to: 'pending', expectedFrom: 'open' } },
        { name: 'setStatus', args: { conversationId: rows[0]!.id, to: 'pending' } },
        { name: 'setStatus', args: { conversationId: openRows[1]!.id, to: 'pending', expectedFrom: 'open' } },
      ],
    });
    expect(results[0]).toEqual({ ok: true });
    expect(results[1]).toMatchObject({ ok: false, kind: 'invalid_transition' });
    expect(results[2]).toEqual({ ok: true });
    const outbox = (await conn.api.call('outbox.list', { limit: 10 })).entries.filter((e) => e.id > before);
    expect(outbox).toHaveLength(2);
    // The inverse batch with compare-and-set: the one moved meanwhile is not clobbered.
    await conn.api.call('mutate', { name: 'setStatus', args: { conversationId: openRows[1]!.id, to: 'solved' } });
    const undo = await conn.api.call('mutate.batch', {
      mutations: openRows.map((r) => ({ name: 'setStatus' as const, args: { conversationId: r.id, to: 'open' as const, expectedFrom: 'pending' as const } })),
    });
    expect(undo.results.map((r) => r.ok)).toEqual([true, false]);
    expect((await conn.api.call('conversation.get', { id: openRows[1]!.id })).conversation.status).toBe('solved');
  });

  it('rejects an empty or oversized batch as bad input', async () => {
    const err = await conn.api.call('mutate.batch', { mutations: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
  });
});

describe('merge', () => {
  it('merges two conversations of one customer and keeps the reason', async () => {
    const { ids } = await findMergePair(conn.api);
    const [target, source] = ids;
    const before = await conn.api.call('conversation.get', { id: source });
    const targetBefore = await conn.api.call('conversation.get', { id: target });
    await conn.api.call('mutate', { name: 'merge', args: { sourceId: source, targetId: target, reason: 'Same order, asked twice', noteId: randomUUID() } });
    const merged = await conn.api.call('conversation.get', { id: target });
    expect(merged.messages).toHaveLength(before.messages.length + targetBefore.messages.length);
    expect(merged.conversation.messageCount).toBe(merged.messages.length);
    expect(merged.notes.some((n) => n.body === `Merged #${source} into this conversation: Same order, asked twice`)).toBe(true);
    const closed = await conn.api.call('conversation.get', { id: source });
    expect(closed.conversation).toMatchObject({ status: 'closed', mergedIntoId: target });
    expect(closed.messages).toHaveLength(0);
  });

  it('refuses to merge conversations of different customers', async () => {
    const { rows } = await conn.api.call('inbox.list', { view: open, limit: 100 });
    const a = rows[0]!;
    const b = rows.find((r) => r.customerName !== a.customerName)!;
    const err = await conn.api.call('mutate', { name: 'merge', args: { sourceId: b.id, targetId: a.id, reason: 'x', noteId: randomUUID() } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toMatch(/different customers/);
    expect((await conn.api.call('conversation.get', { id: b.id })).conversation.status).toBe('open');
  });
});

describe('the SLA rule is one rule', () => {
  it('every row of the SLA views is in that state by slaState(), and no other open row is breached', async () => {
    const now = Date.now();
    const breached = await conn.api.call('inbox.list', { view: { kind: 'sla_breached' }, offset: 0, limit: 500 });
    expect(breached.total).toBeGreaterThan(0);
    expect(breached.rows.every((r) => slaState(r, now) === 'breached')).toBe(true);
    const atRisk = await conn.api.call('inbox.list', { view: { kind: 'sla_at_risk' }, offset: 0, limit: 500 });
    expect(atRisk.rows.every((r) => slaState(r, now) === 'at_risk')).toBe(true);
    const breachedIds = new Set(breached.rows.map((r) => r.id));
    const open = await conn.api.call('inbox.list', { view: { kind: 'open' }, offset: 0, limit: 500 });
    expect(open.rows.filter((r) => slaState(r, now) === 'breached').every((r) => breachedIds.has(r.id))).toBe(true);
    // Answered conversations are not breached on their first response: the rule reads firstResponseAt.
    expect(open.rows.some((r) => r.firstResponseAt !== null && r.slaFirstResponseDueAt! < now && slaState(r, now) !== 'breached')).toBe(true);
  });
});
