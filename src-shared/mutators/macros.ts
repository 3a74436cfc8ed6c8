import { z } from 'zod';
import { Id, MacroAction, type AgentRole, type Macro } from '../domain';
import { unknownVariables } from '../macros';
import { Tag } from './conversation';
import { MutationRejected, type MutatorTx } from './tx';

export const MACRO_BODY_LIMIT = 20_000;

/** Tags in actions follow the same rule as tags set by hand. */
const SavedMacroAction = MacroAction.superRefine((a, ctx) => {
  if ((a.type === 'addTag' || a.type === 'removeTag') && !Tag.safeParse(a.tag).success) {
    ctx.addIssue({ code: 'custom', message: `"${a.tag}" is not a valid tag` });
  }
});

export const MacroDraft = z.object({
  name: z.string().trim().min(1, 'a macro needs a name').max(120),
  body: z.string().max(MACRO_BODY_LIMIT, `a macro body is limited to ${MACRO_BODY_LIMIT} characters`),
  actions: z.array(SavedMacroAction).max(20),
  scope: z.enum(['personal', 'shared']),
});
export type MacroDraft = z.infer<typeof MacroDraft>;

export const macroMutationArgs = {
  /** Creates a macro, or updates the one with `id`. */
  saveMacro: MacroDraft.extend({ id: Id.optional() }),
  deleteMacro: z.object({ id: Id }),
  /** Counted once per conversation a macro was applied to. */
  recordMacroUse: z.object({ id: Id, conversationId: Id }),
} as const;

type Args = typeof macroMutationArgs;

const MANAGES_SHARED: readonly AgentRole[] = ['supervisor', 'admin'];

/** Personal macros belong to their owner alone; shared ones are the team's, kept by supervisors and admins. */
export function canEditMacro(role: AgentRole | undefined, actorId: Id, macro: Pick<Macro, 'scope' | 'ownerId'>): boolean {
  return macro.scope === 'shared' ? role !== undefined && MANAGES_SHARED.includes(role) : macro.ownerId === actorId;
}

function loadMacro(tx: MutatorTx, id: Id): Macro {
  const m = tx.getMacro(id);
  if (!m) throw new MutationRejected('not_found', `macro ${id} does not exist`);
  return m;
}

function assertEditable(tx: MutatorTx, macro: Pick<Macro, 'scope' | 'ownerId'>) {
  if (!canEditMacro(tx.getAgentRole(tx.actorId), tx.actorId, macro)) {
    throw new MutationRejected(
      'forbidden',
      macro.scope === 'shared' ? 'only supervisors and admins can change shared macros' : 'only its owner can change a personal macro',
    );
  }
}

function validateDraft(tx: MutatorTx, d: MacroDraft, ownerId: Id | null, selfId?: Id) {
  const unknown = unknownVariables(d.body);
  if (unknown.length > 0) throw new MutationRejected('invalid', `unknown variable${unknown.length > 1 ? 's' : ''}: ${unknown.map((u) => `{{${u}}}`).join(', ')}`);
  const twin = tx.findMacroByName(d.name, d.scope, ownerId);
  if (twin && twin.id !== selfId) throw new MutationRejected('invalid', `a ${d.scope} macro named "${twin.name}" already exists`);
  for (const a of d.actions) {
    if (a.type === 'assign' && a.agentId !== null && tx.getAgentRole(a.agentId) === undefined) {
      throw new MutationRejected('invalid', `agent ${a.agentId} does not exist`);
    }
  }
}

export const macroMutators: { [N in keyof Args]: (tx: MutatorTx, args: z.output<Args[N]>) => void } = {
  saveMacro(tx, { id, ...draft }) {
    const ownerId = draft.scope === 'personal' ? tx.actorId : null;
    if (id !== undefined) assertEditable(tx, loadMacro(tx, id));
    assertEditable(tx, { scope: draft.scope, ownerId });
    validateDraft(tx, draft, ownerId, id);
    const fields = { ...draft, ownerId };
    if (id === undefined) {
      const newId = tx.insertMacro(fields);
      tx.audit('macro.create', 'macro', String(newId), { name: draft.name, scope: draft.scope });
    } else {
      tx.updateMacro(id, fields);
      tx.audit('macro.update', 'macro', String(id), { name: draft.name, scope: draft.scope });
    }
  },

  deleteMacro(tx, { id }) {
    const m = loadMacro(tx, id);
    assertEditable(tx, m);
    tx.deleteMacro(id);
    tx.audit('macro.delete', 'macro', String(id), { name: m.name });
  },

  recordMacroUse(tx, { id, conversationId }) {
    loadMacro(tx, id);
    tx.incrementMacroUsage(id);
    tx.audit('macro.use', 'macro', String(id), { conversationId });
  },
};

/** The conversation mutation a macro action stands for, so applying a macro runs the same rules as doing it by hand. */
export function macroActionMutation(a: z.output<typeof MacroAction>, conversationId: Id): { name: 'setStatus' | 'setCategory' | 'setPriority' | 'addTag' | 'removeTag' | 'assign'; args: Record<string, unknown> } {
  switch (a.type) {
    case 'setStatus':
      return { name: 'setStatus', args: { conversationId, to: a.status } };
    case 'setCategory':
      return { name: 'setCategory', args: { conversationId, category: a.category } };
    case 'setPriority':
      return { name: 'setPriority', args: { conversationId, priority: a.priority } };
    case 'addTag':
      return { name: 'addTag', args: { conversationId, tag: a.tag } };
    case 'removeTag':
      return { name: 'removeTag', args: { conversationId, tag: a.tag } };
    case 'assign':
      return { name: 'assign', args: { conversationId, to: a.agentId } };
  }
}
