import { useConversationStore } from '../conversation/conversationStore';
import { useInboxStore } from '../inbox/inboxStore';
import { useRejectionsLive, useRejectionStore, whatWasRefused, type Rejection } from './rejectionStore';

/**
 * Changes made here that the hub refused (someone else got there first, a rule changed): a
 * banner each, under the top bar so it hides nothing, saying what and why; it stays until
 * dismissed, and a refused reply says where its text went.
 */
export function RejectionNotices() {
  useRejectionsLive();
  const notices = useRejectionStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <section className="sync-notices" aria-label="Changes the hub refused">
      {notices.map((n) => (
        <RejectionNotice key={n.outboxId} notice={n} />
      ))}
    </section>
  );
}

function RejectionNotice({ notice }: { notice: Rejection }) {
  const dismiss = useRejectionStore((s) => s.dismiss);
  const openId = useConversationStore((s) => s.openId);
  const { conversationId } = notice;
  // The core's own reason for a refused reply may already say where the text went; say it once.
  const saysDraft = /draft/i.test(notice.message);

  function open(id: number): void {
    useConversationStore.getState().open(id);
    useInboxStore.getState().selectId(id);
    dismiss(notice.outboxId);
  }

  return (
    <div className="sync-notice" role="alert">
      <p className="sync-notice-text">
        <strong>The hub refused {whatWasRefused(notice.name)}:</strong> {notice.message}
        {notice.name === 'reply' && !saysDraft && ' Your text is back in the reply box as a draft.'}
      </p>
      <div className="sync-notice-actions">
        {conversationId !== null && conversationId !== openId && (
          <button type="button" className="toast-action" onClick={() => open(conversationId)}>
            Open conversation
          </button>
        )}
        <button type="button" className="link" onClick={() => dismiss(notice.outboxId)}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
