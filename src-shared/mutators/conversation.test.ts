import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from '../domain';
import { conversation, memoryTx, rejectedWith, STORED_HASH } from './memory-tx.testing';
import { canTransition } from './status';
import { runMutation } from './registry';

describe('status state machine', () => {
  it('allows reopening a solved conversation but nothing out of closed', () => {
    expect(canTransition('solved', 'open')).toBe(true);
    expect(canTransition('closed', 'open')).toBe(false);
    expect(canTransition('closed', 'closed')).toBe(true);
  });

  it('solving stamps resolvedAt once and reopening clears it', () => {
    const { tx, state } = memoryTx(conversation());
    runMutation(tx, 'setStatus', { conversationId: 1, to: 'solved' });
    expect(state.c.status).toBe('solved');
    expect(state.c.resolvedAt).toBe(1_000);
    runMutation(tx, 'setStatus', { conversationId: 1, to: 'open', expectedFrom: 'solved' });
    expect(state.c.resolvedAt).toBeNull();
    expect(state.audit).toEqual(['conversation.setStatus', 'conversation.setStatus']);
  });

  it('refuses a status change when the status moved meanwhile (compare-and-set)', () => {
    const { tx, state } = memoryTx(conversation({ status: 'pending' }));
    rejectedWith(() => runMutation(tx, 'setStatus', { conversationId: 1, to: 'solved', expectedFrom: 'open' }), 'conflict');
    expect(state.c.status).toBe('pending');
  });

  it('refuses to reopen a closed conversation and to snooze without a future time', () => {
    rejectedWith(() => runMutation(memoryTx(conversation({ status: 'closed' })).tx, 'setStatus', { conversationId: 1, to: 'open' }), 'invalid_transition');
    rejectedWith(() => runMutation(memoryTx(conversation()).tx, 'setStatus', { conversationId: 1, to: 'snoozed', snoozedUntil: 500 }), 'invalid');
  });
});

describe('assignment, tags and notes', () => {
  it('assigns with compare-and-set and refuses a stale expectation', () => {
    const { tx, state } = memoryTx(conversation());
    runMutation(tx, 'assign', { conversationId: 1, to: 3, expectedAssignee: null });
    expect(state.c.assigneeId).toBe(3);
    rejectedWith(() => runMutation(tx, 'assign', { conversationId: 1, to: 4, expectedAssignee: null }), 'conflict');
    expect(state.c.assigneeId).toBe(3);
  });

  it('adds and removes single tags, normalized to lower case', () => {
    const { tx, state } = memoryTx(conversation({ tags: ['vip'] }));
    runMutation(tx, 'addTag', { conversationId: 1, tag: 'Carrier-Delay' });
    runMutation(tx, 'removeTag', { conversationId: 1, tag: 'vip' });
    expect([...state.tags]).toEqual(['carrier-delay']);
  });

  it('adds a note once even when the same mutation is applied twice', () => {
    const { tx, state } = memoryTx(conversation());
    const args = { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', conversationId: 1, body: 'Carrier confirmed the delay @Sam', mentions: [2] };
    runMutation(tx, 'addNote', args);
    runMutation(tx, 'addNote', args);
    expect(state.notes).toHaveLength(1);
    expect(state.notes[0]).toMatchObject({ authorId: 7, kind: 'note', mentions: [2] });
  });
});

describe('reply', () => {
  it('queues an outbound message and stamps the first response once', () => {
    const { tx, state } = memoryTx(conversation());
    runMutation(tx, 'reply', { conversationId: 1, text: 'Your parcel is on its way: https://track.example/1Z999' });
    expect(state.messages[0]).toMatchObject({ direction: 'outbound', channel: 'whatsapp', deliveryStatus: 'queued', authorAgentId: 7 });
    expect(state.c.firstResponseAt).toBe(1_000);
    expect(state.c.messageCount).toBe(2);
  });

  describe('queued while offline (afterMessageId)', () => {
    const message = (over: Partial<Message>): Message => ({
      id: 0, conversationId: 1, direction: 'inbound', channel: 'whatsapp', authorAgentId: null, text: 'hi', html: null,
      attachments: [], externalId: null, deliveryStatus: 'delivered', createdAt: 0, ...over,
    });
    const thread = (...ms: Partial<Message>[]) => {
      const m = memoryTx(conversation());
      m.state.messages.push(...ms.map((x, i) => message({ id: i + 1, createdAt: i, ...x })));
      return m;
    };

    it("is refused when a colleague answered after the message the agent saw, and names them", () => {
      const { tx, state } = thread({}, { direction: 'outbound', authorAgentId: 8 });
      expect(() => runMutation(tx, 'reply', { conversationId: 1, text: 'On its way', afterMessageId: 1 })).toThrow(
        'Maya replied while you were offline — your reply is back in the draft',
      );
      rejectedWith(() => runMutation(tx, 'reply', { conversationId: 1, text: 'On its way', afterMessageId: 1 }), 'conflict');
      expect(state.messages).toHaveLength(2);
    });

    it('goes ahead when only the customer or the agent themself wrote since, or the colleague answered before', () => {
      const customer = thread({}, { direction: 'inbound' });
      runMutation(customer.tx, 'reply', { conversationId: 1, text: 'Sure', afterMessageId: 1 });
      expect(customer.state.messages).toHaveLength(3);
      const own = thread({}, { direction: 'outbound', authorAgentId: 7 });
      runMutation(own.tx, 'reply', { conversationId: 1, text: 'Also', afterMessageId: 1 });
      expect(own.state.messages).toHaveLength(3);
      const before = thread({ direction: 'outbound', authorAgentId: 8 }, {});
      runMutation(before.tx, 'reply', { conversationId: 1, text: 'Following up', afterMessageId: 2 });
      expect(before.state.messages).toHaveLength(3);
    });

    it('names "A colleague" when the store cannot tell the name, and skips the check for a message no longer in the thread', () => {
      const { tx } = thread({}, { direction: 'outbound', authorAgentId: 9 });
      expect(() => runMutation(tx, 'reply', { conversationId: 1, text: 'x', afterMessageId: 1 })).toThrow(/^A colleague replied/);
      runMutation(tx, 'reply', { conversationId: 1, text: 'x', afterMessageId: 99 });
    });
  });

  it("refuses a reply longer than the channel allows, and bad arguments, touching nothing", () => {
    const { tx, state } = memoryTx(conversation());
    rejectedWith(() => runMutation(tx, 'reply', { conversationId: 1, text: 'x'.repeat(5_000) }), 'invalid');
    rejectedWith(() => runMutation(tx, 'reply', { conversationId: 1, text: '   ' }), 'invalid');
    rejectedWith(() => runMutation(tx, 'reply', { conversationId: -1, text: 'hi' }), 'invalid');
    rejectedWith(() => runMutation(tx, 'reply', { conversationId: 2, text: 'hi' }), 'not_found');
    expect(state.messages).toHaveLength(0);
  });

  it('keeps an HTML part for email only, within its size limit', () => {
    const email = memoryTx(conversation({ channel: 'email' }));
    runMutation(email.tx, 'reply', { conversationId: 1, text: 'Hi **Maya**', html: '<p>Hi <strong>Maya</strong></p>' });
    expect(email.state.messages[0]).toMatchObject({ text: 'Hi **Maya**', html: '<p>Hi <strong>Maya</strong></p>' });
    expect(email.state.c.preview).toBe('Hi Maya');
    rejectedWith(() => runMutation(email.tx, 'reply', { conversationId: 1, text: 'x', html: 'x'.repeat(200_001) }), 'invalid');
    const chat = memoryTx(conversation());
    rejectedWith(() => runMutation(chat.tx, 'reply', { conversationId: 1, text: 'hi', html: '<p>hi</p>' }), 'invalid');
    expect(chat.state.messages).toHaveLength(0);
  });

  const file = (over: Partial<{ filename: string; size: number; contentHash: string }> = {}) => ({
    filename: 'label.pdf', mimeType: 'application/pdf', size: 2_048, contentHash: STORED_HASH, ...over,
  });

  it('stores the uploaded attachments on the outbound message', () => {
    const { tx, state } = memoryTx(conversation());
    runMutation(tx, 'reply', { conversationId: 1, text: 'Return label attached', attachments: [file()] });
    expect(state.messages[0]?.attachments).toEqual([file()]);
  });

  it('refuses unknown hashes, files over the channel limit and more than 20 files, touching nothing', () => {
    const { tx, state } = memoryTx(conversation());
    rejectedWith(() => runMutation(tx, 'reply', { conversationId: 1, text: 'x', attachments: [file({ contentHash: 'b'.repeat(64) })] }), 'not_found');
    try {
      runMutation(tx, 'reply', { conversationId: 1, text: 'x', attachments: [file({ size: 17 * 1024 * 1024 })] });
      throw new Error('expected a rejection');
    } catch (e) {
      expect((e as Error).message).toBe('"label.pdf" is 17 MB; WhatsApp accepts files up to 16 MB');
    }
    rejectedWith(() => runMutation(tx, 'reply', { conversationId: 1, text: 'x', attachments: Array.from({ length: 21 }, () => file()) }), 'invalid');
    expect(state.messages).toHaveLength(0);
  });

  it('lets an email carry a file a messaging channel would refuse', () => {
    const { tx, state } = memoryTx(conversation({ channel: 'email' }));
    runMutation(tx, 'reply', { conversationId: 1, text: 'Invoice attached', attachments: [file({ size: 17 * 1024 * 1024 })] });
    expect(state.messages).toHaveLength(1);
  });
});

describe('macros', () => {
  const draft = { name: 'Tracking', body: 'Hi {{customer.firstName}}: {{order.trackingUrl}}', actions: [{ type: 'addTag', tag: 'wismo' }], scope: 'personal' };

  it('creates a personal macro owned by the actor, updates it and counts its uses', () => {
    const { tx, team } = memoryTx(conversation());
    runMutation(tx, 'saveMacro', draft);
    expect(team.macros[0]).toMatchObject({ id: 1, name: 'Tracking', scope: 'personal', ownerId: 7, usageCount: 0 });
    runMutation(tx, 'saveMacro', { ...draft, id: 1, name: 'Tracking link' });
    runMutation(tx, 'recordMacroUse', { id: 1, conversationId: 1 });
    expect(team.macros[0]).toMatchObject({ name: 'Tracking link', usageCount: 1 });
    runMutation(tx, 'deleteMacro', { id: 1 });
    expect(team.macros).toEqual([]);
  });

  it('refuses unknown variables, duplicate names, oversized bodies and invalid tags', () => {
    const { tx } = memoryTx(conversation());
    rejectedWith(() => runMutation(tx, 'saveMacro', { ...draft, body: 'Hi {{customer.nickname}}' }), 'invalid');
    runMutation(tx, 'saveMacro', draft);
    rejectedWith(() => runMutation(tx, 'saveMacro', { ...draft, name: 'TRACKING' }), 'invalid');
    rejectedWith(() => runMutation(tx, 'saveMacro', { ...draft, name: 'Long', body: 'x'.repeat(20_001) }), 'invalid');
    rejectedWith(() => runMutation(tx, 'saveMacro', { ...draft, name: 'Tagged', actions: [{ type: 'addTag', tag: 'a,b' }] }), 'invalid');
    rejectedWith(() => runMutation(tx, 'saveMacro', { ...draft, name: 'Assign', actions: [{ type: 'assign', agentId: 99 }] }), 'invalid');
  });

  it('lets only supervisors and admins change shared macros, and only owners change personal ones', () => {
    const { tx, team } = memoryTx(conversation());
    rejectedWith(() => runMutation(tx, 'saveMacro', { ...draft, scope: 'shared' }), 'forbidden');
    team.macros.push({ id: 5, name: 'Theirs', body: '', actions: [], scope: 'personal', ownerId: 8, usageCount: 3 });
    rejectedWith(() => runMutation(tx, 'deleteMacro', { id: 5 }), 'forbidden');
    team.roles.set(7, 'supervisor');
    runMutation(tx, 'saveMacro', { ...draft, scope: 'shared' });
    expect(team.macros.at(-1)).toMatchObject({ scope: 'shared', ownerId: null });
    rejectedWith(() => runMutation(tx, 'recordMacroUse', { id: 42, conversationId: 1 }), 'not_found');
  });
});

describe('send and set status, handover, snooze, spam and split', () => {
  const uuid = (n: number) => `7c9e6679-7425-40de-944b-e07fc1f90a${String(n).padStart(2, '0')}`;
  const inbound = (conversationId: number, createdAt: number, text: string): Omit<Message, 'id'> => ({
    conversationId, direction: 'inbound', channel: 'whatsapp', authorAgentId: null, text, html: null, attachments: [], externalId: null, deliveryStatus: 'received', createdAt,
  });

  it('replies and solves in one step, and refuses a status the machine forbids without sending', () => {
    const { tx, state } = memoryTx(conversation());
    runMutation(tx, 'reply', { conversationId: 1, text: 'Refund issued', thenStatus: 'solved' });
    expect(state.messages).toHaveLength(1);
    expect(state.c).toMatchObject({ status: 'solved', resolvedAt: 1_000 });
    rejectedWith(() => runMutation(tx, 'reply', { conversationId: 1, text: 'x', thenStatus: 'snoozed' }), 'invalid');
    expect(state.messages).toHaveLength(1);
  });

  it('writes the handover note with the reassignment and mentions the new assignee', () => {
    const { tx, state } = memoryTx(conversation({ assigneeId: 7 }));
    runMutation(tx, 'assign', { conversationId: 1, to: 3, expectedAssignee: 7, handoverNote: { id: uuid(1), body: 'Customer wants a refund' }, priority: 'urgent' });
    expect(state.c).toMatchObject({ assigneeId: 3, priority: 'urgent' });
    expect(state.notes).toEqual([expect.objectContaining({ kind: 'handover', body: 'Customer wants a refund', mentions: [3], authorId: 7 })]);
    rejectedWith(() => runMutation(tx, 'assign', { conversationId: 1, to: 4, expectedAssignee: 7, handoverNote: { id: uuid(2), body: 'x' } }), 'conflict');
    expect(state.notes).toHaveLength(1);
  });

  it('snoozes until the customer replies and wakes only when due', () => {
    const { tx, state } = memoryTx(conversation());
    runMutation(tx, 'setStatus', { conversationId: 1, to: 'snoozed', untilReply: true });
    expect(state.c).toMatchObject({ status: 'snoozed', snoozedUntil: null, snoozedUntilReply: true });
    runMutation(tx, 'wake', { conversationId: 1, reason: 'time' });
    expect(state.c.status).toBe('snoozed');
    runMutation(tx, 'wake', { conversationId: 1, reason: 'reply' });
    expect(state.c).toMatchObject({ status: 'open', snoozedUntilReply: false });
  });

  it('wakes a timed snooze once its time has passed', () => {
    const { tx, state } = memoryTx(conversation({ status: 'snoozed', snoozedUntil: 999 }));
    runMutation(tx, 'wake', { conversationId: 1 });
    expect(state.c).toMatchObject({ status: 'open', snoozedUntil: null });
    const later = memoryTx(conversation({ status: 'snoozed', snoozedUntil: 5_000 }));
    runMutation(later.tx, 'wake', { conversationId: 1 });
    expect(later.state.c.status).toBe('snoozed');
  });

  it('marks spam as closed and tagged, and the undo restores both', () => {
    const { tx, state } = memoryTx(conversation({ status: 'pending' }));
    runMutation(tx, 'markSpam', { conversationId: 1 });
    expect(state.c.status).toBe('closed');
    expect([...state.tags]).toEqual(['spam']);
    runMutation(tx, 'unmarkSpam', { conversationId: 1, restoreStatus: 'pending' });
    expect(state.c.status).toBe('pending');
    expect([...state.tags]).toEqual([]);
    rejectedWith(() => runMutation(tx, 'unmarkSpam', { conversationId: 1 }), 'invalid_transition');
  });

  it('splits messages into a new conversation with the reason noted on both sides and counters recomputed', () => {
    const { tx, state } = memoryTx(conversation({ messageCount: 3 }));
    [10, 20, 30].forEach((at, i) => tx.insertMessage(inbound(1, at, `message ${i + 1}`)));
    runMutation(tx, 'split', { conversationId: 1, messageIds: [2, 3], reason: 'A second order', sourceNoteId: uuid(1), targetNoteId: uuid(2) });
    expect(state.created[0]).toMatchObject({ customerId: 1, channel: 'whatsapp', status: 'open', messageCount: 2, preview: 'message 3', createdAt: 20 });
    expect(state.messages.map((m) => m.conversationId)).toEqual([1, 2, 2]);
    expect(state.c).toMatchObject({ messageCount: 1, preview: 'message 1' });
    expect(state.notes.map((n) => [n.conversationId, n.body])).toEqual([
      [1, 'Split 2 message(s) into #2. Reason: A second order'],
      [2, 'Split from #1. Reason: A second order'],
    ]);
  });

  it('refuses a split without a reason, of every message, or of messages from elsewhere', () => {
    const { tx, state } = memoryTx(conversation());
    [10, 20].forEach((at) => tx.insertMessage(inbound(1, at, 'hi')));
    tx.insertMessage(inbound(9, 30, 'elsewhere'));
    const ids = { sourceNoteId: uuid(1), targetNoteId: uuid(2) };
    rejectedWith(() => runMutation(tx, 'split', { conversationId: 1, messageIds: [2], reason: ' ', ...ids }), 'invalid');
    rejectedWith(() => runMutation(tx, 'split', { conversationId: 1, messageIds: [1, 2], reason: 'r', ...ids }), 'invalid');
    rejectedWith(() => runMutation(tx, 'split', { conversationId: 1, messageIds: [3], reason: 'r', ...ids }), 'invalid');
    expect(state.created).toHaveLength(0);
    expect(state.notes).toHaveLength(0);
  });
});

describe('notifications', () => {
  it('notifies mentioned teammates once, never the author, and the new assignee of a handover', () => {
    const { tx, state } = memoryTx(conversation({ assigneeId: 7 }));
    runMutation(tx, 'addNote', { id: '7c9e6679-7425-40de-944b-e07fc1f90a01', conversationId: 1, body: '@Priya @Priya @Me', mentions: [3, 3, 7] });
    runMutation(tx, 'assign', { conversationId: 1, to: 4, handoverNote: { id: '7c9e6679-7425-40de-944b-e07fc1f90a02', body: 'Next step: refund' } });
    runMutation(tx, 'assign', { conversationId: 1, to: 7 });
    expect(state.notified).toEqual([
      { agentId: 3, kind: 'mention' },
      { agentId: 4, kind: 'assignment' },
    ]);
  });
});

describe('merge', () => {
  const noteId = '0b9e6679-7425-40de-944b-e07fc1f90ae7';
  const setup = (over: Partial<Conversation> = {}) => {
    const { tx, state } = memoryTx(conversation({ id: 1, lastActivityAt: 100 }), 1_000, [conversation({ id: 2, lastActivityAt: 50, ...over })]);
    state.messages.push({ id: 101, conversationId: 2, direction: 'inbound', channel: 'email', authorAgentId: null, text: 'Second ask', html: null, attachments: [], externalId: null, deliveryStatus: 'received', createdAt: 900 });
    state.messages.push({ id: 102, conversationId: 1, direction: 'inbound', channel: 'email', authorAgentId: null, text: 'First ask', html: null, attachments: [], externalId: null, deliveryStatus: 'received', createdAt: 80 });
    return { tx, state };
  };

  it('moves the thread onto the target, keeps the reason in a note and closes the source', () => {
    const { tx, state } = setup();
    runMutation(tx, 'merge', { sourceId: 2, targetId: 1, reason: 'Same parcel', noteId });
    expect(state.messages.every((m) => m.conversationId === 1)).toBe(true);
    expect(state.c).toMatchObject({ messageCount: 2, preview: 'Second ask', lastActivityAt: 1_000 });
    expect(state.others.get(2)).toMatchObject({ status: 'closed', mergedIntoId: 1 });
    expect(state.notes).toEqual([expect.objectContaining({ conversationId: 1, authorId: 7, kind: 'note', body: 'Merged #2 into this conversation: Same parcel' })]);
    expect(state.audit).toEqual(['conversation.merge']);
    runMutation(tx, 'merge', { sourceId: 2, targetId: 1, reason: 'Same parcel', noteId });
    expect(state.notes).toHaveLength(1);
  });

  it('refuses another customer, itself, a closed target and an empty reason, touching nothing', () => {
    const other = setup({ customerId: 9 });
    rejectedWith(() => runMutation(other.tx, 'merge', { sourceId: 2, targetId: 1, reason: 'x', noteId }), 'invalid');
    expect(other.state.messages.map((m) => m.conversationId)).toEqual([2, 1]);
    expect(other.state.others.get(2)?.status).toBe('open');
    const { tx } = setup({ status: 'closed' });
    rejectedWith(() => runMutation(tx, 'merge', { sourceId: 1, targetId: 2, reason: 'x', noteId }), 'invalid_transition');
    rejectedWith(() => runMutation(tx, 'merge', { sourceId: 1, targetId: 1, reason: 'x', noteId }), 'invalid');
    rejectedWith(() => runMutation(tx, 'merge', { sourceId: 2, targetId: 1, reason: '  ', noteId }), 'invalid');
    rejectedWith(() => runMutation(tx, 'merge', { sourceId: 3, targetId: 1, reason: 'x', noteId }), 'not_found');
  });
});
