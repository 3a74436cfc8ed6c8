import type { Message } from '../../src-shared/domain';
import { fullDateTime } from '../shared/format';
import { useConversationStore } from './conversationStore';

/**
 * Quiet marks of what happened to an email outside the console: automated mail (which did not
 * reopen the conversation), the mailbox copy deleted, or flagged in the shared mailbox.
 */
export function MailStateBadges({ message }: { message: Message }) {
  const flagged = message.mailboxFlags?.includes('\\Flagged') ?? false;
  return (
    <>
      {message.autoKind && (
        <span className="badge mail-state" title="Sent automatically: it did not reopen the conversation or count as a customer reply">
          {message.autoKind === 'bounce' ? 'Bounce' : 'Auto-reply'}
        </span>
      )}
      {message.mailboxRemovedAt != null && (
        <span className="badge mail-state" title={`Deleted from the shared mailbox on ${fullDateTime(message.mailboxRemovedAt)}; kept here`}>
          Deleted from mailbox
        </span>
      )}
      {flagged && (
        <span className="mail-flag" title="Flagged in the shared mailbox" aria-label="Flagged in the mailbox">
          ⚑
        </span>
      )}
    </>
  );
}

/** Under a reply that did not go out: the receiving server's reason, and sending it again. */
export function DeliveryFailure({ message }: { message: Message }) {
  const runMutation = useConversationStore((s) => s.runMutation);
  const busy = useConversationStore((s) => s.pending === 'workflow');
  const canRetry = message.channel === 'email';
  return (
    <div className="delivery-failure">
      <span>
        <strong>Not delivered</strong>
        {message.deliveryError ? `: ${message.deliveryError}` : ''}
      </span>
      {canRetry && (
        <button type="button" className="mail-button" disabled={busy} onClick={() => void runMutation('Retry sending', 'retrySend', { messageId: message.id })} aria-label={`Retry sending the reply of ${fullDateTime(message.createdAt)}`}>
          {busy ? 'Retrying…' : 'Retry'}
        </button>
      )}
    </div>
  );
}
