import { useState } from 'react';
import { useConversationStore } from './conversationStore';
import { Dialog } from '../shared/Dialog';

/** Moves a message and everything after it into a new conversation; the reason is kept on both. */
export function SplitDialog({ messageIds, onClose }: { messageIds: number[]; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const runMutation = useConversationStore((s) => s.runMutation);
  const busy = useConversationStore((s) => s.pending) === 'workflow';
  return (
    <Dialog label={`Split ${messageIds.length === 1 ? '1 message' : `${messageIds.length} messages`} into a new conversation`} onClose={onClose} className="handover-dialog">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (reason.trim() === '') return;
          const ok = await runMutation('Split', 'split', { messageIds, reason, sourceNoteId: crypto.randomUUID(), targetNoteId: crypto.randomUUID() });
          if (ok) onClose();
        }}
      >
        <h3 id="split-title">Split {messageIds.length === 1 ? '1 message' : `${messageIds.length} messages`} into a new conversation</h3>
        <label className="dialog-field">
          <span className="field-label">Reason (required, kept on both conversations)</span>
          <textarea aria-label="Reason for the split" value={reason} rows={3} autoFocus onChange={(e) => setReason(e.target.value)} />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || reason.trim() === ''}>
            {busy ? 'Splitting…' : 'Split into new conversation'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
