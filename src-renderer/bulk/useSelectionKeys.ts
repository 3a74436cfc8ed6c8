import { useEffect } from 'react';
import { useInboxStore } from '../inbox/inboxStore';
import { useSelectionStore } from './selectionStore';

function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** x checks the focused row, shift+j/k extend the checked range, Esc clears it. */
export function useSelectionKeys(): void {
  useEffect(() => {
    function onKey(e: KeyboardEvent): void {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isEditable(e.target)) return;
      const inbox = useInboxStore.getState();
      const selection = useSelectionStore.getState();
      switch (e.key) {
        case 'x':
          e.preventDefault();
          selection.toggleAt(inbox.selectedIndex);
          return;
        case 'J':
        case 'K': {
          e.preventDefault();
          if (selection.anchor === null) selection.toggleAt(inbox.selectedIndex);
          inbox.select(inbox.selectedIndex + (e.key === 'J' ? 1 : -1));
          useSelectionStore.getState().extendTo(useInboxStore.getState().selectedIndex);
          return;
        }
        case 'Escape':
          if (selection.selected.size === 0 || document.querySelector('dialog[open]')) return;
          e.preventDefault();
          selection.clear();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
