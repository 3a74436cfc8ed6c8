/**
 * Turns what an agent types into a safe FTS5 query: every term is quoted (so `-`, `:`, `"`,
 * `OR` are just text), terms must all match, and the last term is a prefix while typing.
 * A term holding several tokens (an email address, "NW-10023") becomes a phrase.
 * Returns null when nothing searchable is left.
 */
export function toFtsQuery(input: string): string | null {
  const terms = input
    .split(/\s+/)
    .map((term) => term.match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((tokens) => tokens.length > 0);
  if (terms.length === 0) return null;
  const words = input.trim().split(/\s+/);
  // A complete email address is looked up exactly: a prefix on its ".com" would read the
  // doclists of every token starting with "com".
  const lastIsEmail = /^[^@\s]+@[^@\s]+\.[\p{L}]{2,}$/u.test(words.at(-1) ?? '');
  const endsWithSpace = /\s$/.test(input) || lastIsEmail;
  return terms
    .map((tokens, i) => {
      const phrase = `"${tokens.join(' ')}"`;
      const last = tokens[tokens.length - 1] ?? '';
      const isLast = i === terms.length - 1;
      // One-letter prefixes match most of the corpus: not worth the work while typing.
      return isLast && !endsWithSpace && last.length >= 2 ? `${phrase} *` : phrase;
    })
    .join(' ');
}
