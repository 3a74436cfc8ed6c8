import { useState } from 'react';
import type { Conversation } from '../../src-shared/domain';
import { api, describeError } from '../api/api';
import { fullDateTime } from '../shared/format';
import { useConversationStore } from './conversationStore';
import { snoozePresets } from './snooze';
import { useUndoStore } from './undoStore';

/** Snooze and spam: the moves that take a conversation out of the way, each reversible. */
export function ConversationActions({ conversation }: { conversation: Conversation }) {
  const setStatus = useConversationStore((s) => s.setStatus);
  const runMutation = useConversationStore((s) => s.runMutation);
  const pending = useConversationStore((s) => s.pending);
  const offerUndo = useUndoStore((s) => s.offer);
  const [snoozeOpen, setSnoozeOpen] = useState(false);
  const [custom, setCustom] = useState('');
  const c = conversation;
  const busy = pending !== null;
  const canSnooze = c.status !== 'solved' && c.status !== 'closed';

  const snooze = async (until?: number, untilReply?: boolean) => {
    if (await setStatus('snoozed', until, untilReply)) setSnoozeOpen(false);
  };

  const markSpam = async () => {
    const restoreStatus = c.status === 'snoozed' || c.status === 'closed' ? 'open' : c.status;
    if (!(await runMutation('Mark as spam', 'markSpam', {}))) return;
    offerUndo(
      'Marked as spam and closed',
      () => {},
      async () => {
        try {
          await api.call('mutate', { name: 'unmarkSpam', args: { conversationId: c.id, restoreStatus } });
          await useConversationStore.getState().refresh();
        } catch (e) {
          useConversationStore.setState({ actionError: { action: 'Undo spam', ...describeError(e) } });
        }
      },
    );
  };

  return (
    <div className="conversation-actions">
      {c.status === 'snoozed' && (
        <span className="snooze-state">
          Snoozed{c.snoozedUntil ? ` until ${fullDateTime(c.snoozedUntil)}` : ''}
          {c.snoozedUntilReply ? `${c.snoozedUntil ? ' or' : ''} until the customer replies` : ''}
        </span>
      )}
      <div className="popover-anchor">
        <button type="button" aria-expanded={snoozeOpen} aria-controls="snooze-options" disabled={busy || !canSnooze} onClick={() => setSnoozeOpen((o) => !o)}>
          Snooze…
        </button>
        {snoozeOpen && (
          <div
            className="popover"
            id="snooze-options"
            role="group"
            aria-label="Snooze options"
            onKeyDown={(e) => e.key === 'Escape' && setSnoozeOpen(false)}
          >
            {snoozePresets(new Date()).map((p) => (
              <button key={p.label} type="button" onClick={() => void snooze(p.until)}>
                {p.label} <span className="muted">{fullDateTime(p.until)}</span>
              </button>
            ))}
            <button type="button" onClick={() => void snooze(undefined, true)}>
              Until the customer replies
            </button>
            <form
              className="snooze-custom"
              onSubmit={(e) => {
                e.preventDefault();
                const until = new Date(custom).getTime();
                if (Number.isFinite(until)) void snooze(until);
              }}
            >
              <input type="datetime-local" aria-label="Snooze until date and time" value={custom} onChange={(e) => setCustom(e.target.value)} />
              <button type="submit" disabled={custom === '' || new Date(custom).getTime() <= Date.now()}>
                Snooze
              </button>
            </form>
          </div>
        )}
      </div>
      <button type="button" disabled={busy || c.status === 'closed'} onClick={() => void markSpam()}>
        Mark as spam
      </button>
    </div>
  );
}
