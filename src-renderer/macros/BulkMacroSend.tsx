import { useState } from 'react';
import type { MacroApplyOutcome, MacroListItem } from '../../src-shared/api';
import { missingPlaceholder } from '../../src-shared/macros';
import { api, describeError } from '../api/api';
import { MacroPreviewView } from './MacroPreviewView';
import { useMacroPreview } from './useMacroPreview';

/** Sent in slices so the agent sees progress on a flood of hundreds, and a failure keeps what was sent. */
const SLICE = 100;

type Phase = { kind: 'confirm' } | { kind: 'running'; done: number } | { kind: 'done'; results: MacroApplyOutcome[]; error: string | null };

export function BulkMacroSend({ macro, conversationIds, onBack, onClose }: { macro: MacroListItem; conversationIds: number[]; onBack(): void; onClose(): void }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'confirm' });
  const { preview, error } = useMacroPreview({ id: macro.id }, conversationIds[0] ?? null);
  const total = conversationIds.length;

  async function send() {
    const results: MacroApplyOutcome[] = [];
    setPhase({ kind: 'running', done: 0 });
    for (let i = 0; i < total; i += SLICE) {
      try {
        const out = await api.call('macro.apply', { macroId: macro.id, conversationIds: conversationIds.slice(i, i + SLICE), mode: 'send' });
        results.push(...out.results);
        setPhase({ kind: 'running', done: Math.min(total, i + SLICE) });
      } catch (e) {
        return setPhase({ kind: 'done', results, error: describeError(e).message });
      }
    }
    setPhase({ kind: 'done', results, error: null });
  }

  if (phase.kind === 'running') {
    return (
      <div className="bulk-macro" aria-busy="true">
        <h2>Sending “{macro.name}”…</h2>
        <progress max={total} value={phase.done} aria-label="Macro progress" />
        <p role="status">
          {phase.done.toLocaleString()} of {total.toLocaleString()} conversations done
        </p>
      </div>
    );
  }
  if (phase.kind === 'done') {
    const count = (s: MacroApplyOutcome['status']) => phase.results.filter((r) => r.status === s).length;
    const problems = phase.results.filter((r) => r.status !== 'applied').slice(0, 8);
    return (
      <div className="bulk-macro">
        <h2>“{macro.name}” applied</h2>
        <p role="status" className="bulk-summary">
          Sent to {count('applied').toLocaleString()} of {total.toLocaleString()} conversations
          {count('skipped') > 0 && `, ${count('skipped').toLocaleString()} skipped for missing values`}
          {count('failed') > 0 && `, ${count('failed').toLocaleString()} failed`}.
        </p>
        {phase.error && (
          <div className="inline-error" role="alert">
            Stopped after {phase.results.length.toLocaleString()}: {phase.error}
          </div>
        )}
        {problems.length > 0 && (
          <ul className="bulk-problems" aria-label="Not sent">
            {problems.map((r) => (
              <li key={r.conversationId}>
                #{r.conversationId}: {r.status === 'skipped' ? `no ${r.missing.map(missingPlaceholder).join(', ')}` : r.error}
              </li>
            ))}
          </ul>
        )}
        <footer className="dialog-footer">
          <span />
          <button type="button" className="primary" autoFocus onClick={onClose}>
            Done
          </button>
        </footer>
      </div>
    );
  }
  return (
    <div className="bulk-macro">
      <h2>
        Send “{macro.name}” to {total.toLocaleString()} conversations?
      </h2>
      <p className="muted">Each gets its own reply, filled from its customer and order, and the macro’s actions. Conversations missing a value are skipped, never sent a placeholder. Example:</p>
      <MacroPreviewView preview={preview} error={error} label="Example reply" />
      <footer className="dialog-footer">
        <button type="button" className="secondary" onClick={onBack}>
          Back
        </button>
        <button type="button" className="primary" autoFocus onClick={() => void send()}>
          Send to {total.toLocaleString()} conversations
        </button>
      </footer>
    </div>
  );
}
