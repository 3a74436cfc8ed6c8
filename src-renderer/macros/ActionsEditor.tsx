import { CATEGORY_LABELS, Category, ConversationStatus, Priority, type MacroAction } from '../../src-shared/domain';
import { useAppInfoStore } from '../app/appInfoStore';

const ACTION_LABELS: Record<MacroAction['type'], string> = {
  setStatus: 'Set status',
  setCategory: 'Set category',
  setPriority: 'Set priority',
  addTag: 'Add tag',
  removeTag: 'Remove tag',
  assign: 'Assign to',
};

function blank(type: MacroAction['type']): MacroAction {
  switch (type) {
    case 'setStatus':
      return { type, status: 'pending' };
    case 'setCategory':
      return { type, category: 'shipping_status' };
    case 'setPriority':
      return { type, priority: 'normal' };
    case 'addTag':
    case 'removeTag':
      return { type, tag: '' };
    case 'assign':
      return { type, agentId: null };
  }
}

/** The actions a macro runs after its reply, one row each. */
export function ActionsEditor({ actions, onChange, disabled }: { actions: MacroAction[]; onChange(a: MacroAction[]): void; disabled: boolean }) {
  const set = (i: number, a: MacroAction) => onChange(actions.map((x, j) => (j === i ? a : x)));
  return (
    <fieldset className="macro-actions-editor" disabled={disabled}>
      <legend>Actions</legend>
      {actions.length === 0 && <p className="muted">No actions: the macro only fills the reply.</p>}
      <ol>
        {actions.map((a, i) => (
          <li key={i} className="macro-action-row">
            <select aria-label={`Action ${i + 1}`} value={a.type} onChange={(e) => set(i, blank(e.target.value as MacroAction['type']))}>
              {Object.entries(ACTION_LABELS).map(([type, label]) => (
                <option key={type} value={type}>
                  {label}
                </option>
              ))}
            </select>
            <ActionValue action={a} index={i} onChange={(next) => set(i, next)} />
            <button type="button" className="secondary" aria-label={`Remove action ${i + 1}`} onClick={() => onChange(actions.filter((_, j) => j !== i))}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="secondary" onClick={() => onChange([...actions, blank('setStatus')])}>
        Add action
      </button>
    </fieldset>
  );
}

function ActionValue({ action: a, index, onChange }: { action: MacroAction; index: number; onChange(a: MacroAction): void }) {
  const agents = useAppInfoStore((s) => s.info?.agents ?? []);
  const label = `Action ${index + 1} value`;
  switch (a.type) {
    case 'setStatus':
      return <Choice label={label} value={a.status} options={ConversationStatus.options.map((s) => [s, s])} onChange={(v) => onChange({ ...a, status: ConversationStatus.parse(v) })} />;
    case 'setCategory':
      return <Choice label={label} value={a.category} options={Category.options.map((c) => [c, CATEGORY_LABELS[c]])} onChange={(v) => onChange({ ...a, category: Category.parse(v) })} />;
    case 'setPriority':
      return <Choice label={label} value={a.priority} options={Priority.options.map((p) => [p, p])} onChange={(v) => onChange({ ...a, priority: Priority.parse(v) })} />;
    case 'addTag':
    case 'removeTag':
      return <input aria-label={label} placeholder="tag" value={a.tag} onChange={(e) => onChange({ ...a, tag: e.target.value })} />;
    case 'assign':
      return (
        <Choice
          label={label}
          value={String(a.agentId ?? '')}
          options={[['', 'Nobody (unassign)'], ...agents.map((g): [string, string] => [String(g.id), g.name])]}
          onChange={(v) => onChange({ ...a, agentId: v === '' ? null : Number(v) })}
        />
      );
  }
}

function Choice({ label, value, options, onChange }: { label: string; value: string; options: [string, string][]; onChange(v: string): void }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </select>
  );
}
