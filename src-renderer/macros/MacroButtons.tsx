import { useConversationStore } from '../conversation/conversationStore';
import { useMacroUiStore } from './macroUiStore';

/** The conversation header's way into the picker (the `m` key does the same). */
export function MacrosButton({ conversationId }: { conversationId: number }) {
  return (
    <button type="button" className="secondary" aria-keyshortcuts="m" onClick={() => useMacroUiStore.getState().openPicker([conversationId])}>
      Macros
    </button>
  );
}

/** The sidebar's way into the macro manager, set apart from the views. */
export function ManageMacrosLink() {
  return (
    <section className="view-group" aria-label="Manage">
      <h2 className="view-group-title">Manage</h2>
      <button type="button" className="view-link" onClick={() => useMacroUiStore.getState().openManager()}>
        <span className="view-label">Macros</span>
      </button>
    </section>
  );
}

/** The `m` shortcut: opens the picker for the open conversation; true if it did. */
export function openMacroPickerForOpenConversation(): boolean {
  const id = useConversationStore.getState().openId;
  if (id === null) return false;
  useMacroUiStore.getState().openPicker([id]);
  return true;
}
