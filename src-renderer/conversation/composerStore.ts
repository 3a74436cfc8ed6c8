import { create } from 'zustand';

/**
 * Text other features hand to the composer (a macro's rendered reply, a quoted line): the
 * composer owns what is typed, others only ask it to insert. `seq` lets the same text arrive twice.
 */
interface ComposerInsert {
  conversationId: number;
  text: string;
  mode: 'reply' | 'note';
  seq: number;
}

interface ComposerStore {
  lastInsert: ComposerInsert | null;
  insert(conversationId: number, text: string, mode?: 'reply' | 'note'): void;
  /** A shortcut (r, n) asking the composer to take focus in a mode. */
  focusRequest: { conversationId: number; mode: 'reply' | 'note'; seq: number } | null;
  requestFocus(conversationId: number, mode: 'reply' | 'note'): void;
}

export const useComposerStore = create<ComposerStore>((set, get) => ({
  lastInsert: null,
  insert(conversationId, text, mode = 'reply') {
    set({ lastInsert: { conversationId, text, mode, seq: (get().lastInsert?.seq ?? 0) + 1 } });
  },
  focusRequest: null,
  requestFocus(conversationId, mode) {
    set({ focusRequest: { conversationId, mode, seq: (get().focusRequest?.seq ?? 0) + 1 } });
  },
}));
