import { useState } from 'react';
import type { MacroListItem } from '../../src-shared/api';
import { Dialog } from '../shared/Dialog';
import { MacroEditor } from './MacroEditor';
import { useMacroList } from './useMacroList';
import './macros.css';

type Selection = { kind: 'none' } | { kind: 'new' } | { kind: 'macro'; id: number };

/** Every macro I can use, with scope and usage; create, edit and delete beside a live preview. */
export function MacroManager({ onClose }: { onClose(): void }) {
  const [query, setQuery] = useState('');
  const [selection, setSelection] = useState<Selection>({ kind: 'none' });
  const { list, error, reload } = useMacroList(query);
  const macros = list?.macros ?? [];
  const current: MacroListItem | null = selection.kind === 'macro' ? (macros.find((m) => m.id === selection.id) ?? null) : null;

  return (
    <Dialog label="Macro manager" onClose={onClose} className="macro-manager">
      <header className="dialog-header">
        <h2>Macros</h2>
        <button type="button" className="secondary" onClick={() => setSelection({ kind: 'new' })}>
          New macro
        </button>
        <button type="button" className="icon-button" aria-label="Close macro manager" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="macro-manager-body">
        <div className="macro-manager-list">
          <input type="search" className="macro-search" aria-label="Search macros" placeholder="Search macros…" value={query} onChange={(e) => setQuery(e.target.value)} />
          {error && (
            <div className="inline-error" role="alert">
              Could not load macros: {error}
            </div>
          )}
          {!list && !error && <p className="muted macro-empty">Loading macros…</p>}
          {list && macros.length === 0 && <p className="empty-state macro-empty">{query ? `No macro matches “${query}”.` : 'No macros yet.'}</p>}
          <ul aria-label="Macros" className="macro-options">
            {macros.map((m) => (
              <li key={m.id}>
                <button type="button" className="macro-option" aria-current={current?.id === m.id ? 'true' : undefined} onClick={() => setSelection({ kind: 'macro', id: m.id })}>
                  <span className="macro-option-name">{m.name}</span>
                  <span className="macro-option-meta">
                    {m.scope === 'personal' ? 'Personal' : 'Shared'} · used {m.usageCount.toLocaleString()}×
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
        {selection.kind === 'none' || (selection.kind === 'macro' && !current) ? (
          <div className="empty-state macro-manager-empty">
            <p>{selection.kind === 'none' ? 'Pick a macro to edit it, or create a new one.' : 'Loading macro…'}</p>
          </div>
        ) : (
          <MacroEditor
            key={selection.kind === 'new' ? 'new' : selection.id}
            macro={current}
            canEditShared={list?.canEditShared ?? false}
            onSaved={(m) => {
              // A search that hides the saved macro would leave it unselectable.
              setQuery('');
              reload();
              setSelection({ kind: 'macro', id: m.id });
            }}
            onDeleted={() => {
              reload();
              setSelection({ kind: 'none' });
            }}
          />
        )}
      </div>
    </Dialog>
  );
}
