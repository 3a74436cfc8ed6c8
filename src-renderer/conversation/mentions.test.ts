import { describe, expect, it } from 'vitest';
import type { Agent } from '../../src-shared/domain';
import { matchingAgents, mentionQueryAt, mentionedAgentIds } from './mentions';

const agent = (id: number, name: string): Agent => ({ id, name, email: `${id}@x.test`, role: 'agent', createdAt: 0 });
const agents = [agent(1, 'Priya Raman'), agent(2, 'Marcus Oyelaran'), agent(3, 'Tomás Herrera')];

describe('mentions', () => {
  it('finds the @query before the caret only at a word start', () => {
    expect(mentionQueryAt('ask @Pri', 8)).toEqual({ start: 4, query: 'Pri' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('mail a@b', 8)).toBeNull();
    expect(mentionQueryAt('ask @Priya now', 14)).toBeNull();
  });

  it('matches first or last names and collects the mentioned ids still in the text', () => {
    expect(matchingAgents(agents, 'her').map((a) => a.id)).toEqual([3]);
    expect(mentionedAgentIds('@Tomás and @Priya, not @Nobody or me@Marcus', agents)).toEqual([1, 3]);
  });
});
