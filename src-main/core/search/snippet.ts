/**
 * Snippets built in code from the hit's text. FTS5's snippet() re-reads the whole match for
 * every row it is asked about, which cost up to 200 ms per search over a million messages;
 * the hits' texts are already a primary-key lookup away.
 *
 * Matching mirrors the index's tokenizer (unicode61, diacritics removed, case folded): a token
 * matches when it equals a search term, or starts with the last term while the agent types.
 */

const WORD = /[\p{L}\p{N}]+/gu;

export function foldToken(token: string): string {
  return token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export interface SnippetTerms {
  exact: Set<string>;
  prefix: string | null;
}

export function snippetTerms(query: string): SnippetTerms {
  const tokens = (query.match(WORD) ?? []).map(foldToken);
  const typing = !/\s$/.test(query) && (tokens.at(-1)?.length ?? 0) >= 2;
  return { exact: new Set(typing ? tokens.slice(0, -1) : tokens), prefix: typing ? (tokens.at(-1) ?? null) : null };
}

function matches(terms: SnippetTerms, token: string): boolean {
  const folded = foldToken(token);
  return terms.exact.has(folded) || (terms.prefix !== null && folded.startsWith(terms.prefix));
}

/** Up to `width` words around the first match, matches wrapped in \u0002…\u0003, ellipses where cut. */
export function buildSnippet(text: string, terms: SnippetTerms, width = 16): string {
  const words = [...text.matchAll(WORD)];
  if (words.length === 0) return '';
  const first = Math.max(0, words.findIndex((w) => matches(terms, w[0])));
  const start = Math.max(0, Math.min(first - Math.floor(width / 4), words.length - width));
  const end = Math.min(words.length, start + width);
  const from = start === 0 ? 0 : words[start]!.index!;
  const to = end === words.length ? text.length : words[end - 1]!.index! + words[end - 1]![0].length;
  let out = '';
  let cursor = from;
  for (let i = start; i < end; i++) {
    const w = words[i]!;
    if (!matches(terms, w[0])) continue;
    out += text.slice(cursor, w.index) + '\u0002' + w[0] + '\u0003';
    cursor = w.index! + w[0].length;
  }
  out += text.slice(cursor, to);
  return (start > 0 ? '…' : '') + out.replace(/\s+/g, ' ').trim() + (end < words.length ? '…' : '');
}
