import { create } from 'zustand';

/** How long a costly action waits for an Undo before it is committed (send) or kept (spam). */
export const UNDO_MS = 5_000;

interface Undoable {
  id: number;
  message: string;
  /** Runs when the window closes without Undo; for a held send this is the real send. */
  commit: () => void | Promise<void>;
  undo: () => void | Promise<void>;
}

interface UndoState {
  current: Undoable | null;
  /** Offers Undo for a few seconds; a newer action commits the older one at once. */
  offer(message: string, commit: Undoable['commit'], undo: Undoable['undo']): void;
  undo(): void;
  commitNow(): void;
}

let timer: ReturnType<typeof setTimeout> | undefined;
let nextId = 1;

export const useUndoStore = create<UndoState>((set, get) => {
  function finish(run: 'commit' | 'undo'): void {
    const item = get().current;
    if (!item) return;
    clearTimeout(timer);
    set({ current: null });
    void item[run]();
  }
  return {
    current: null,
    offer(message, commit, undo) {
      finish('commit');
      const item = { id: nextId++, message, commit, undo };
      set({ current: item });
      timer = setTimeout(() => get().current?.id === item.id && finish('commit'), UNDO_MS);
    },
    undo: () => finish('undo'),
    commitNow: () => finish('commit'),
  };
});
