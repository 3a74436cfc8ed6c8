import { useState } from 'react';
import type { Agent, Priority } from '../../src-shared/domain';
import { Dialog } from '../shared/Dialog';

export const HANDOVER_TEMPLATE = 'Customer wants… \nDone so far… \nNext step… ';

export interface HandoverRequest {
  kind: 'reassign' | 'escalate';
  /** The proposed new assignee; null to unassign. */
  to: number | null;
}

export interface HandoverDecision {
  to: number | null;
  note: string;
  priority?: Priority;
}

/**
 * Asks for the few lines that spare the customer from repeating themselves. A note is required
 * whenever another agent takes over; escalation also picks the supervisor and the priority.
 */
export function HandoverDialog({
  request,
  agents,
  supervisors,
  busy,
  onConfirm,
  onCancel,
}: {
  request: HandoverRequest;
  agents: Agent[];
  supervisors: Agent[];
  busy: boolean;
  onConfirm: (d: HandoverDecision) => void;
  onCancel: () => void;
}) {
  const [to, setTo] = useState<number | null>(request.to);
  const [priority, setPriority] = useState<Priority>('urgent');
  const [note, setNote] = useState(HANDOVER_TEMPLATE);
  const escalate = request.kind === 'escalate';
  const target = agents.find((a) => a.id === to);
  const required = to !== null;
  const edited = note.trim() !== '' && note.trim() !== HANDOVER_TEMPLATE.trim();
  const canConfirm = !busy && (!required || edited);

  return (
    <Dialog label={escalate ? 'Escalate to a supervisor' : target ? `Hand over to ${target.name}` : 'Unassign this conversation'} onClose={onCancel} className="handover-dialog">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (canConfirm) onConfirm({ to, note: edited ? note.trim() : '', priority: escalate ? priority : undefined });
        }}
      >
        <h3 id="handover-title">{escalate ? 'Escalate to a supervisor' : target ? `Hand over to ${target.name}` : 'Unassign this conversation'}</h3>
        {escalate && (
          <div className="dialog-row">
            <label>
              <span className="field-label">Supervisor</span>
              <select aria-label="Supervisor" value={to ?? ''} onChange={(e) => setTo(Number(e.target.value))}>
                {supervisors.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({a.role})
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span className="field-label">Priority</span>
              <select aria-label="Escalated priority" value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
                <option value="urgent">Urgent</option>
                <option value="high">High</option>
              </select>
            </label>
          </div>
        )}
        <label className="dialog-field">
          <span className="field-label">Handover note{required ? ' (required)' : ' (optional)'}</span>
          <textarea aria-label="Handover note" value={note} rows={5} autoFocus onChange={(e) => setNote(e.target.value)} />
        </label>
        {required && !edited && <p className="hint">Fill in the template so {target?.name ?? 'the next agent'} can pick up without asking the customer again.</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!canConfirm}>
            {busy ? 'Handing over…' : escalate ? 'Escalate' : target ? 'Hand over' : 'Unassign'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
