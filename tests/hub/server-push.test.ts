import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Desktop } from './server-client';
import { request, VERSIONS, type ErrorAnswer } from './server-client';
import { MAX_PUSH_BYTES } from '../../src-shared/sync/protocol';
import { mutationEntityId } from '../../src-shared/sync/ids';
import type { ConversationRow, MessageRow } from '../../src-shared/sync/rows';
import { HUB_STORES, useTestHub, type TestHub } from './server-fixtures';

async function row<R>(t: TestHub, kind: 'conversation' | 'message' | 'note', id: number | string): Promise<R | undefined> {
  const found = await t.store.getEntities([{ kind, id: String(id) }]);
  return found.get(`${kind}/${id}`)?.data as R | undefined;
}
const messagesOf = async (t: TestHub, conversationId: number) => (await t.store.listChildren('message', String(conversationId))).map((e) => e.data as MessageRow);
const lastMutationId = async (t: TestHub, d: Desktop) => (await t.store.clients.get(d.clientId))!.lastMutationId;

describe.each(HUB_STORES)('hub push ($name)', (kind) => {
  const t = useTestHub(kind);

  it('runs a reply through the shared mutator: the message gets the id both sides derive, the audit names who did it', async () => {
    const d = await t().signedIn('agent');
    const [m] = d.mutations({ name: 'reply', args: { conversationId: 11, text: 'It ships tomorrow.', thenStatus: 'pending' } });
    const answer = await d.push([m!]);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ lastMutationId: m!.id, results: [{ id: m!.id, ok: true }] });
    expect(answer.body.version).toBe(await t().store.version());

    const id = mutationEntityId(d.session!.clientNo, m!.id, 0);
    expect(await row<MessageRow>(t(), 'message', id)).toEqual({
      id, conversationId: 11, direction: 'outbound', channel: 'email', authorAgentId: t().ids.agent, text: 'It ships tomorrow.', html: null,
      attachmentsJson: '[]', deliveryStatus: 'queued', createdAt: m!.createdAt, threadReason: null,
      deliveryError: null, autoKind: null, mailboxFlagsJson: null, mailboxRemovedAt: null,
      // Its Message-ID is made when the hub accepts it (here no mailbox can send yet: a placeholder domain, remade later).
      externalId: expect.stringMatching(/^<outpost\.\d+\.[0-9a-f]+@outpost\.invalid>$/),
    });
    expect(await row<ConversationRow>(t(), 'conversation', 11)).toMatchObject({ status: 'pending', messageCount: 3, preview: 'It ships tomorrow.', firstResponseAt: m!.createdAt });
    const audit = await t().store.audit.list({ limit: 5 });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['mutation.reply', 'conversation.setStatus']));
    expect(audit.find((a) => a.action === 'mutation.reply')).toMatchObject({ actorId: t().ids.agent, clientId: d.clientId, mutationId: m!.id, data: { args: m!.args } });
  });

  it('commits a burst of pushes from many desktops together, each answered with its own outcome; a wrong desktop fails alone', async () => {
    const desktops = await Promise.all(Array.from({ length: 6 }, () => t().signedIn('agent')));
    const stranger = await t().signedIn('agent');
    const before = (await messagesOf(t(), 13)).length;
    const burst = desktops.map((d, i) => d.push(d.mutations({ name: 'reply', args: { conversationId: 13, text: `burst ${i}` } })));
    // A session pushing for another desktop's client id: refused, and the burst around it still lands.
    const forged = request<ErrorAnswer['body']>(t().url, 'POST', '/sync/push', { ...VERSIONS, clientId: desktops[0]!.clientId, mutations: stranger.mutations({ name: 'addTag', args: { conversationId: 13, tag: 'forged' } }) }, stranger.token);
    const answers = await Promise.all(burst);
    expect(answers.map((a) => [a.status, a.body.results])).toEqual(answers.map(() => [200, [{ id: 1, ok: true }]]));
    expect((await forged).status).toBe(403);
    const texts = (await messagesOf(t(), 13)).map((m) => m.text);
    expect(texts.length).toBe(before + 6);
    expect(texts.filter((x) => x.startsWith('burst ')).sort()).toEqual(desktops.map((_, i) => `burst ${i}`));
    expect((await t().store.listChildren('conversation_tag', '13')).map((e) => e.id)).not.toContain('13:forged');
    for (const a of answers) expect(a.body.version).toBeLessThanOrEqual(await t().store.version());
  });

  it('applies each mutation exactly once across duplicated, reordered and overlapping pushes', async () => {
    const d = await t().signedIn('agent');
    const [a, b, c, e] = d.mutations(
      { name: 'reply', args: { conversationId: 12, text: 'one' } },
      { name: 'reply', args: { conversationId: 12, text: 'two' } },
      { name: 'addTag', args: { conversationId: 12, tag: 'Follow-up' } },
      { name: 'reply', args: { conversationId: 12, text: 'three' } },
    );
    const before = (await messagesOf(t(), 12)).length;
    const first = await d.push([c!, a!, b!, a!]);
    expect(first.body.results.map((r) => r.id)).toEqual([a!.id, b!.id, c!.id]);
    const again = await d.push([a!, b!, c!]);
    expect(again.body).toMatchObject({ lastMutationId: c!.id, results: [] });
    const overlap = await d.push([b!, e!, c!]);
    expect(overlap.body.results).toEqual([{ id: e!.id, ok: true }]);
    const texts = (await messagesOf(t(), 12)).map((m) => m.text);
    expect(texts.length).toBe(before + 3);
    expect(texts.filter((x) => ['one', 'two', 'three'].includes(x)).sort()).toEqual(['one', 'three', 'two']);
    expect((await t().store.listChildren('conversation_tag', '12')).map((e) => e.id)).toEqual(['12:follow-up']);
    expect(await row<ConversationRow>(t(), 'conversation', 12)).toMatchObject({ messageCount: 4, preview: 'three' });
  });

  it('lets later mutations of a push build on earlier ones: a split, then a reply in the new conversation', async () => {
    const d = await t().signedIn('agent');
    const [split, reply] = d.mutations(
      { name: 'split', args: { conversationId: 11, messageIds: [102], reason: 'second order', sourceNoteId: randomUUID(), targetNoteId: randomUUID() } },
      { name: 'reply', args: { conversationId: 0, text: 'About your second order' } },
    );
    const newId = mutationEntityId(d.session!.clientNo, split!.id, 0);
    reply!.args = { conversationId: newId, text: 'About your second order' };
    const answer = await d.push([split!, reply!]);
    expect(answer.body.results).toEqual([{ id: split!.id, ok: true }, { id: reply!.id, ok: true }]);
    expect(await row<ConversationRow>(t(), 'conversation', newId)).toMatchObject({ customerId: 1, status: 'open', messageCount: 2, preview: 'About your second order' });
    expect((await messagesOf(t(), newId)).map((m) => m.id).sort((x, y) => x - y)).toEqual([102, mutationEntityId(d.session!.clientNo, reply!.id, 0)]);
    expect((await messagesOf(t(), 11)).map((m) => m.id)).not.toContain(102);
    expect(await t().store.listChildren('note', String(newId))).toHaveLength(1);
  });

  it('records a refusal, goes on with the queue, and lists it in pulls until acknowledged', async () => {
    const d = await t().signedIn('colleague');
    const [bad, good] = d.mutations(
      { name: 'setStatus', args: { conversationId: 13, to: 'pending', expectedFrom: 'open' } },
      { name: 'setPriority', args: { conversationId: 13, priority: 'high' } },
    );
    const answer = await d.push([bad!, good!]);
    expect(answer.body.results).toEqual([
      { id: bad!.id, ok: false, code: 'conflict', message: 'status is solved, not open' },
      { id: good!.id, ok: true },
    ]);
    expect(answer.body.lastMutationId).toBe(good!.id);
    expect(await row<ConversationRow>(t(), 'conversation', 13)).toMatchObject({ status: 'solved', priority: 'high' });
    const pulled = await d.pull('', 0);
    expect(pulled.body.lastMutationId).toBe(good!.id);
    expect(pulled.body.rejected).toEqual([{ id: bad!.id, ok: false, code: 'conflict', message: 'status is solved, not open' }]);
    expect((await d.pull('', bad!.id)).body.rejected).toEqual([]);
  });

  it('checks the role before running a mutation: onboarding agents cannot merge, agents can', async () => {
    const olly = await t().signedIn('onboarding');
    const merge = { name: 'merge' as const, args: { sourceId: 12, targetId: 11, reason: 'same order', noteId: randomUUID() } };
    const [refused, take] = olly.mutations(merge, { name: 'assign', args: { conversationId: 12, to: t().ids.onboarding } });
    const answer = await olly.push([refused!, take!]);
    expect(answer.body.results).toEqual([
      { id: refused!.id, ok: false, code: 'forbidden', message: 'onboarding agents cannot merge conversations; ask a teammate or a supervisor' },
      { id: take!.id, ok: true },
    ]);
    expect(await row<ConversationRow>(t(), 'conversation', 12)).toMatchObject({ mergedIntoId: null, assigneeId: t().ids.onboarding });

    const ines = await t().signedIn('agent');
    expect((await ines.push(ines.mutations(merge))).body.results[0]).toMatchObject({ ok: true });
    expect(await row<ConversationRow>(t(), 'conversation', 12)).toMatchObject({ mergedIntoId: 11, status: 'closed' });
  });

  it('refuses a reply whose attachment was never uploaded, and takes it once the body is there', async () => {
    const d = await t().signedIn('agent');
    const body = Buffer.from('%PDF-1.4 invoice');
    const contentHash = createHash('sha256').update(body).digest('hex');
    const args = { conversationId: 11, text: 'Invoice attached', attachments: [{ filename: 'invoice.pdf', mimeType: 'application/pdf', size: body.length, contentHash }] };
    const first = await d.push(d.mutations({ name: 'reply', args }));
    expect(first.body.results[0]).toEqual({ id: first.body.lastMutationId, ok: false, code: 'not_found', message: 'attachment "invoice.pdf" was not uploaded (unknown content hash)' });
    expect((await request(t().url, 'PUT', `/blobs/${contentHash}`, body, d.token, { 'Content-Type': 'application/pdf' })).status).toBe(201);
    expect((await d.push(d.mutations({ name: 'reply', args }))).body.results[0]).toMatchObject({ ok: true });
  });

  it('refuses an oversized, malformed, outdated or foreign push whole: nothing applied, nothing acknowledged', async () => {
    const d = await t().signedIn('agent');
    await d.push(d.mutations({ name: 'setPriority', args: { conversationId: 11, priority: 'low' } }));
    const version = await t().store.version();
    const acked = await lastMutationId(t(), d);
    const send = (body: unknown) => request(t().url, 'POST', '/sync/push', body, d.token) as Promise<ErrorAnswer>;
    const valid = d.mutations({ name: 'setPriority', args: { conversationId: 11, priority: 'urgent' } });

    const huge = await send({ ...VERSIONS, clientId: d.clientId, mutations: [...valid, ...d.mutations({ name: 'addNote', args: { id: randomUUID(), conversationId: 11, body: 'x'.repeat(MAX_PUSH_BYTES) } })] });
    expect(huge.status).toBe(413);
    expect(huge.body.error.kind).toBe('too_large');
    expect((await send('{"protocolVersion": 1, "mutations": [')).status).toBe(400);
    const unknown = await send({ ...VERSIONS, clientId: d.clientId, mutations: [...valid, { id: 999, name: 'dropTable', args: {}, createdAt: 1 }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/^Invalid request: mutations\.1\.name: /);
    expect((await send({ ...VERSIONS, clientId: d.clientId, mutations: [{ ...valid[0]!, id: 2 ** 40 }] })).status).toBe(400);
    expect((await send({ ...VERSIONS, clientId: randomUUID(), mutations: valid })).status).toBe(403);
    const outdated = await send({ ...VERSIONS, protocolVersion: 0, clientId: d.clientId, mutations: valid });
    expect(outdated).toEqual({ status: 426, body: { error: { kind: 'outdated_client', message: `This desktop speaks sync protocol 0; this hub speaks ${VERSIONS.protocolVersion}. Update Outpost on this desktop.` } } });

    expect(await t().store.version()).toBe(version);
    expect(await lastMutationId(t(), d)).toBe(acked);
    expect(await row<ConversationRow>(t(), 'conversation', 11)).toMatchObject({ priority: 'low' });
  });

  it('rolls the whole push back with 503 when the store fails mid-way, and takes the same push once it is healthy', async () => {
    const d = await t().signedIn('colleague');
    const push = d.mutations(
      { name: 'setCategory', args: { conversationId: 11, category: 'billing' } },
      // Refused (11 is not solved): recording the refusal is where the store breaks.
      { name: 'setStatus', args: { conversationId: 11, to: 'open', expectedFrom: 'solved' } },
    );
    const version = await t().store.version();
    const before = await row<ConversationRow>(t(), 'conversation', 11);
    await t().exec('ALTER TABLE client_rejection RENAME TO client_rejection_away');
    try {
      const failed = await d.push(push);
      expect(failed).toEqual({ status: 503, body: { error: { kind: 'unavailable', message: 'The hub could not do this right now; nothing was applied. Try again shortly.' } } });
    } finally {
      await t().exec('ALTER TABLE client_rejection_away RENAME TO client_rejection');
    }
    expect(await t().store.version()).toBe(version);
    expect(await row<ConversationRow>(t(), 'conversation', 11)).toEqual(before);
    expect(await lastMutationId(t(), d)).toBe(0);
    expect((await d.push(push)).body.results.map((r) => r.ok)).toEqual([true, false]);
    expect(await row<ConversationRow>(t(), 'conversation', 11)).toMatchObject({ category: 'billing' });
  });

  it('refuses a change that would create more rows than its ids allow (a note mentioning 17 agents)', async () => {
    const d = await t().signedIn('agent');
    const mentions = Array.from({ length: 17 }, (_, i) => 5_000 + i);
    const answer = await d.push(d.mutations({ name: 'addNote', args: { id: randomUUID(), conversationId: 11, body: 'everyone!', mentions } }));
    expect(answer.body.results[0]).toMatchObject({ ok: false, code: 'invalid', message: 'one change may create at most 16 records' });
  });
});
