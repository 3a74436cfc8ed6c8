import { ConversationStatus } from '../../src-shared/domain';
import { canTransition } from '../../src-shared/mutators';
import { STATUS_LABELS } from '../shared/format';
import { useConversationStore } from './conversationStore';

const SNOOZE_MS = 24 * 60 * 60 * 1000;

/** Offers only the moves the status machine allows, so the core is not asked for a refused one. */
export function StatusControl({ status }: { status: ConversationStatus }) {
  const setStatus = useConversationStore((s) => s.setStatus);
  const pending = useConversationStore((s) => s.pending);
  const options = ConversationStatus.options.filter((to) => canTransition(status, to));

  return (
    <label className="status-control">
      <span className="field-label">Status</span>
      <select
        aria-label="Conversation status"
        data-command-target="status"
        value={status}
        disabled={pending === 'status' || options.length <= 1}
        onChange={(e) => {
          const to = ConversationStatus.parse(e.target.value);
          void setStatus(to, to === 'snoozed' ? Date.now() + SNOOZE_MS : undefined);
        }}
      >
        {options.map((s) => (
          <option key={s} value={s}>
            {s === 'snoozed' && s !== status ? 'Snoozed (1 day)' : STATUS_LABELS[s]}
          </option>
        ))}
      </select>
    </label>
  );
}
