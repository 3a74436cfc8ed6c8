/** A textarea's value and selection: what a formatting command reads and returns. */
export interface TextEdit {
  text: string;
  start: number;
  end: number;
}

export type FormatCommand = 'bold' | 'italic' | 'link' | 'list';

const MARKERS = { bold: '**', italic: '_' } as const;

/** Wraps the selection in the markers, or unwraps it when it already is; with no selection the caret lands between them. */
function wrap({ text, start, end }: TextEdit, marker: string): TextEdit {
  const before = text.slice(0, start);
  const after = text.slice(end);
  if (before.endsWith(marker) && after.startsWith(marker)) {
    return { text: before.slice(0, -marker.length) + text.slice(start, end) + after.slice(marker.length), start: start - marker.length, end: end - marker.length };
  }
  return { text: `${before}${marker}${text.slice(start, end)}${marker}${after}`, start: start + marker.length, end: end + marker.length };
}

/** "[selection](https://)" with the URL selected to type over; a selected URL becomes the link's target instead. */
function link({ text, start, end }: TextEdit): TextEdit {
  const selected = text.slice(start, end);
  const before = text.slice(0, start);
  const after = text.slice(end);
  if (/^(https?:\/\/|mailto:)\S+$/i.test(selected)) {
    return { text: `${before}[link text](${selected})${after}`, start: start + 1, end: start + 10 };
  }
  const label = selected || 'link text';
  const at = start + label.length + 3;
  return { text: `${before}[${label}](https://)${after}`, start: selected ? at : start + 1, end: selected ? at + 8 : start + 1 + label.length };
}

/** Makes every line the selection touches a "- " list item, or plain again when all already are. */
function list({ text, start, end }: TextEdit): TextEdit {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  const to = lineEnd < 0 ? text.length : lineEnd;
  const lines = text.slice(from, to).split('\n');
  const unlist = lines.every((l) => l.startsWith('- '));
  const next = lines.map((l) => (unlist ? l.slice(2) : `- ${l}`)).join('\n');
  const shift = unlist ? -2 : 2;
  return { text: text.slice(0, from) + next + text.slice(to), start: Math.max(from, start + shift), end: from + next.length - (to - end) };
}

export function applyFormat(command: FormatCommand, edit: TextEdit): TextEdit {
  if (command === 'link') return link(edit);
  if (command === 'list') return list(edit);
  return wrap(edit, MARKERS[command]);
}
