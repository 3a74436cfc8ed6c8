import { and, desc, eq, isNull, or, sql, asc } from 'drizzle-orm';
import type { MacroListItem } from '../../../src-shared/api';
import { ApiError } from '../../../src-shared/api';
import type { AgentRole, Macro, MacroAction } from '../../../src-shared/domain';
import { describeMacroAction, macroValues, renderMacro, type RenderedMacro } from '../../../src-shared/macros';
import { canEditMacro } from '../../../src-shared/mutators';
import type { CoreContext } from '../context';
import * as t from '../db/schema';
import { toMacro } from '../../../src-shared/sync/row-mappers';

/** `%` and `_` typed in the search box are meant literally. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function createMacroQueries(ctx: CoreContext) {
  const { db } = ctx;

  function meWithRole() {
    const me = db.select().from(t.agent).where(eq(t.agent.id, ctx.me())).get();
    if (!me) throw new ApiError('internal', `the local agent ${ctx.me()} is missing`);
    return { ...me, role: me.role as AgentRole };
  }

  function get(id: number): Macro {
    const row = db.select().from(t.macro).where(eq(t.macro.id, id)).get();
    if (!row) throw new ApiError('not_found', `macro ${id} does not exist`);
    return toMacro(row);
  }

  /** My personal macros and the shared ones, most used first. */
  function list(q: string | undefined, scope: Macro['scope'] | undefined): { macros: MacroListItem[]; canEditShared: boolean } {
    const me = meWithRole();
    const visible = or(eq(t.macro.scope, 'shared'), and(eq(t.macro.scope, 'personal'), eq(t.macro.ownerId, me.id)));
    const conditions = [visible, scope ? eq(t.macro.scope, scope) : undefined];
    if (q) conditions.push(sql`(${t.macro.name} LIKE ${likePattern(q)} ESCAPE '\\' OR ${t.macro.body} LIKE ${likePattern(q)} ESCAPE '\\')`);
    const rows = db.select().from(t.macro).where(and(...conditions)).orderBy(desc(t.macro.usageCount), asc(t.macro.name)).all();
    return {
      macros: rows.map(toMacro).map((m) => ({ ...m, editable: canEditMacro(me.role, me.id, m) })),
      canEditShared: canEditMacro(me.role, me.id, { scope: 'shared', ownerId: null }),
    };
  }

  /** The newest macro of that name in its scope: how a just-created macro is found again. */
  function findSaved(name: string, scope: Macro['scope']): Macro {
    const owner = scope === 'shared' ? isNull(t.macro.ownerId) : eq(t.macro.ownerId, ctx.me());
    const row = db
      .select()
      .from(t.macro)
      .where(and(sql`lower(${t.macro.name}) = lower(${name.trim()})`, eq(t.macro.scope, scope), owner))
      .orderBy(desc(t.macro.id))
      .get();
    if (!row) throw new ApiError('internal', `saved macro "${name}" was not found`);
    return toMacro(row);
  }

  /** Renders a body against one conversation, its customer, their orders and me. */
  function render(body: string, conversationId: number): RenderedMacro {
    const detail = ctx.conversations.getDetail(conversationId);
    const workspace = db.select({ timezone: t.workspace.timezone }).from(t.workspace).get();
    return renderMacro(
      body,
      macroValues({ ...detail, agent: meWithRole(), timezone: workspace?.timezone }),
    );
  }

  function describeActions(actions: MacroAction[]): string[] {
    const names = new Map(db.select({ id: t.agent.id, name: t.agent.name }).from(t.agent).all().map((a) => [a.id, a.name]));
    return actions.map((a) => describeMacroAction(a, (id) => names.get(id) ?? `agent #${id}`));
  }

  return { get, list, findSaved, render, describeActions };
}
