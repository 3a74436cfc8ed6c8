import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toEntity } from '../../src-shared/sync/rows';
import { HUB_STORES, useTestHub, type Member } from './server-fixtures';
import type { Change } from '../../src-shared/sync/protocol';

const ids = (changes: Change[], kind: Change['kind']) => changes.filter((c) => c.kind === kind && c.data !== null).map((c) => c.id);

describe.each(HUB_STORES)('hub pull ($name)', (kind) => {
  const t = useTestHub(kind);

  it('walks everything a fresh replica needs, a page at a time, agents included', async () => {
    const d = await t().signedIn('agent');
    const pages: number[] = [];
    let cursor = '';
    for (let more = true; more; ) {
      const page = await d.pull(cursor, 0, 4);
      expect(page.status).toBe(200);
      pages.push(page.body.changes.length);
      cursor = page.body.cursor;
      more = page.body.hasMore;
    }
    expect(pages.length).toBeGreaterThan(3);
    const all = await d.pullAll();
    expect(ids(all.changes, 'conversation').sort()).toEqual(['11', '12', '13']);
    expect(ids(all.changes, 'agent').map(Number).sort((a, b) => a - b)).toEqual(Object.values(t().ids).sort((a, b) => a - b));
    expect(all.changes.find((c) => c.kind === 'agent' && c.id === String(t().ids.agent))?.data).toMatchObject({ name: 'Ines Agent', email: 'ines@team.test', role: 'agent' });
    expect(all.version).toBe(await t().store.version());
  });

  it("sends a mention's notification to the mentioned agent only", async () => {
    const ines = await t().signedIn('agent');
    const answer = await ines.push(ines.mutations({ name: 'addNote', args: { id: randomUUID(), conversationId: 11, body: '@Kai can you check?', mentions: [t().ids.colleague] } }));
    expect(answer.body.results[0]).toMatchObject({ ok: true });
    const seenBy = async (who: Member) => ids((await (await t().signedIn(who)).pullAll()).changes, 'notification');
    expect(await seenBy('colleague')).toHaveLength(1);
    expect(await seenBy('agent')).toEqual([]);
    expect(await seenBy('supervisor')).toEqual([]);
    expect(await seenBy('admin')).toEqual([]);
  });

  it('sends a QA review to the reviewed agent, supervisors and admins, not to other agents', async () => {
    await t().store.write((tx) =>
      tx.put([toEntity('qa_review', { id: 900, conversationId: 11, reviewerId: t().ids.supervisor, agentId: t().ids.agent, scoresJson: '{"empathy":4}', comment: 'Warm tone', createdAt: 1 })]),
    );
    const seenBy = async (who: Member) => ids((await (await t().signedIn(who)).pullAll()).changes, 'qa_review');
    expect(await seenBy('agent')).toEqual(['900']);
    expect(await seenBy('supervisor')).toEqual(['900']);
    expect(await seenBy('admin')).toEqual(['900']);
    expect(await seenBy('colleague')).toEqual([]);
    expect(await seenBy('onboarding')).toEqual([]);
  });

  it('sends deletions, and answers 409 resync_required to a cursor older than the compacted log', async () => {
    const d = await t().signedIn('agent');
    await d.push(d.mutations({ name: 'addTag', args: { conversationId: 12, tag: 'temporary' } }));
    const caughtUp = (await d.pullAll()).cursor;
    await d.push(d.mutations({ name: 'removeTag', args: { conversationId: 12, tag: 'temporary' } }));
    const next = await d.pullAll(caughtUp);
    expect(next.changes).toContainEqual({ kind: 'conversation_tag', id: '12:temporary', data: null });

    await d.push(d.mutations({ name: 'setPriority', args: { conversationId: 12, priority: 'high' } }));
    expect(await t().store.compact((await t().store.version()) - 1)).toBe(1);
    const stale = await d.pull(caughtUp);
    expect(stale.status).toBe(409);
    expect(stale.body.error.kind).toBe('resync_required');
    expect(stale.body.error.message).toMatch(/must resync/);
    expect((await d.pull(next.cursor)).status).toBe(200);
    expect((await d.pull('')).status).toBe(200);
  });

  it('refuses a malformed cursor with 400', async () => {
    const d = await t().signedIn('agent');
    const bad = await d.pull('not a cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid request: malformed pull cursor/);
  });
});
