import { useState } from 'react';
import type { Message } from '../../src-shared/domain';
import { useAgentName, useAppInfoStore } from '../app/appInfoStore';
import { timeAgo } from '../shared/format';
import { useNow } from '../shared/useNow';
import { unseenRepliesByOthers } from './collision';
import { useOthersHere } from './presenceStore';

const firstName = (name: string) => name.split(/\s+/)[0] ?? name;

function names(list: string[]): string {
  return list.length <= 2 ? list.join(' and ') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

/**
 * Above the composer: someone else is typing a reply here, or replied since this agent opened
 * the conversation. Mounted per conversation (keyed), so "since opened" starts with what the
 * thread showed then. The region stays mounted so screen readers hear each warning appear.
 */
export function CollisionWarning({ conversationId, messages }: { conversationId: number; messages: Message[] }) {
  const typing = useOthersHere(conversationId).filter((o) => o.typing);
  const meId = useAppInfoStore((s) => s.info?.me.id ?? null);
  const agentName = useAgentName();
  const now = useNow();
  const [seen, setSeen] = useState(() => new Set(messages.map((m) => m.id)));
  const fresh = meId === null ? [] : unseenRepliesByOthers(messages, seen, meId);
  const latest = fresh.reduce<Message | undefined>((a, m) => (!a || m.createdAt >= a.createdAt ? m : a), undefined);

  function showReply(): void {
    if (!latest) return;
    document.getElementById(`message-${latest.id}`)?.scrollIntoView({ block: 'center' });
    setSeen(new Set([...seen, ...fresh.map((m) => m.id)]));
  }

  return (
    <div className="collision" role="status">
      {typing.length > 0 && (
        <p className="collision-line collision-typing">
          <span className="typing-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {names(typing.map((o) => firstName(o.agentName)))} {typing.length === 1 ? 'is typing a reply…' : 'are typing replies…'}
        </p>
      )}
      {latest && (
        <p className="collision-line collision-replied">
          <span>
            <strong>
              {firstName(agentName(latest.authorAgentId) ?? 'Someone')} replied {timeAgo(latest.createdAt, now)}
            </strong>
            {fresh.length > 1 && ` (${fresh.length} new replies)`} — read it before sending.
          </span>
          <button type="button" className="link" onClick={showReply}>
            Show reply
          </button>
        </p>
      )}
    </div>
  );
}
