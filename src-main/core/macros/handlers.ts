import type { Handlers } from '../api/dispatcher';
import type { CoreContext } from '../context';
import { applyMacro } from './apply';
import { createMacroQueries } from './queries';

type MacroHandlers = Pick<Handlers, 'macro.list' | 'macro.preview' | 'macro.save' | 'macro.delete' | 'macro.apply'>;

export function macroHandlers(ctx: CoreContext): MacroHandlers {
  const macros = createMacroQueries(ctx);
  const changed = (conversationIds: number[] = []) =>
    ctx.broadcast('db-changed', { tables: ['macro', 'mutation_outbox', ...(conversationIds.length ? ['conversation', 'message', 'conversation_tag'] : [])], conversationIds });
  return {
    'macro.list': ({ q, scope }) => macros.list(q, scope),
    'macro.preview': ({ macro, conversationId }) => {
      const { body, actions } = 'id' in macro ? macros.get(macro.id) : macro;
      return { ...macros.render(body, conversationId), actions: macros.describeActions(actions) };
    },
    'macro.save': (args) => {
      ctx.mutations.apply(ctx.me(), 'saveMacro', args);
      changed();
      return { macro: args.id !== undefined ? macros.get(args.id) : macros.findSaved(args.name, args.scope) };
    },
    'macro.delete': (args) => {
      ctx.mutations.apply(ctx.me(), 'deleteMacro', args);
      changed();
      return { ok: true };
    },
    'macro.apply': ({ macroId, conversationIds, mode }) => {
      const { result, touched } = applyMacro(ctx, macros, macroId, conversationIds, mode);
      changed(touched);
      return result;
    },
  };
}
