import { useEffect, type RefObject } from 'react';
import { useConversationStore } from '../conversation/conversationStore';
import { rowAt, useInboxStore } from '../inbox/inboxStore';
import { openMacroPickerForOpenConversation } from '../macros/MacroButtons';

/** Typing in a field must never trigger a shortcut. */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** j/k or arrows move the selection, Enter/o open it, / jumps to search. */
export function useKeyboardShortcuts(searchRef: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    function onKey(e: KeyboardEvent): void {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isEditable(e.target)) return;
      // Buttons and links keep their own Enter; list shortcuts apply elsewhere.
      const onControl = e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement;
      const inbox = useInboxStore.getState();
      switch (e.key) {
        case '/':
          e.preventDefault();
          searchRef.current?.focus();
          return;
        case 'j':
        case 'ArrowDown':
          e.preventDefault();
          inbox.select(inbox.selectedIndex + 1);
          return;
        case 'k':
        case 'ArrowUp':
          e.preventDefault();
          inbox.select(inbox.selectedIndex - 1);
          return;
        case 'm':
          if (openMacroPickerForOpenConversation()) e.preventDefault();
          return;
        case 'Enter':
        case 'o': {
          if (onControl) return;
          const row = rowAt(inbox, inbox.selectedIndex);
          if (!row) return;
          e.preventDefault();
          useConversationStore.getState().open(row.id);
          return;
        }
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [searchRef]);
}
