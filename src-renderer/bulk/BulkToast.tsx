import { useEffect } from 'react';
import { UNDO_MS, useBulkStore } from './bulkStore';

/** What the last bulk action did, with Undo for about ten seconds. */
export function BulkToast() {
  const outcome = useBulkStore((s) => s.outcome);
  const error = useBulkStore((s) => s.error);
  const undo = useBulkStore((s) => s.undo);
  const dismiss = useBulkStore((s) => s.dismiss);

  useEffect(() => {
    if (!outcome) return;
    const t = setTimeout(dismiss, UNDO_MS);
    return () => clearTimeout(t);
  }, [outcome, dismiss]);

  if (error) {
    return (
      <div className="toast toast-error" role="alert">
        <span>{error}</span>
        <button type="button" className="link" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    );
  }
  if (!outcome) return null;
  return (
    <div className="toast" role="status">
      <span>{outcome.message}</span>
      {outcome.undo && (
        <button type="button" className="toast-action" onClick={() => void undo()}>
          Undo
        </button>
      )}
      <button type="button" className="link" aria-label="Dismiss" onClick={dismiss}>
        ✕
      </button>
    </div>
  );
}
