import { create } from 'zustand';
import type { SelectedConversation } from '../../src-shared/api';
import { rowAt, useInboxStore } from '../inbox/inboxStore';

interface SelectionState {
  /** Checked conversations in the order they were picked, with what undo needs to know of them. */
  selected: Map<number, SelectedConversation>;
  /** Row index a shift+click or shift+j/k range starts from. */
  anchor: number | null;
  /** Set when "select all" stopped at the bulk limit, so the bar can say so. */
  cappedFrom: number | null;
  toggleAt(index: number): void;
  /** Select every loaded row between the anchor and `index`. */
  extendTo(index: number): void;
  setAll(items: SelectedConversation[], total: number): void;
  clear(): void;
}

const summary = (index: number): SelectedConversation | undefined => {
  const row = rowAt(useInboxStore.getState(), index);
  return row && { id: row.id, status: row.status, assigneeId: row.assigneeId };
};

export const useSelectionStore = create<SelectionState>((set, get) => ({
  selected: new Map(),
  anchor: null,
  cappedFrom: null,
  toggleAt(index) {
    const item = summary(index);
    if (!item) return;
    const selected = new Map(get().selected);
    if (selected.has(item.id)) selected.delete(item.id);
    else selected.set(item.id, item);
    set({ selected, anchor: index, cappedFrom: null });
  },
  extendTo(index) {
    const anchor = get().anchor ?? index;
    const selected = new Map(get().selected);
    for (let i = Math.min(anchor, index); i <= Math.max(anchor, index); i++) {
      const item = summary(i);
      if (item) selected.set(item.id, item);
    }
    set({ selected, cappedFrom: null });
  },
  setAll(items, total) {
    set({ selected: new Map(items.map((i) => [i.id, i])), anchor: null, cappedFrom: total > items.length ? total : null });
  },
  clear() {
    if (get().selected.size > 0 || get().anchor !== null) set({ selected: new Map(), anchor: null, cappedFrom: null });
  },
}));
