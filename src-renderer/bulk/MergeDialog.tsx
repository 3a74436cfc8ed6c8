import { useEffect, useRef, useState } from 'react';
import type { Conversation } from '../../src-shared/domain';
import { api, describeError } from '../api/api';
import { useConversationStore } from '../conversation/conversationStore';
import { fullDateTime } from '../shared/format';
import { useBulkStore } from './bulkStore';

interface Props {
  ids: number[];
  onClose(): void;
  onMerged(): void;
}

/** Pick the conversation to keep (the oldest by default) and say why; the others fold into it. */
export function MergeDialog({ ids, onClose, onMerged }: Props) {
  const [conversations, setConversations] = useState<Conversation[] | null>(null);
  const [targetId, setTargetId] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useBulkStore((s) => s.run);
  const open = useConversationStore((s) => s.open);
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    dialogRef.current?.showModal();
    let live = true;
    Promise.all(ids.map((id) => api.call('conversation.get', { id })))
      .then((details) => {
        if (!live) return;
        const list = details.map((d) => d.conversation).sort((a, b) => a.createdAt - b.createdAt);
        setConversations(list);
        setTargetId(list.find((c) => c.status !== 'closed')?.id ?? null);
      })
      .catch((e: unknown) => live && setError(describeError(e).message));
    return () => {
      live = false;
    };
  }, [ids]);

  const customers = new Set(conversations?.map((c) => c.customerId));
  const sameCustomer = customers.size === 1;
  const canMerge = conversations !== null && sameCustomer && targetId !== null && reason.trim() !== '' && !busy;

  async function merge() {
    if (!conversations || targetId === null) return;
    setBusy(true);
    const mutations = conversations
      .filter((c) => c.id !== targetId)
      .map((c) => ({ name: 'merge' as const, args: { sourceId: c.id, targetId, reason: reason.trim(), noteId: crypto.randomUUID() } }));
    const results = await run(`Merge into #${targetId}`, mutations);
    setBusy(false);
    const failed = results.find((r) => !r.ok);
    if (results.length > 0 && !failed) {
      onMerged();
      onClose();
      open(targetId);
    } else {
      setError(failed && !failed.ok ? failed.message : 'The merge did not go through');
    }
  }

  return (
    <dialog ref={dialogRef} className="merge-dialog" aria-label="Merge conversations" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void merge();
        }}
      >
        <h2>Merge {ids.length} conversations</h2>
        {conversations === null && !error && <p className="loading-state">Loading conversations…</p>}
        {conversations && !sameCustomer && (
          <p className="inline-error" role="alert">
            These conversations belong to {customers.size} different customers. Only one customer’s conversations can be merged.
          </p>
        )}
        {conversations && sameCustomer && (
          <fieldset>
            <legend>Keep this conversation; the others are merged into it and closed</legend>
            {conversations.map((c) => (
              <label key={c.id} className="merge-option">
                <input type="radio" name="merge-target" checked={targetId === c.id} disabled={c.status === 'closed'} onChange={() => setTargetId(c.id)} />
                <span>
                  #{c.id} {c.subject} <small>· {c.messageCount} messages · opened {fullDateTime(c.createdAt)}</small>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <label className="merge-reason">
          <span className="field-label">Reason (kept as an internal note)</span>
          <textarea aria-label="Reason" required value={reason} rows={2} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </label>
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={() => dialogRef.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!canMerge}>
            {busy ? 'Merging…' : 'Merge'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
