import { expect } from 'vitest';
import type { AgentRole, Conversation, Macro, Message, Note } from '../domain';
import { MutationRejected, type MutatorTx } from './tx';

/* Test support for the mutator suites (imported by *.test.ts only). */

export function conversation(over: Partial<Conversation> = {}): Conversation {
  return {
    id: 1, customerId: 1, channel: 'whatsapp', subject: 'Where is my order?', status: 'open', priority: 'normal',
    category: 'shipping_status', tags: [], assigneeId: null, snoozedUntil: null, slaFirstResponseDueAt: null,
    slaResolutionDueAt: null, firstResponseAt: null, resolvedAt: null, createdAt: 0, lastActivityAt: 0, messageCount: 1, preview: '', mergedIntoId: null,
    ...over,
  };
}

/** An in-memory MutatorTx: the mutators are pure, so a map is all they need. `others` are extra conversations (merge). */
export function memoryTx(c: Conversation, now = 1_000, others: Conversation[] = []) {
  const state = {
    c: { ...c },
    others: new Map(others.map((o) => [o.id, { ...o }])),
    tags: new Set(c.tags),
    notes: [] as Note[],
    messages: [] as Message[],
    audit: [] as string[],
    notified: [] as { agentId: number; kind: string }[],
    created: [] as Omit<Conversation, 'id' | 'tags'>[],
    /** Content hashes of the attachment bodies "stored". */
    blobs: new Set([STORED_HASH]),
  };
  const find = (id: number) => (id === state.c.id ? state.c : state.others.get(id));
  const team = { roles: new Map<number, AgentRole>([[7, 'agent'], [8, 'supervisor']]), names: new Map([[7, 'Ines'], [8, 'Maya']]), macros: [] as Macro[] };
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
    hasAttachment: (hash) => state.blobs.has(hash),
    insertMessage: (m) => state.messages.push({ ...m, id: state.messages.length + 1 }),
    listMessages: (id) => state.messages.filter((m) => m.conversationId === id),
    getMessage: (id) => state.messages.find((m) => m.id === id),
    updateMessageDelivery: (id, patch) => void Object.assign(state.messages.find((m) => m.id === id) ?? {}, patch),
    moveMessages: (ids, to) => state.messages.forEach((m) => ids.includes(m.id) && (m.conversationId = to)),
    insertConversation: (nc) => state.created.push(nc) + 1,
    notify: (n) => void state.notified.push({ agentId: n.agentId, kind: n.kind }),
    audit: (action) => void state.audit.push(action),
    getAgentRole: (id) => team.roles.get(id),
    getAgentName: (id) => team.names.get(id),
    getMacro: (id) => team.macros.find((m) => m.id === id),
    findMacroByName: (name, scope, ownerId) => team.macros.find((m) => m.name.toLowerCase() === name.toLowerCase() && m.scope === scope && m.ownerId === ownerId),
    insertMacro: (m) => team.macros.push({ ...m, id: team.macros.length + 1, usageCount: 0 }),
    updateMacro: (id, patch) => void Object.assign(team.macros.find((m) => m.id === id) ?? {}, patch),
    deleteMacro: (id) => void team.macros.splice(team.macros.findIndex((m) => m.id === id), 1),
    incrementMacroUsage: (id) => void team.macros.filter((m) => m.id === id).forEach((m) => (m.usageCount += 1)),
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
  return { tx, state, team };
}

export const STORED_HASH = 'a'.repeat(64);

export const rejectedWith = (fn: () => void, code: string) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MutationRejected);
    expect((e as MutationRejected).code).toBe(code);
    return;
  }
  throw new Error('expected a rejection');
};
