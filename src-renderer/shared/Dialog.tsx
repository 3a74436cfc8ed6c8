import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Every modal of the console, on the native <dialog>: the browser traps focus and makes the
 * page inert. Keys typed inside never reach the console's single-key shortcuts; Escape or a click
 * on the backdrop closes it, and focus goes back where it was, so no action loses the agent's place.
 */
export function Dialog({ label, onClose, className, children }: { label: string; onClose(): void; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  // Read while rendering: by the time effects run, autoFocus inside has already moved focus.
  const [before] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) {
      // A child's autoFocus cannot land while the dialog is still closed, and showModal() picks
      // the first focusable element: start in the dialog's first text field when it has one.
      el.showModal();
      el.querySelector<HTMLElement>('input:not([type=checkbox]):not([type=radio]), textarea')?.focus();
    }
    return () => before?.focus();
  }, [before]);
  return (
    <dialog
      ref={ref}
      aria-label={label}
      className={`dialog ${className ?? ''}`}
      onKeyDown={(e) => e.stopPropagation()}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
    >
      {children}
    </dialog>
  );
}
