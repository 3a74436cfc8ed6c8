import { useEffect } from 'react';
import { COMMANDS, isAvailable } from '../commands/commands';
import { useDialogStore } from '../commands/dialogStore';
import { isEditable } from '../commands/focus';
import { chordOf } from '../commands/types';

/** How long a sequence like `g i` waits for its second key. */
const SEQUENCE_MS = 1200;
const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta']);

/**
 * Runs the command registry's shortcuts. Plain keys never fire while typing in a field, only
 * Escape and Ctrl/Cmd combinations do; dialogs (palette, cheat sheet) handle their own keys.
 */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    let pending: string | null = null;
    let pendingTimer: ReturnType<typeof setTimeout> | undefined;

    function onKey(e: KeyboardEvent): void {
      if (e.defaultPrevented || e.altKey || MODIFIER_KEYS.has(e.key) || useDialogStore.getState().open) return;
      const chord = chordOf(e);
      const combo = chord.startsWith('Mod+');
      if (!combo && (e.ctrlKey || e.metaKey)) return;
      if (isEditable(e.target) && !combo && chord !== 'Escape') return;
      // Buttons and links keep their own Enter.
      const onControl = e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement;
      if (onControl && chord === 'Enter') return;

      const sequence = pending ? `${pending} ${chord}` : chord;
      clearTimeout(pendingTimer);
      pending = null;
      const available = COMMANDS.filter(isAvailable);
      const command = available.find((c) => c.keys?.includes(sequence) && !c.keyOnly);
      if (command) {
        e.preventDefault();
        void command.run();
        return;
      }
      // The first key of a sequence waits for the next one.
      if (available.some((c) => c.keys?.some((k) => k.startsWith(`${sequence} `)))) {
        e.preventDefault();
        pending = sequence;
        pendingTimer = setTimeout(() => (pending = null), SEQUENCE_MS);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      clearTimeout(pendingTimer);
    };
  }, []);
}
