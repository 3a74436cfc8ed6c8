import { useUndoStore } from './undoStore';

/** The few seconds to take back a send or a spam mark; polite so it never steals focus. */
export function UndoToast() {
  const current = useUndoStore((s) => s.current);
  const undo = useUndoStore((s) => s.undo);
  if (!current) return null;
  return (
    <div className="undo-toast" role="status" aria-live="polite">
      <span>{current.message}</span>
      <button type="button" className="link" onClick={undo}>
        Undo
      </button>
    </div>
  );
}
