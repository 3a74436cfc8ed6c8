import type { RefObject } from 'react';
import { applyFormat, type FormatCommand } from './formatting';

const BUTTONS: { command: FormatCommand; label: string; keys?: string; face: string; className?: string }[] = [
  { command: 'bold', label: 'Bold', keys: 'Ctrl+B', face: 'B', className: 'face-bold' },
  { command: 'italic', label: 'Italic', keys: 'Ctrl+I', face: 'I', className: 'face-italic' },
  { command: 'link', label: 'Link', face: 'Link' },
  { command: 'list', label: 'Bulleted list', face: '• List' },
];

/** Applies a formatting command to the textarea and puts the selection where the agent types next. */
export function formatTextarea(textarea: HTMLTextAreaElement | null, command: FormatCommand, onChange: (text: string) => void): void {
  if (!textarea) return;
  const next = applyFormat(command, { text: textarea.value, start: textarea.selectionStart, end: textarea.selectionEnd });
  onChange(next.text);
  requestAnimationFrame(() => {
    textarea.focus();
    textarea.setSelectionRange(next.start, next.end);
  });
}

/** Ctrl/Cmd+B and Ctrl/Cmd+I in the textarea; true when the key was a formatting shortcut. */
export function formatShortcut(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): FormatCommand | null {
  if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey) return null;
  const key = e.key.toLowerCase();
  return key === 'b' ? 'bold' : key === 'i' ? 'italic' : null;
}

/** Email formatting: the markup it writes is what the thread and the email's HTML part show. */
export function FormatToolbar({ textarea, onChange }: { textarea: RefObject<HTMLTextAreaElement | null>; onChange: (text: string) => void }) {
  return (
    <div className="format-toolbar" role="toolbar" aria-label="Formatting">
      {BUTTONS.map((b) => (
        <button
          key={b.command}
          type="button"
          className={b.className}
          aria-label={b.label}
          title={b.keys ? `${b.label} (${b.keys})` : b.label}
          // Keep the textarea's selection: the button must not take focus on press.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => formatTextarea(textarea.current, b.command, onChange)}
        >
          {b.face}
        </button>
      ))}
    </div>
  );
}
