import { describe, expect, it } from 'vitest';
import type { Message } from '../domain';
import { conversation, memoryTx, rejectedWith } from './memory-tx.testing';
import { runMutation } from './registry';

const failedEmail = (over: Partial<Message> = {}): Message => ({
  id: 1, conversationId: 1, direction: 'outbound', channel: 'email', authorAgentId: 7, text: 'Your refund is on its way.', html: null, attachments: [],
  externalId: '<outpost.1.abc@shop.example>', deliveryStatus: 'failed', createdAt: 500, deliveryError: '550 5.1.1 mailbox unavailable', ...over,
});

describe('retrySend', () => {
  it('queues a failed email again and clears its reason', () => {
    const { tx, state } = memoryTx(conversation({ channel: 'email' }));
    state.messages.push(failedEmail());
    runMutation(tx, 'retrySend', { messageId: 1 });
    expect(state.messages[0]).toMatchObject({ deliveryStatus: 'queued', deliveryError: null, externalId: '<outpost.1.abc@shop.example>' });
    expect(state.audit).toEqual(['message.retrySend']);
  });

  it('refuses what is not a failed outbound email, and leaves it as it was', () => {
    const cases: [Partial<Message>, string][] = [
      [{ deliveryStatus: 'sent', deliveryError: null }, 'invalid_transition'],
      [{ deliveryStatus: 'queued', deliveryError: null }, 'invalid_transition'],
      [{ direction: 'inbound', deliveryStatus: 'received' }, 'invalid'],
      [{ channel: 'whatsapp' }, 'invalid'],
    ];
    for (const [over, code] of cases) {
      const { tx, state } = memoryTx(conversation({ channel: 'email' }));
      state.messages.push(failedEmail(over));
      rejectedWith(() => runMutation(tx, 'retrySend', { messageId: 1 }), code);
      expect(state.messages[0]).toEqual(failedEmail(over));
    }
    rejectedWith(() => runMutation(memoryTx(conversation()).tx, 'retrySend', { messageId: 99 }), 'not_found');
  });

  it('refuses in a closed conversation, like a reply', () => {
    const { tx, state } = memoryTx(conversation({ channel: 'email', status: 'closed' }));
    state.messages.push(failedEmail());
    rejectedWith(() => runMutation(tx, 'retrySend', { messageId: 1 }), 'invalid_transition');
    expect(state.messages[0]?.deliveryStatus).toBe('failed');
  });
});
