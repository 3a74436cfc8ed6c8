import { create } from 'zustand';
import { focusInboxList } from './focus';

type Dialog = 'palette' | 'cheatsheet' | 'team-hub' | 'mail-health';

interface DialogState {
  open: Dialog | null;
  show(dialog: Dialog): void;
  close(): void;
}

/** Where focus was when a dialog opened, so closing it puts the agent back where they were. */
let returnFocus: HTMLElement | null = null;

export const useDialogStore = create<DialogState>((set, get) => ({
  open: null,
  show(dialog) {
    if (get().open === null && document.activeElement instanceof HTMLElement) returnFocus = document.activeElement;
    set({ open: dialog });
  },
  close() {
    // Close the native dialog first so the page is no longer inert and can take focus back at
    // once; a command run right after closing may then move it on.
    document.querySelector<HTMLDialogElement>('dialog[open]')?.close();
    const target = returnFocus;
    returnFocus = null;
    if (target?.isConnected) target.focus();
    else focusInboxList();
    set({ open: null });
  },
}));
