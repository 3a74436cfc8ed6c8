import { initials } from '../shared/format';
import { useOthersHere } from './presenceStore';

/** Who else has this conversation open, as avatars by the subject; a pen marks who is typing. */
export function PresenceAvatars({ conversationId }: { conversationId: number }) {
  const others = useOthersHere(conversationId);
  if (others.length === 0) return null;
  const label = `Also here: ${others.map((o) => `${o.agentName} (${o.typing ? 'typing a reply' : 'viewing'})`).join(', ')}`;
  return (
    <ul className="presence-avatars" aria-label={label} title={label}>
      {others.map((o) => (
        <li key={o.agentId} className={`presence-avatar${o.typing ? ' typing' : ''}`} aria-label={`${o.agentName}, ${o.typing ? 'typing a reply' : 'viewing'}`}>
          <span aria-hidden="true">{initials(o.agentName)}</span>
          {o.typing && <span className="presence-typing-badge" aria-hidden="true">✎</span>}
        </li>
      ))}
    </ul>
  );
}
