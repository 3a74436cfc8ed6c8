import { isMacroVariable, missingPlaceholder, type MacroVariableName } from './variables';

/** `{{ name }}` with optional spaces; names are dotted identifiers. */
const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** A piece of rendered text: literal, a filled variable, or a missing one (for highlighting). */
export type RenderedPart = { kind: 'text'; text: string } | { kind: 'filled' | 'missing'; text: string; variable: string };

export interface RenderedMacro {
  text: string;
  /** Variables the body uses that have no value here, in order of first use. */
  missing: string[];
  parts: RenderedPart[];
}

export type MacroValues = Partial<Record<MacroVariableName, string | null>>;

/** The variables a body uses that the registry doesn't know: reported at save time. */
export function unknownVariables(body: string): string[] {
  const unknown = new Set<string>();
  for (const m of body.matchAll(VARIABLE)) if (!isMacroVariable(m[1] ?? '')) unknown.add(m[1] ?? '');
  return [...unknown];
}

/** Fills a body; a value that's absent stays visible as e.g. `[order number]` and is reported, never silently blank. */
export function renderMacro(body: string, values: MacroValues): RenderedMacro {
  const parts: RenderedPart[] = [];
  const missing = new Set<string>();
  let last = 0;
  for (const m of body.matchAll(VARIABLE)) {
    const name = m[1] ?? '';
    if (m.index > last) parts.push({ kind: 'text', text: body.slice(last, m.index) });
    const value = isMacroVariable(name) ? values[name] : undefined;
    if (value) {
      parts.push({ kind: 'filled', text: value, variable: name });
    } else {
      missing.add(name);
      parts.push({ kind: 'missing', text: missingPlaceholder(name), variable: name });
    }
    last = m.index + m[0].length;
  }
  if (last < body.length) parts.push({ kind: 'text', text: body.slice(last) });
  return { text: parts.map((p) => p.text).join(''), missing: [...missing], parts };
}
