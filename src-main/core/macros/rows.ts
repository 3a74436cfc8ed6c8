import type { Macro, MacroAction } from '../../../src-shared/domain';
import type * as t from '../db/schema';

export function toMacro(r: typeof t.macro.$inferSelect): Macro {
  return {
    id: r.id,
    name: r.name,
    body: r.body,
    actions: JSON.parse(r.actionsJson) as MacroAction[],
    scope: r.scope as Macro['scope'],
    ownerId: r.ownerId,
    usageCount: r.usageCount,
  };
}
