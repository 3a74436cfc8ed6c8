import { CATEGORY_LABELS, type MacroAction } from '../domain';

/** A macro action in words, as the picker and the confirmation list them. */
export function describeMacroAction(a: MacroAction, agentName: (id: number) => string = (id) => `agent #${id}`): string {
  switch (a.type) {
    case 'setStatus':
      return `Set status to ${a.status}`;
    case 'setCategory':
      return `Set category to ${CATEGORY_LABELS[a.category]}`;
    case 'setPriority':
      return `Set priority to ${a.priority}`;
    case 'addTag':
      return `Add tag “${a.tag}”`;
    case 'removeTag':
      return `Remove tag “${a.tag}”`;
    case 'assign':
      return a.agentId === null ? 'Unassign' : `Assign to ${agentName(a.agentId)}`;
  }
}
