import { useRef, useState } from 'react';
import type { MacroListItem } from '../../src-shared/api';
import type { Macro, MacroAction } from '../../src-shared/domain';
import { MACRO_VARIABLES, unknownVariables } from '../../src-shared/macros';
import { MACRO_BODY_LIMIT } from '../../src-shared/mutators';
import { api, describeError } from '../api/api';
import { useConversationStore } from '../conversation/conversationStore';
import { ActionsEditor } from './ActionsEditor';
import { MacroPreviewView } from './MacroPreviewView';
import { useMacroPreview } from './useMacroPreview';

interface Props {
  /** null: a new macro. */
  macro: MacroListItem | null;
  canEditShared: boolean;
  onSaved(m: Macro): void;
  onDeleted(): void;
}

/** Create or edit a macro, previewed live against the open conversation (or one the agent picks). */
export function MacroEditor({ macro, canEditShared, onSaved, onDeleted }: Props) {
  const openId = useConversationStore((s) => s.openId);
  const [name, setName] = useState(macro?.name ?? '');
  const [body, setBody] = useState(macro?.body ?? '');
  const [actions, setActions] = useState<MacroAction[]>(macro?.actions ?? []);
  const [scope, setScope] = useState<Macro['scope']>(macro?.scope ?? 'personal');
  const [previewIdText, setPreviewIdText] = useState(openId === null ? '' : String(openId));
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const readOnly = macro !== null && !macro.editable;
  const previewId = /^\d+$/.test(previewIdText) ? Number(previewIdText) : null;
  const unknown = unknownVariables(body);
  const { preview, error: previewError } = useMacroPreview(unknown.length === 0 ? { body, actions: actions.filter(validAction) } : null, previewId, 250);

  function insertVariable(variable: string) {
    const el = bodyRef.current;
    const token = `{{${variable}}}`;
    const at = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? at;
    setBody(body.slice(0, at) + token + body.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  }

  async function save() {
    setError(null);
    try {
      const { macro: saved } = await api.call('macro.save', { ...(macro ? { id: macro.id } : {}), name, body, actions, scope });
      onSaved(saved);
    } catch (e) {
      setError(describeError(e).message);
    }
  }

  async function remove() {
    if (!macro) return;
    try {
      await api.call('macro.delete', { id: macro.id });
      onDeleted();
    } catch (e) {
      setError(describeError(e).message);
      setConfirmDelete(false);
    }
  }

  return (
    <form
      className="macro-editor"
      aria-label={macro ? `Edit macro ${macro.name}` : 'New macro'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="macro-editor-fields">
        {readOnly && <p className="hint">Shared macros are kept by supervisors and admins; you can use this one but not change it.</p>}
        <fieldset disabled={readOnly} className="macro-editor-main">
          <label className="field">
            <span>Name</span>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} required />
          </label>
          <div className="field" role="radiogroup" aria-label="Who can use it">
            <span>Who can use it</span>
            <label>
              <input type="radio" name="scope" checked={scope === 'personal'} onChange={() => setScope('personal')} /> Only me
            </label>
            <label title={canEditShared ? undefined : 'Only supervisors and admins can share macros'}>
              <input type="radio" name="scope" checked={scope === 'shared'} disabled={!canEditShared} onChange={() => setScope('shared')} /> The whole team
            </label>
          </div>
          <div className="field">
            <div className="field-row">
              <label htmlFor="macro-body">Reply text</label>
              <select aria-label="Insert variable" value="" onChange={(e) => e.target.value && insertVariable(e.target.value)}>
                <option value="">Insert variable…</option>
                {MACRO_VARIABLES.map((v) => (
                  <option key={v.name} value={v.name} title={v.description}>
                    {v.label}
                  </option>
                ))}
              </select>
            </div>
            <textarea id="macro-body" ref={bodyRef} rows={7} value={body} maxLength={MACRO_BODY_LIMIT} onChange={(e) => setBody(e.target.value)} />
            {unknown.length > 0 && (
              <p className="field-error" role="alert">
                Unknown variable{unknown.length > 1 ? 's' : ''}: {unknown.map((u) => `{{${u}}}`).join(', ')}
              </p>
            )}
          </div>
        </fieldset>
        <ActionsEditor actions={actions} onChange={setActions} disabled={readOnly} />
        {error && (
          <div className="inline-error" role="alert">
            Could not save: {error}
          </div>
        )}
        {!readOnly && (
          <footer className="dialog-footer">
            {macro &&
              (confirmDelete ? (
                <span className="confirm-delete" role="group" aria-label="Confirm delete">
                  Delete “{macro.name}”?{' '}
                  <button type="button" className="danger" onClick={() => void remove()}>
                    Delete
                  </button>{' '}
                  <button type="button" className="secondary" onClick={() => setConfirmDelete(false)}>
                    Keep it
                  </button>
                </span>
              ) : (
                <button type="button" className="secondary" onClick={() => setConfirmDelete(true)}>
                  Delete…
                </button>
              ))}
            <button type="submit" className="primary" disabled={!name.trim() || unknown.length > 0}>
              {macro ? 'Save changes' : 'Create macro'}
            </button>
          </footer>
        )}
      </div>
      <aside className="macro-editor-preview" aria-label="Live preview">
        <div className="field-row">
          <h3>Live preview</h3>
          <label className="preview-target">
            Conversation #
            <input inputMode="numeric" aria-label="Preview with conversation" value={previewIdText} onChange={(e) => setPreviewIdText(e.target.value.trim())} size={6} />
          </label>
        </div>
        {previewId === null ? (
          <p className="muted">Open a conversation or enter its number to preview the macro with real values.</p>
        ) : unknown.length > 0 ? (
          <p className="muted">Fix the unknown variables to see the preview.</p>
        ) : (
          <MacroPreviewView preview={preview} error={previewError} label="Macro preview" />
        )}
      </aside>
    </form>
  );
}

/** The preview shows actions only once they are complete (a tag being typed is not yet one). */
function validAction(a: MacroAction): boolean {
  return (a.type !== 'addTag' && a.type !== 'removeTag') || a.tag.trim() !== '';
}
