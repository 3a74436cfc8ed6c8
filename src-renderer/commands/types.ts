/** Where a command is listed in the cheat sheet and palette, in display order. */
export const SECTIONS = ['Navigation', 'Conversation', 'Search', 'Team', 'Help'] as const;
export type Section = (typeof SECTIONS)[number];

/**
 * One action the agent can take: the same entry drives its keyboard shortcut, its line in the
 * command palette and its row in the cheat sheet, so they can never disagree.
 */
export interface Command {
  id: string;
  title: string;
  section: Section;
  /**
   * Shortcuts, each a space-separated sequence of chords: `j`, `g i`, `Mod+k` (Ctrl, or Cmd on a
   * Mac), `Escape`. The first one is shown to the agent.
   */
  keys?: string[];
  /** When the command applies; it neither fires nor shows in the palette otherwise. */
  when?: () => boolean;
  run: () => void | Promise<void>;
  /** Listed in the cheat sheet only: its key is handled by a focused control (e.g. the composer). */
  keyOnly?: boolean;
}

export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The chord a key event makes, in the registry's notation. */
export function chordOf(e: KeyboardEvent): string {
  const mod = IS_MAC ? e.metaKey : e.ctrlKey;
  return mod ? `Mod+${e.key.length === 1 ? e.key.toLowerCase() : e.key}` : e.key;
}

/** How a shortcut reads on screen: `Mod+k` becomes `Ctrl K` (or `⌘ K`). */
export function keyLabels(keys: string): string[] {
  return keys.split(' ').map((chord) =>
    chord
      .replace('Mod+', IS_MAC ? '⌘ ' : 'Ctrl ')
      .replace('ArrowDown', '↓')
      .replace('ArrowUp', '↑')
      .replace('Escape', 'Esc')
      .replace(/ ([a-z])$/, (_, c: string) => ` ${c.toUpperCase()}`),
  );
}
