import { useState } from 'react';
import { BULK_LIMIT } from '../../src-shared/api';
import { ConversationStatus } from '../../src-shared/domain';
import { useAppInfoStore } from '../app/appInfoStore';
import { STATUS_LABELS } from '../shared/format';
import { assignBatch, reachableStatuses, statusBatch, tagBatch } from './bulkMutations';
import { useBulkStore } from './bulkStore';
import { MergeDialog } from './MergeDialog';
import { useSelectionStore } from './selectionStore';
import { useMacroUiStore } from '../macros/macroUiStore';

const UNASSIGN = 'none';

/** The actions for every checked conversation, shown while any is checked. */
export function BulkActionBar() {
  const selected = useSelectionStore((s) => s.selected);
  const cappedFrom = useSelectionStore((s) => s.cappedFrom);
  const clear = useSelectionStore((s) => s.clear);
  const agents = useAppInfoStore((s) => s.info)?.agents ?? [];
  const progress = useBulkStore((s) => s.progress);
  const run = useBulkStore((s) => s.run);
  const [tagMode, setTagMode] = useState<'addTag' | 'removeTag' | null>(null);
  const [tag, setTag] = useState('');
  const [merging, setMerging] = useState(false);
  if (selected.size === 0 && !progress) return null;

  const items = [...selected.values()];
  const busy = progress !== null;
  const statuses = reachableStatuses(items, ConversationStatus.options);

  async function act(label: string, batch: ReturnType<typeof statusBatch>) {
    await run(label, batch.mutations, batch.inverse);
    clear();
  }

  return (
    <div className="bulk-bar" role="toolbar" aria-label="Bulk actions">
      <span className="bulk-count" aria-live="polite">
        {selected.size.toLocaleString()} selected
      </span>
      <select
        aria-label="Assign to"
        value=""
        disabled={busy}
        onChange={(e) => {
          const to = e.target.value === UNASSIGN ? null : Number(e.target.value);
          const who = to === null ? 'Unassign' : `Assign to ${agents.find((a) => a.id === to)?.name ?? 'agent'}`;
          void act(who, assignBatch(items, to));
        }}
      >
        <option value="" disabled>
          Assign to…
        </option>
        <option value={UNASSIGN}>Unassigned</option>
        {agents.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      <button type="button" disabled={busy} aria-pressed={tagMode === 'addTag'} onClick={() => setTagMode(tagMode === 'addTag' ? null : 'addTag')}>
        Add tag
      </button>
      <button type="button" disabled={busy} aria-pressed={tagMode === 'removeTag'} onClick={() => setTagMode(tagMode === 'removeTag' ? null : 'removeTag')}>
        Remove tag
      </button>
      <select
        aria-label="Set status"
        value=""
        disabled={busy || statuses.length === 0}
        onChange={(e) => {
          const to = ConversationStatus.parse(e.target.value);
          void act(`Set status ${STATUS_LABELS[to].toLowerCase()}`, statusBatch(items, to));
        }}
      >
        <option value="" disabled>
          Set status…
        </option>
        {statuses.map((s) => (
          <option key={s} value={s}>
            {s === 'snoozed' ? 'Snoozed (1 day)' : STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <button type="button" disabled={busy || selected.size < 2 || selected.size > 20} title="Merge 2 to 20 conversations of one customer" onClick={() => setMerging(true)}>
        Merge…
      </button>
      <button
        type="button"
        disabled={busy}
        title="Apply a macro to every selected conversation"
        onClick={() => useMacroUiStore.getState().openPicker([...selected.keys()])}
      >
        Apply macro…
      </button>
      <button type="button" className="bulk-clear" disabled={busy} onClick={clear} aria-label="Clear selection" title="Clear selection (Esc)">
        ✕
      </button>
      {tagMode && (
        <form
          className="bulk-tag-form"
          onSubmit={(e) => {
            e.preventDefault();
            const t = tag.trim().toLowerCase();
            if (!t) return;
            const verb = tagMode === 'addTag' ? 'Add tag' : 'Remove tag';
            void act(`${verb} “${t}”`, tagBatch(items, t, tagMode));
            setTagMode(null);
            setTag('');
          }}
        >
          <input aria-label={tagMode === 'addTag' ? 'Tag to add' : 'Tag to remove'} value={tag} maxLength={64} autoFocus onChange={(e) => setTag(e.target.value)} placeholder="tag" />
          <button type="submit" className="primary" disabled={!tag.trim()}>
            {tagMode === 'addTag' ? 'Add' : 'Remove'}
          </button>
        </form>
      )}
      {cappedFrom !== null && (
        <p className="bulk-note">
          Selected the first {BULK_LIMIT.toLocaleString()} of {cappedFrom.toLocaleString()}: bulk actions work on at most {BULK_LIMIT.toLocaleString()} at a time.
        </p>
      )}
      {progress && (
        <div className="bulk-progress">
          <progress aria-label={`${progress.label} progress`} max={progress.total} value={progress.done} />
          <span>
            {progress.label}: {progress.done.toLocaleString()} of {progress.total.toLocaleString()}
          </span>
        </div>
      )}
      {merging && <MergeDialog ids={[...selected.keys()]} onClose={() => setMerging(false)} onMerged={clear} />}
    </div>
  );
}
