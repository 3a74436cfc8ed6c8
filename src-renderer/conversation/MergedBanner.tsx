import type { Conversation } from '../../src-shared/domain';
import { useConversationStore } from './conversationStore';

/** A merged conversation is closed and empty: point to where its thread went. */
export function MergedBanner({ conversation }: { conversation: Conversation }) {
  const open = useConversationStore((s) => s.open);
  if (conversation.mergedIntoId === null) return null;
  const target = conversation.mergedIntoId;
  return (
    <p className="banner merged-banner" role="note">
      This conversation was merged into #{target}; its messages and notes are there now.{' '}
      <button type="button" className="link" onClick={() => open(target)}>
        Open #{target}
      </button>
    </p>
  );
}
