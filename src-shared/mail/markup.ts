/**
 * The composer's lightweight email formatting: **bold**, _italic_, [text](https://url) and "- " list lines.
 * One parser feeds both the HTML part of an outgoing email and the thread's React renderer, so what
 * the agent sees is what the customer gets. Every piece of text is escaped on the way out and links
 * only ever point to http, https or mailto: there is no way to smuggle markup or script through.
 */
export type Inline = { type: 'text'; text: string } | { type: 'strong' | 'em'; children: Inline[] } | { type: 'link'; href: string; text: string };
export type Block = { type: 'paragraph'; lines: Inline[][] } | { type: 'list'; items: Inline[][] };

const SAFE_HREF = /^(https?:\/\/[^\s<>"']+|mailto:[^\s<>"']+)$/i;
const LIST_ITEM = /^\s*[-*] (.*)$/;
// Links first, so "**" or "_" inside a URL never start formatting; "_" only at word edges, so snake_case stays.
const INLINE = /\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*(.+?)\*\*|(?<![\p{L}\p{N}_])_(?!\s)(.+?)(?<!\s)_(?![\p{L}\p{N}_])/u;

export function isSafeHref(href: string): boolean {
  return SAFE_HREF.test(href);
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  for (let m = INLINE.exec(rest); m; m = INLINE.exec(rest)) {
    if (m.index > 0) out.push({ type: 'text', text: rest.slice(0, m.index) });
    const [whole, linkText, href, bold, italic] = m;
    if (linkText !== undefined && href !== undefined) out.push(isSafeHref(href) ? { type: 'link', href, text: linkText } : { type: 'text', text: whole });
    else if (bold !== undefined) out.push({ type: 'strong', children: parseInline(bold) });
    else out.push({ type: 'em', children: parseInline(italic ?? '') });
    rest = rest.slice(m.index + whole.length);
  }
  if (rest !== '') out.push({ type: 'text', text: rest });
  return out;
}

/** Paragraphs are separated by blank lines; consecutive "- " lines make a bulleted list. */
export function parseMarkup(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const item = LIST_ITEM.exec(line);
    if (line.trim() === '') current = null;
    else if (item) {
      if (current?.type !== 'list') blocks.push((current = { type: 'list', items: [] }));
      current.items.push(parseInline(item[1]!));
    } else {
      if (current?.type !== 'paragraph') blocks.push((current = { type: 'paragraph', lines: [] }));
      current.lines.push(parseInline(line));
    }
  }
  return blocks;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function inlineHtml(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      if (n.type === 'text') return escapeHtml(n.text);
      if (n.type === 'link') return `<a href="${escapeHtml(n.href)}" rel="noopener noreferrer">${escapeHtml(n.text)}</a>`;
      const tag = n.type === 'strong' ? 'strong' : 'em';
      return `<${tag}>${inlineHtml(n.children)}</${tag}>`;
    })
    .join('');
}

export function markupToHtml(text: string): string {
  return parseMarkup(text)
    .map((b) => (b.type === 'list' ? `<ul>${b.items.map((i) => `<li>${inlineHtml(i)}</li>`).join('')}</ul>` : `<p>${b.lines.map(inlineHtml).join('<br>')}</p>`))
    .join('\n');
}

function inlineText(nodes: Inline[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.text : n.type === 'link' ? (n.href === n.text || `mailto:${n.text}` === n.href ? n.text : `${n.text} (${n.href})`) : inlineText(n.children))).join('');
}

/** The plain-text alternative of the same email: markers dropped, links spelled out. */
export function markupToText(text: string): string {
  return parseMarkup(text)
    .map((b) => (b.type === 'list' ? b.items.map((i) => `- ${inlineText(i)}`).join('\n') : b.lines.map(inlineText).join('\n')))
    .join('\n\n');
}
