import { useRef, useState } from 'react';

export type ThenStatus = 'pending' | 'solved' | undefined;

const CHOICES: { then: ThenStatus; label: string; keys: string }[] = [
  { then: undefined, label: 'Send', keys: 'Ctrl+Enter' },
  { then: 'pending', label: 'Send and set Pending', keys: '' },
  { then: 'solved', label: 'Send and Solve', keys: 'Ctrl+Shift+Enter' },
];

/** Send, or send and set the status in one step: a split button whose menu names its shortcuts. */
export function SendButton({ disabled, busy, onSend }: { disabled: boolean; busy: boolean; onSend: (then: ThenStatus) => void }) {
  const [open, setOpen] = useState(false);
  const menuRef = useRef<HTMLUListElement>(null);
  const choose = (then: ThenStatus) => {
    setOpen(false);
    onSend(then);
  };
  return (
    <div className="split-button" onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && setOpen(false)}>
      <button type="submit" className="primary" disabled={disabled} title="Ctrl+Enter">
        {busy ? 'Sending…' : 'Send reply'}
      </button>
      <button
        type="button"
        className="primary split-toggle"
        aria-label="More send options"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={disabled}
        onClick={() => {
          setOpen((o) => !o);
          requestAnimationFrame(() => menuRef.current?.querySelector('button')?.focus());
        }}
      >
        ▾
      </button>
      {open && (
        <ul className="send-menu" role="menu" aria-label="Send options" ref={menuRef} onKeyDown={(e) => menuKeys(e, () => setOpen(false))}>
          {CHOICES.map((c) => (
            <li key={c.label} role="none">
              <button type="button" role="menuitem" onClick={() => choose(c.then)}>
                <span>{c.label}</span>
                {c.keys && <kbd>{c.keys}</kbd>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** ↑/↓ move between items, Esc closes: what a menu does everywhere else. */
function menuKeys(e: React.KeyboardEvent<HTMLUListElement>, close: () => void): void {
  const items = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
  const at = items.indexOf(document.activeElement as HTMLButtonElement);
  if (e.key === 'Escape') {
    e.preventDefault();
    close();
  } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
  }
}
