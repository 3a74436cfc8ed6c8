import type { Agent } from '../../src-shared/domain';

/** The @mention autocomplete under the note box; the textarea keeps focus and drives it. */
export function MentionPicker({ agents, active, onPick }: { agents: Agent[]; active: number; onPick: (a: Agent) => void }) {
  if (agents.length === 0) return <div className="mention-picker empty">No teammate matches</div>;
  return (
    <ul className="mention-picker" role="listbox" id="mention-picker" aria-label="Mention a teammate">
      {agents.map((a, i) => (
        <li
          key={a.id}
          id={`mention-${a.id}`}
          role="option"
          aria-selected={i === active}
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(a);
          }}
        >
          <span className="mention-name">{a.name}</span>
          <span className="muted">{a.role}</span>
        </li>
      ))}
    </ul>
  );
}
