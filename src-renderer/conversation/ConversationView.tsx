import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ConversationDetail } from '../../src-shared/api';
import { CustomerPanel } from '../customer/CustomerPanel';
import { MacrosButton } from '../macros/MacroButtons';
import { CollisionWarning } from '../presence/CollisionWarning';
import { PresenceAvatars } from '../presence/PresenceAvatars';
import { usePresenceReport } from '../presence/presenceReporter';
import { useSeenStore } from '../inbox/seenStore';
import { CategoryBadge, ChannelBadge, PriorityMarker } from '../shared/Badges';
import { Composer } from './Composer';
import { MergedBanner } from './MergedBanner';
import { useConversationStore } from './conversationStore';
import { AssigneeControl } from './AssigneeControl';
import { ConversationActions } from './ConversationActions';
import { SplitDialog } from './SplitDialog';
import { StatusControl } from './StatusControl';
import { UndoToast } from './UndoToast';
import '../styles/workflows.css';
import { Thread } from './Thread';

export function ConversationView() {
  const openId = useConversationStore((s) => s.openId);
  const detail = useConversationStore((s) => s.detail);
  const loading = useConversationStore((s) => s.loading);
  const loadError = useConversationStore((s) => s.loadError);
  const markSeen = useSeenStore((s) => s.markSeen);
  const threadRef = useRef<HTMLDivElement>(null);
  const [splitIds, setSplitIds] = useState<number[] | null>(null);
  const entryCount = detail ? detail.messages.length + detail.notes.length : 0;
  usePresenceReport(openId);

  useEffect(() => {
    if (detail) markSeen(detail.conversation.id, detail.conversation.lastActivityAt);
  }, [detail, markSeen]);

  // The latest message is what the agent answers: land there on open and after each new entry.
  useEffect(() => {
    const el = threadRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [detail?.conversation.id, entryCount]);
  useKeepAtEnd(threadRef, detail?.conversation.id);

  if (openId === null) {
    return (
      <main className="conversation empty" aria-label="Conversation">
        <div className="empty-state">
          <p>Select a conversation to read it.</p>
          <p className="hint">
            <kbd>j</kbd> / <kbd>k</kbd> to move, <kbd>Enter</kbd> to open, <kbd>/</kbd> to search, <kbd>Ctrl</kbd> <kbd>K</kbd> for every command, <kbd>?</kbd> for all shortcuts
          </p>
        </div>
      </main>
    );
  }
  if (loadError) {
    return (
      <main className="conversation empty" aria-label="Conversation">
        <div className="inline-error" role="alert">
          Could not open conversation #{openId}: {loadError}
        </div>
      </main>
    );
  }
  if (!detail || (loading && detail.conversation.id !== openId)) {
    return (
      <main className="conversation empty" aria-label="Conversation" aria-busy="true">
        <p className="loading-state">Loading conversation…</p>
      </main>
    );
  }
  return (
    <>
      <main className="conversation" aria-label={`Conversation: ${detail.conversation.subject}`}>
        <ConversationHeader detail={detail} />
        <ActionErrorBanner />
        <MergedBanner conversation={detail.conversation} />
        <div className="thread-scroll" ref={threadRef}>
          <Thread
            messages={detail.messages}
            notes={detail.notes}
            customerName={detail.customer.name}
            onSplitFrom={(from) => setSplitIds(detail.messages.slice(detail.messages.findIndex((m) => m.id === from)).map((m) => m.id))}
          />
        </div>
        <CollisionWarning key={`collision-${detail.conversation.id}`} conversationId={detail.conversation.id} messages={detail.messages} />
        <Composer key={detail.conversation.id} conversationId={detail.conversation.id} channel={detail.conversation.channel} closed={detail.conversation.status === 'closed'} />
        {splitIds && <SplitDialog messageIds={splitIds} onClose={() => setSplitIds(null)} />}
        <UndoToast />
      </main>
      <CustomerPanel detail={detail} />
    </>
  );
}

/**
 * A thread read at its end stays at its end when the room around it changes (a collision warning
 * or a banner appears), so the newest message is not pushed out of sight under the warning about it.
 */
function useKeepAtEnd(ref: RefObject<HTMLDivElement | null>, conversationId: number | undefined): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let atEnd = true;
    let height = el.clientHeight;
    const onScroll = () => (atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < 24);
    // Only a change of height counts: the observer's first call (on observing) must not undo a
    // scroll to a search match made in the same frame.
    const resized = new ResizeObserver(() => {
      if (el.clientHeight !== height && atEnd) el.scrollTop = el.scrollHeight;
      height = el.clientHeight;
    });
    resized.observe(el);
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      resized.disconnect();
      el.removeEventListener('scroll', onScroll);
    };
  }, [ref, conversationId]);
}

function ConversationHeader({ detail }: { detail: ConversationDetail }) {
  const c = detail.conversation;
  return (
    <header className="conversation-header">
      <div className="conversation-title-row">
        <h2 className="conversation-subject">{c.subject}</h2>
        <PresenceAvatars conversationId={c.id} />
        <MacrosButton conversationId={c.id} />
        <StatusControl status={c.status} />
      </div>
      <div className="conversation-workflow-row">
        <AssigneeControl conversation={c} />
        <ConversationActions conversation={c} />
      </div>
      <dl className="conversation-facts">
        <div>
          <dt>Channel</dt>
          <dd>
            <ChannelBadge channel={c.channel} />
          </dd>
        </div>
        <div>
          <dt>Category</dt>
          <dd>
            <CategoryBadge category={c.category} />
          </dd>
        </div>
        <div>
          <dt>Priority</dt>
          <dd>
            <PriorityMarker priority={c.priority} always />
          </dd>
        </div>
        {c.tags.length > 0 && (
          <div>
            <dt>Tags</dt>
            <dd className="tags">
              {c.tags.map((t) => (
                <span key={t} className="tag">
                  {t}
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
    </header>
  );
}

function ActionErrorBanner() {
  const error = useConversationStore((s) => s.actionError);
  const dismiss = useConversationStore((s) => s.dismissError);
  if (!error) return null;
  return (
    <div className="action-error" role="alert">
      <span className="action-error-text">
        <strong>{error.action} failed</strong> <span className="error-kind">({error.kind})</span>: {error.message}
      </span>
      <button type="button" className="link" onClick={dismiss} aria-label="Dismiss error">
        Dismiss
      </button>
    </div>
  );
}
