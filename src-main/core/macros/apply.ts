import type { MacroApplyOutcome, ApiResultOf } from '../../../src-shared/api';
import { ApiError } from '../../../src-shared/api';
import { macroActionMutation, type MutationName } from '../../../src-shared/mutators';
import type { CoreContext } from '../context';
import type { createMacroQueries } from './queries';

type Mode = 'fill' | 'send';

/**
 * Applies a macro to each conversation in its own savepoint, inside one transaction for the
 * batch: a conversation that refuses (closed, a missing variable in a reply) is reported and
 * the rest go ahead. Every step is a mutator run, so each reaches the outbox.
 */
export function applyMacro(
  ctx: CoreContext,
  macros: ReturnType<typeof createMacroQueries>,
  macroId: number,
  conversationIds: number[],
  mode: Mode,
): { result: ApiResultOf<'macro.apply'>; touched: number[] } {
  const macro = macros.get(macroId);
  const me = ctx.me();
  const touched = new Set<number>();
  const results = ctx.db.transaction(() =>
    [...new Set(conversationIds)].map((conversationId): MacroApplyOutcome => {
      try {
        const { text, missing } = macros.render(macro.body, conversationId);
        if (mode === 'send' && missing.length > 0) {
          return { conversationId, status: 'skipped', missing, error: `no value for ${missing.map((m) => `{{${m}}}`).join(', ')}` };
        }
        const steps: { name: MutationName; args: unknown }[] = [
          ...(mode === 'send' && text.trim() ? [{ name: 'reply' as const, args: { conversationId, text } }] : []),
          ...macro.actions.map((a) => macroActionMutation(a, conversationId)),
          { name: 'recordMacroUse', args: { id: macroId, conversationId } },
        ];
        ctx.db.transaction(() => {
          for (const s of steps) ctx.mutations.apply(me, s.name, s.args).conversationIds.forEach((id) => touched.add(id));
        });
        return { conversationId, status: 'applied', text, missing };
      } catch (e) {
        if (e instanceof ApiError) return { conversationId, status: 'failed', error: e.message };
        throw e;
      }
    }),
  );
  const count = (s: MacroApplyOutcome['status']) => results.filter((r) => r.status === s).length;
  return { result: { results, applied: count('applied'), skipped: count('skipped'), failed: count('failed') }, touched: [...touched] };
}
