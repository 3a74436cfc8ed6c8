import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [href], [tabindex]:not([tabindex="-1"])';

/**
 * A modal panel: Tab stays inside it, the console's single-key shortcuts stay out of it, Escape
 * closes it and focus goes back where it was, so no action loses the agent's place.
 */
export function Dialog({ label, onClose, className, children }: { label: string; onClose(): void; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  // Read while rendering: by the time effects run, autoFocus inside has already moved focus.
  const [before] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => () => before?.focus(), [before]);

  function onKeyDown(e: KeyboardEvent) {
    e.stopPropagation();
    if (e.key === 'Escape') return onClose();
    if (e.key !== 'Tab' || !ref.current) return;
    const focusable = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first?.focus();
    }
  }

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} className={`dialog ${className ?? ''}`} role="dialog" aria-modal="true" aria-label={label} onKeyDown={onKeyDown}>
        {children}
      </div>
    </div>
  );
}
