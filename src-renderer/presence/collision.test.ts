import { describe, expect, it } from 'vitest';
import type { Message } from '../../src-shared/domain';
import { newestMessageId, unseenRepliesByOthers } from './collision';

const ME = 1;
const ANA = 2;
function message(id: number, createdAt: number, patch: Partial<Message> = {}): Message {
  return { id, conversationId: 9, direction: 'outbound', channel: 'chat', authorAgentId: ANA, text: 'hi', html: null, attachments: [], externalId: null, deliveryStatus: 'sent', createdAt, ...patch };
}

describe('unseenRepliesByOthers', () => {
  it("flags another agent's reply that arrived after the thread was opened", () => {
    const before = [message(1, 100, { direction: 'inbound', authorAgentId: null })];
    const after = [...before, message(2 ** 33 + 16, 200)];
    expect(unseenRepliesByOthers(after, new Set(before.map((m) => m.id)), ME).map((m) => m.id)).toEqual([2 ** 33 + 16]);
  });

  it("ignores the customer, this agent's own replies, and what was already seen", () => {
    const seen = new Set([5]);
    const messages = [
      message(3, 300, { direction: 'inbound', authorAgentId: null }),
      message(4, 400, { authorAgentId: ME }),
      message(5, 500),
      message(6, 600, { authorAgentId: null }),
    ];
    expect(unseenRepliesByOthers(messages, seen, ME)).toEqual([]);
  });
});

describe('newestMessageId', () => {
  it('is the latest by time, not the largest id (each desktop makes its own ids)', () => {
    const hubMade = message(7, 2_000);
    const desktopMade = message(3 * 2 ** 33 + 32, 1_000);
    expect(newestMessageId([desktopMade, hubMade])).toBe(7);
    expect(newestMessageId([message(1, 5), message(2, 5)])).toBe(2);
    expect(newestMessageId([])).toBeUndefined();
  });
});
