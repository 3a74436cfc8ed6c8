/**
 * Scores how well `query` matches `text` as an in-order subsequence (case-insensitive); null
 * when it does not match. Consecutive letters and word starts score higher, so "sol" ranks
 * "Solve" above "Show all".
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  if (q === '') return 0;
  const t = text.toLowerCase();
  let score = 0;
  let ti = 0;
  let prev = -2;
  for (const ch of q) {
    if (ch === ' ') continue;
    const found = t.indexOf(ch, ti);
    if (found < 0) return null;
    score += 1;
    if (found === prev + 1) score += 2;
    if (found === 0 || t[found - 1] === ' ') score += 3;
    prev = found;
    ti = found + 1;
  }
  return score - t.length / 100;
}
