import { describe, expect, it } from 'vitest';
import { PRESENCE_TTL_MS, type PresenceEntry } from '../../src-shared/sync/protocol';
import { othersIn, type HeardPresence } from './others';

const NOW = 1_000_000;
const ME = 1;
function heard(clientId: string, patch: Partial<PresenceEntry>, heardAt = NOW): [string, HeardPresence] {
  return [clientId, { heardAt, entry: { agentId: 2, agentName: 'Ana Lima', clientId, conversationId: 9, state: 'viewing', at: 0, ...patch } }];
}

describe('othersIn', () => {
  it('lists each other agent in the conversation once, typing first', () => {
    const byClient = Object.fromEntries([
      heard('a-laptop', {}),
      heard('a-desktop', { state: 'typing' }),
      heard('sam', { agentId: 3, agentName: 'Sam Ortiz' }),
      heard('bo', { agentId: 4, agentName: 'Bo Chen', conversationId: 10 }),
    ]);
    expect(othersIn(byClient, 9, ME, NOW)).toEqual([
      { agentId: 2, agentName: 'Ana Lima', typing: true },
      { agentId: 3, agentName: 'Sam Ortiz', typing: false },
    ]);
  });

  it('leaves out idle desktops, stale entries and the agent themself', () => {
    const byClient = Object.fromEntries([
      heard('idle', { state: 'idle' }),
      heard('gone', { agentId: 5, agentName: 'Gone' }, NOW - PRESENCE_TTL_MS - 1),
      heard('me-elsewhere', { agentId: ME, agentName: 'Me' }),
    ]);
    expect(othersIn(byClient, 9, ME, NOW)).toEqual([]);
  });
});
