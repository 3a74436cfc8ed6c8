import { describe, expect, it } from 'vitest';
import { messageAuthor } from './messageAuthor';

const agentName = (id: number | null) => (id === 3 ? 'Priya Raman' : null);

describe('messageAuthor', () => {
  it('tells the customer, an agent and the shop writing from another mail program apart', () => {
    expect(messageAuthor({ direction: 'inbound', channel: 'email', authorAgentId: null }, 'Alice', agentName, 'Northwind')).toEqual({ kind: 'customer', name: 'Alice' });
    expect(messageAuthor({ direction: 'outbound', channel: 'email', authorAgentId: 3 }, 'Alice', agentName, 'Northwind')).toEqual({ kind: 'agent', name: 'Priya Raman' });
    expect(messageAuthor({ direction: 'outbound', channel: 'email', authorAgentId: null }, 'Alice', agentName, 'Northwind')).toEqual({ kind: 'shop-elsewhere', name: 'Northwind' });
    expect(messageAuthor({ direction: 'outbound', channel: 'chat', authorAgentId: null }, 'Alice', agentName, null)).toEqual({ kind: 'agent', name: 'Agent' });
  });
});
