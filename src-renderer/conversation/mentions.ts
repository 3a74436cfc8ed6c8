import type { Agent } from '../../src-shared/domain';

/** The handle an agent is mentioned by: the first name, as the team calls each other. */
export function mentionHandle(agent: Pick<Agent, 'name'>): string {
  return agent.name.split(/\s+/)[0] ?? agent.name;
}

/** The `@query` being typed right before the caret, or null when the caret is not in a mention. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const m = /(^|\s)@([\p{L}\p{N}._-]*)$/u.exec(text.slice(0, caret));
  if (!m) return null;
  return { start: caret - m[2]!.length - 1, query: m[2]! };
}

export function matchingAgents(agents: Agent[], query: string, limit = 6): Agent[] {
  const q = query.toLocaleLowerCase();
  return agents.filter((a) => a.name.toLocaleLowerCase().split(/\s+/).some((part) => part.startsWith(q))).slice(0, limit);
}

/** The agents whose @handle is still in the text: deleting a mention un-notifies. */
export function mentionedAgentIds(text: string, agents: Agent[]): number[] {
  const handles = new Set([...text.matchAll(/(?:^|\s)@([\p{L}\p{N}._-]+)/gu)].map((m) => m[1]!.toLocaleLowerCase()));
  return agents.filter((a) => handles.has(mentionHandle(a).toLocaleLowerCase())).map((a) => a.id);
}
