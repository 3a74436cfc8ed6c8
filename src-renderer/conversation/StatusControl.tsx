import { ConversationStatus } from '../../src-shared/domain';
import { canTransition } from '../../src-shared/mutators';
import { STATUS_LABELS } from '../shared/format';
import { useConversationStore } from './conversationStore';

/** Offers only the moves the status machine allows, so the core is not asked for a refused one. Snoozing has its own control (it needs a time). */
export function StatusControl({ status }: { status: ConversationStatus }) {
  const setStatus = useConversationStore((s) => s.setStatus);
  const pending = useConversationStore((s) => s.pending);
  const options = ConversationStatus.options.filter((to) => canTransition(status, to) && (to !== 'snoozed' || status === 'snoozed'));

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
          void setStatus(to);
        }}
      >
        {options.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </select>
    </label>
  );
}
