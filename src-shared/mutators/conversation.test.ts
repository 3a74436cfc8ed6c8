import { describe, expect, it } from 'vitest';
import type { Conversation, Message, Note } from '../domain';
import { canTransition } from './status';
import { MutationRejected, type MutatorTx } from './tx';
import { runMutation } from './registry';

function conversation(over: Partial<Conversation> = {}): Conversation {
  return {
    id: 1, customerId: 1, channel: 'whatsapp', subject: 'Where is my order?', status: 'open', priority: 'normal',
    category: 'shipping_status', tags: [], assigneeId: null, snoozedUntil: null, slaFirstResponseDueAt: null,
    slaResolutionDueAt: null, firstResponseAt: null, resolvedAt: null, createdAt: 0, lastActivityAt: 0, messageCount: 1, preview: '', mergedIntoId: null,
    ...over,
  };
}

/** An in-memory MutatorTx: the mutators are pure, so a map is all they need. `others` are extra conversations (merge). */
function memoryTx(c: Conversation, now = 1_000, others: Conversation[] = []) {
  const state = {
    c: { ...c },
    others: new Map(others.map((o) => [o.id, { ...o }])),
    tags: new Set(c.tags),
    notes: [] as Note[],
    messages: [] as Omit<Message, 'id'>[],
    audit: [] as string[],
  };
  const find = (id: number) => (id === state.c.id ? state.c : state.others.get(id));
  const tx: MutatorTx = {
    now,
    actorId: 7,
    getConversation: (id) => {
      const found = find(id);
      return found && (found === state.c ? { ...found, tags: [...state.tags] } : { ...found });
    },
    updateConversation: (id, patch) => void Object.assign(find(id) ?? {}, patch),
    addTag: (_id, tag) => void state.tags.add(tag),
    removeTag: (_id, tag) => void state.tags.delete(tag),
    insertNote: (n) => void state.notes.push(n),
    hasNote: (id) => state.notes.some((n) => n.id === id),
    insertMessage: (m) => state.messages.push(m),
    audit: (action) => void state.audit.push(action),
    moveThread: (from, to) => {
      for (const m of state.messages) if (m.conversationId === from) m.conversationId = to;
      for (const n of state.notes) if (n.conversationId === from) n.conversationId = to;
    },
    threadSummary: (id) => {
      const mine = state.messages.filter((m) => m.conversationId === id).sort((a, b) => a.createdAt - b.createdAt);
      const times = [...mine, ...state.notes.filter((n) => n.conversationId === id)].map((x) => x.createdAt);
      return { messageCount: mine.length, lastAt: times.length ? Math.max(...times) : null, preview: mine.at(-1)?.text.slice(0, 140) ?? '' };
    },
  };
  return { tx, state };
}

const rejectedWith = (fn: () => void, code: string) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MutationRejected);
    expect((e as MutationRejected).code).toBe(code);
    return;
  }
  throw new Error('expected a rejection');
};

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

  it("refuses a reply longer than the channel allows, and bad arguments, touching nothing", () => {
    const { tx, state } = memoryTx(conversation());
    rejectedWith(() => runMutation(tx, 'reply', { conversationId: 1, text: 'x'.repeat(5_000) }), 'invalid');
    rejectedWith(() => runMutation(tx, 'reply', { conversationId: 1, text: '   ' }), 'invalid');
    rejectedWith(() => runMutation(tx, 'reply', { conversationId: -1, text: 'hi' }), 'invalid');
    rejectedWith(() => runMutation(tx, 'reply', { conversationId: 2, text: 'hi' }), 'not_found');
    expect(state.messages).toHaveLength(0);
  });
});

describe('merge', () => {
  const noteId = '0b9e6679-7425-40de-944b-e07fc1f90ae7';
  const setup = (over: Partial<Conversation> = {}) => {
    const { tx, state } = memoryTx(conversation({ id: 1, lastActivityAt: 100 }), 1_000, [conversation({ id: 2, lastActivityAt: 50, ...over })]);
    state.messages.push({ conversationId: 2, direction: 'inbound', channel: 'email', authorAgentId: null, text: 'Second ask', html: null, attachments: [], externalId: null, deliveryStatus: 'received', createdAt: 900 });
    state.messages.push({ conversationId: 1, direction: 'inbound', channel: 'email', authorAgentId: null, text: 'First ask', html: null, attachments: [], externalId: null, deliveryStatus: 'received', createdAt: 80 });
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
