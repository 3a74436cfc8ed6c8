import { useEffect, useRef, type ReactNode } from 'react';
import { useDialogStore } from './dialogStore';

/**
 * A modal dialog on the native <dialog>: the browser traps focus and makes the page inert;
 * Escape or a click on the backdrop closes it and focus returns where it was.
 */
export function Dialog({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useDialogStore((s) => s.close);
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-label={label}
      className={`dialog ${className ?? ''}`}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      onClick={(e) => {
        if (e.target === ref.current) close();
      }}
    >
      {children}
    </dialog>
  );
}
