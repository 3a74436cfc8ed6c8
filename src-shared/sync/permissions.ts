import type { AgentRole, Id } from '../domain';
import { MutationArgs, type MutationName } from '../mutators/registry';
import type { EntityKind } from './rows';

/**
 * Who may do what in a team workspace. The hub enforces it on every push (before the mutator
 * runs) and every pull (per entity); a desktop may use it to grey out what the hub would refuse.
 *
 * Roles, from least to most trusted:
 * - onboarding: a new agent learning the queue. Answers, notes, tags, categories, priorities and
 *   solving like everyone, and may take a conversation (assign to themselves) or hand it back
 *   (unassign). They may NOT: merge or split conversations (both rewrite threads and are hard to
 *   undo), mark or unmark spam, close a conversation (closed is final: no reopening), or assign a
 *   conversation to someone else (redistributing the queue, the usual bulk action, is for agents
 *   and up).
 * - agent: every conversation mutation.
 * - supervisor, admin: everything an agent can, plus shared macros. Which macro a save or delete
 *   touches decides it (a personal macro is its owner's alone), so that rule lives with the macro
 *   mutators (`canEditMacro` in mutators/macros.ts), which the hub runs too.
 * Managing users is not a mutation: only the hub's own command line does it (`npm run hub -- user`),
 * and whoever can run that on the hub's machine is its admin.
 */

export interface Actor {
  id: Id;
  role: AgentRole;
}

/** Mutations an onboarding agent may not run at all. */
const NOT_FOR_ONBOARDING: ReadonlySet<MutationName> = new Set<MutationName>(['merge', 'split', 'markSpam', 'unmarkSpam']);

export type Permission = { ok: true } | { ok: false; message: string };
const ALLOWED: Permission = { ok: true };

/**
 * Whether `actor` may run mutation `name` with `args`. Arguments that do not parse are allowed
 * here: the mutator itself refuses them as `invalid`, with the schema's own message.
 */
export function mayRunMutation(actor: Actor, name: MutationName, args: unknown): Permission {
  if (actor.role !== 'onboarding') return ALLOWED;
  if (NOT_FOR_ONBOARDING.has(name)) return { ok: false, message: `onboarding agents cannot ${DESCRIBE[name] ?? name}; ask a teammate or a supervisor` };
  if (name === 'setStatus') {
    const parsed = MutationArgs.setStatus.safeParse(args);
    if (parsed.success && parsed.data.to === 'closed') return { ok: false, message: 'onboarding agents cannot close conversations (closing is final); solve it instead' };
  }
  if (name === 'assign') {
    const parsed = MutationArgs.assign.safeParse(args);
    if (parsed.success && parsed.data.to !== null && parsed.data.to !== actor.id) {
      return { ok: false, message: 'onboarding agents can take a conversation or hand it back, not assign it to someone else' };
    }
  }
  return ALLOWED;
}

const DESCRIBE: Partial<Record<MutationName, string>> = {
  merge: 'merge conversations',
  split: 'split conversations',
  markSpam: 'mark conversations as spam',
  unmarkSpam: 'restore conversations marked as spam',
};

/**
 * Whether `viewer` may receive an entity. `audience` is the entity's own (src-shared/sync/rows.ts):
 * null for the whole workspace, else the one agent it concerns. Notifications go to their agent
 * only; a QA review goes to the reviewed agent and to supervisors and admins (who run QA).
 */
export function mayPull(viewer: Actor, entity: { kind: EntityKind; audience: number | null }): boolean {
  if (entity.audience === null || entity.audience === viewer.id) return true;
  if (entity.kind === 'qa_review') return viewer.role === 'supervisor' || viewer.role === 'admin';
  return false;
}
