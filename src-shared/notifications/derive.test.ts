import { describe, expect, it } from 'vitest';
import { deriveNotifications } from './derive';

const note = (mentions: number[]) => ({ id: '4f0c6a53-3a41-4c36-9a0e-0d8f2b1b7e11', conversationId: 7, kind: 'note', body: 'see @x', mentions });

describe('deriveNotifications', () => {
  it('notifies each mentioned agent once, never the author', () => {
    const drafts = deriveNotifications('addNote', note([2, 3, 2, 1]), 1);
    expect(drafts.map((d) => d.agentId)).toEqual([2, 3]);
    expect(drafts[0]).toEqual({ agentId: 2, kind: 'mention', conversationId: 7, actorId: 1, noteId: note([]).id, messageId: null });
  });

  it('a note mentioning only its author notifies nobody', () => {
    expect(deriveNotifications('addNote', note([1]), 1)).toEqual([]);
  });

  it('notifies the new assignee, unless they assigned themselves or it was unassigned', () => {
    expect(deriveNotifications('assign', { conversationId: 7, to: 4 }, 1)).toEqual([
      { agentId: 4, kind: 'assignment', conversationId: 7, actorId: 1, noteId: null, messageId: null },
    ]);
    expect(deriveNotifications('assign', { conversationId: 7, to: 1 }, 1)).toEqual([]);
    expect(deriveNotifications('assign', { conversationId: 7, to: null }, 1)).toEqual([]);
  });

  it('other mutations notify nobody', () => {
    expect(deriveNotifications('setStatus', { conversationId: 7, to: 'solved' }, 1)).toEqual([]);
    expect(deriveNotifications('reply', { conversationId: 7, text: 'hi' }, 1)).toEqual([]);
  });
});
