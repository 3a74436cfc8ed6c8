/**
 * The core marks matches as \u0002…\u0003 so highlighting never needs HTML: the text is split
 * on the markers and the matched parts rendered as <mark> elements, escaping everything else.
 */
export function Highlighted({ text }: { text: string }) {
  const parts: Array<{ text: string; match: boolean }> = [];
  let rest = text;
  while (rest.length > 0) {
    const start = rest.indexOf('\u0002');
    if (start < 0) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false });
    const end = rest.indexOf('\u0003', start + 1);
    const stop = end < 0 ? rest.length : end;
    parts.push({ text: rest.slice(start + 1, stop), match: true });
    rest = rest.slice(stop + 1);
  }
  return (
    <>
      {parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}
