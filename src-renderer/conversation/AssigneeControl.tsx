import { useState } from 'react';
import type { Conversation } from '../../src-shared/domain';
import { useAppInfoStore } from '../app/appInfoStore';
import { useConversationStore } from './conversationStore';
import { HandoverDialog, type HandoverDecision, type HandoverRequest } from './HandoverDialog';

/** Who owns the conversation; giving it to someone else goes through a handover note. */
export function AssigneeControl({ conversation }: { conversation: Conversation }) {
  const info = useAppInfoStore((s) => s.info);
  const runMutation = useConversationStore((s) => s.runMutation);
  const pending = useConversationStore((s) => s.pending);
  const [request, setRequest] = useState<HandoverRequest | null>(null);
  if (!info) return null;
  const me = info.me.id;
  const supervisors = info.agents.filter((a) => a.role === 'supervisor' || a.role === 'admin');

  const assign = async (d: HandoverDecision) => {
    const ok = await runMutation(d.priority ? 'Escalate' : 'Reassign', 'assign', {
      to: d.to,
      expectedAssignee: conversation.assigneeId,
      handoverNote: d.note ? { id: crypto.randomUUID(), body: d.note } : undefined,
      priority: d.priority,
    });
    if (ok) setRequest(null);
  };

  return (
    <div className="assignee-control">
      <label>
        <span className="field-label">Assignee</span>
        <select
          aria-label="Assignee"
          value={conversation.assigneeId ?? ''}
          disabled={pending === 'workflow'}
          onChange={(e) => {
            const to = e.target.value === '' ? null : Number(e.target.value);
            // Taking it yourself needs no handover: you already have the context in front of you.
            if (to === me) void assign({ to, note: '' });
            else setRequest({ kind: 'reassign', to });
          }}
        >
          <option value="">Unassigned</option>
          {info.agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.id === me ? `${a.name} (me)` : a.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={supervisors.length === 0} onClick={() => setRequest({ kind: 'escalate', to: supervisors.find((s) => s.id !== me)?.id ?? supervisors[0]!.id })}>
        Escalate
      </button>
      {request && (
        <HandoverDialog
          key={`${request.kind}-${request.to}`}
          request={request}
          agents={info.agents}
          supervisors={supervisors}
          busy={pending === 'workflow'}
          onConfirm={(d) => void assign(d)}
          onCancel={() => setRequest(null)}
        />
      )}
    </div>
  );
}
