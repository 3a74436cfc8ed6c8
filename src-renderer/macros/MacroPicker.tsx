import { useEffect, useState } from 'react';
import type { MacroListItem } from '../../src-shared/api';
import { api, describeError } from '../api/api';
import { useComposerStore } from '../conversation/composerStore';
import { BulkMacroSend } from './BulkMacroSend';
import { Dialog } from '../shared/Dialog';
import { MacroPreviewView } from './MacroPreviewView';
import { useMacroList } from './useMacroList';
import { useMacroPreview } from './useMacroPreview';
import './macros.css';

export interface MacroPickerProps {
  conversationIds: number[];
  onClose(): void;
}

/**
 * Search, pick and apply a macro. For one conversation the rendered text goes to the composer
 * (and the actions run); for many it is sent to each after a confirmation.
 */
export function MacroPicker({ conversationIds, onClose }: MacroPickerProps) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const [confirming, setConfirming] = useState<MacroListItem | null>(null);
  const [applyError, setApplyError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { list, error } = useMacroList(query);
  const macros = list?.macros ?? [];
  const selected = macros[Math.min(index, macros.length - 1)] ?? null;
  const bulk = conversationIds.length > 1;
  const first = conversationIds[0] ?? null;
  const { preview, error: previewError } = useMacroPreview(selected ? { id: selected.id } : null, first);

  useEffect(() => setIndex(0), [query]);

  async function apply(macro: MacroListItem) {
    if (bulk) return setConfirming(macro);
    if (first === null) return;
    setBusy(true);
    setApplyError(null);
    try {
      const { results } = await api.call('macro.apply', { macroId: macro.id, conversationIds: [first], mode: 'fill' });
      const r = results[0];
      if (r?.status !== 'applied') throw new Error(r && 'error' in r ? r.error : 'the macro was not applied');
      if (r.text.trim()) useComposerStore.getState().insert(first, r.text);
      onClose();
      // The agent reviews and sends next: land in the reply box, not back on the list.
      useComposerStore.getState().requestFocus(first, 'reply');
    } catch (e) {
      setApplyError(describeError(e).message);
      setBusy(false);
    }
  }

  const title = bulk ? `Apply a macro to ${conversationIds.length.toLocaleString()} conversations` : 'Apply a macro';
  if (confirming) {
    return (
      <Dialog label={title} onClose={onClose}>
        <BulkMacroSend macro={confirming} conversationIds={conversationIds} onBack={() => setConfirming(null)} onClose={onClose} />
      </Dialog>
    );
  }
  return (
    <Dialog label={title} onClose={onClose} className="macro-picker">
      <header className="dialog-header">
        <h2>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close macros" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="macro-picker-body">
        <div className="macro-picker-list">
          <input
            autoFocus
            type="search"
            role="combobox"
            aria-expanded="true"
            aria-autocomplete="list"
            className="macro-search"
            aria-label="Search macros"
            aria-controls="macro-picker-options"
            aria-activedescendant={selected ? `macro-option-${selected.id}` : undefined}
            placeholder="Search macros…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                const step = e.key === 'ArrowDown' ? 1 : -1;
                setIndex((i) => Math.max(0, Math.min(macros.length - 1, i + step)));
              } else if (e.key === 'Enter' && selected && !busy) {
                e.preventDefault();
                void apply(selected);
              }
            }}
          />
          {error && (
            <div className="inline-error" role="alert">
              Could not load macros: {error}
            </div>
          )}
          {!list && !error && <p className="muted macro-empty">Loading macros…</p>}
          {list && macros.length === 0 && <p className="empty-state macro-empty">{query ? `No macro matches “${query}”.` : 'No macros yet. Create one in the macro manager.'}</p>}
          <ul id="macro-picker-options" role="listbox" aria-label="Macros" className="macro-options">
            {macros.map((m, i) => (
              <li
                key={m.id}
                id={`macro-option-${m.id}`}
                role="option"
                aria-selected={m.id === selected?.id}
                className="macro-option"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => setIndex(i)}
                onDoubleClick={() => void apply(m)}
              >
                <span className="macro-option-name">{m.name}</span>
                <span className="macro-option-meta">
                  {m.scope === 'personal' ? 'Personal' : 'Shared'} · used {m.usageCount.toLocaleString()}×
                </span>
              </li>
            ))}
          </ul>
        </div>
        <div className="macro-picker-preview">
          {selected ? (
            <>
              <h3>{selected.name}</h3>
              {bulk && <p className="muted">Example: the first of the {conversationIds.length.toLocaleString()} selected conversations.</p>}
              <MacroPreviewView preview={preview} error={previewError} label="Macro preview" />
            </>
          ) : (
            <p className="muted">Pick a macro to see it filled in for this conversation.</p>
          )}
          {applyError && (
            <div className="inline-error" role="alert">
              Could not apply the macro: {applyError}
            </div>
          )}
          <footer className="dialog-footer">
            <span className="hint">
              <kbd>↑</kbd> <kbd>↓</kbd> to choose, <kbd>Enter</kbd> to apply, <kbd>Esc</kbd> to close
            </span>
            <button type="button" className="primary" disabled={!selected || busy} onClick={() => selected && void apply(selected)}>
              {bulk ? 'Apply to all…' : busy ? 'Applying…' : 'Apply'}
            </button>
          </footer>
        </div>
      </div>
    </Dialog>
  );
}
