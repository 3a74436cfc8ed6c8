import { create } from 'zustand';

/** Which macro surface is open: the picker for some conversations, or the manager. One at a time. */
interface MacroUiStore {
  pickerFor: number[] | null;
  managerOpen: boolean;
  openPicker(conversationIds: number[]): void;
  openManager(): void;
  close(): void;
}

export const useMacroUiStore = create<MacroUiStore>((set) => ({
  pickerFor: null,
  managerOpen: false,
  openPicker: (conversationIds) => set({ pickerFor: conversationIds, managerOpen: false }),
  openManager: () => set({ pickerFor: null, managerOpen: true }),
  close: () => set({ pickerFor: null, managerOpen: false }),
}));
