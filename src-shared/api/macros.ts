import { z } from 'zod';
import type { Id, Macro } from '../domain';
import { Id as IdSchema, MacroAction } from '../domain';
import type { RenderedPart } from '../macros';
import { MACRO_BODY_LIMIT, macroMutationArgs } from '../mutators/macros';

/** Most macros a bulk apply may touch at once: a carrier delay's worth of WISMO tickets. */
export const MACRO_APPLY_LIMIT = 2_000;

export const MacroArgs = {
  'macro.list': z.object({ q: z.string().trim().max(200).optional(), scope: z.enum(['personal', 'shared']).optional() }),
  'macro.preview': z.object({
    macro: z.union([z.object({ id: IdSchema }), z.object({ body: z.string().max(MACRO_BODY_LIMIT), actions: z.array(MacroAction).max(20) })]),
    conversationId: IdSchema,
  }),
  'macro.save': macroMutationArgs.saveMacro,
  'macro.delete': macroMutationArgs.deleteMacro,
  'macro.apply': z
    .object({
      macroId: IdSchema,
      conversationIds: z.array(IdSchema).min(1).max(MACRO_APPLY_LIMIT),
      /** fill: text for the composer of one conversation; send: reply queued in every conversation. */
      mode: z.enum(['fill', 'send']),
    })
    .refine((a) => a.mode === 'send' || a.conversationIds.length === 1, { message: 'fill applies to exactly one conversation', path: ['conversationIds'] }),
} as const;

export interface MacroListItem extends Macro {
  /** Whether this desktop's agent may edit or delete it. */
  editable: boolean;
}

export interface MacroPreview {
  text: string;
  missing: string[];
  parts: RenderedPart[];
  /** The macro's actions in words. */
  actions: string[];
}

export type MacroApplyOutcome =
  | { conversationId: Id; status: 'applied'; text: string; missing: string[] }
  /** Never sent: a reply with a placeholder would reach the customer. */
  | { conversationId: Id; status: 'skipped'; missing: string[]; error: string }
  | { conversationId: Id; status: 'failed'; error: string };

export interface MacroResults {
  'macro.list': { macros: MacroListItem[]; canEditShared: boolean };
  'macro.preview': MacroPreview;
  'macro.save': { macro: Macro };
  'macro.delete': { ok: true };
  'macro.apply': { results: MacroApplyOutcome[]; applied: number; skipped: number; failed: number };
}
