/** Typing in a field must never trigger a plain-key shortcut. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The inbox list is home base: actions that remove what had focus hand it back here. */
export function focusInboxList(): void {
  document.querySelector<HTMLElement>('.inbox-scroll')?.focus();
}

/**
 * Controls that shortcuts move to carry `data-command-target` (status, assign...), so a
 * shortcut does not depend on a control's markup.
 */
export function focusCommandTarget(name: string): boolean {
  const el = document.querySelector<HTMLElement>(`[data-command-target="${name}"]`);
  if (!el || (el as HTMLButtonElement).disabled) return false;
  el.focus();
  if (el instanceof HTMLSelectElement) {
    try {
      el.showPicker();
    } catch {
      // Not every engine opens a select on demand; focus alone still lets arrows choose.
    }
  }
  return true;
}
