import type { ReactNode } from 'react';
import { parseMarkup, type Inline } from '../../src-shared/mail/markup';
import { HighlightedMatches } from '../search/HighlightedMatches';

/**
 * An email reply's formatting (**bold**, _italic_, links, "- " lists) as React elements, from the
 * same parser that writes the email's HTML part: no HTML string ever reaches the DOM.
 */
export function MarkupText({ text, terms }: { text: string; terms: string[] | null }) {
  return (
    <div className="markup">
      {parseMarkup(text).map((b, i) =>
        b.type === 'list' ? (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>{inlines(item, terms)}</li>
            ))}
          </ul>
        ) : (
          <p key={i}>
            {b.lines.map((line, j) => (
              <span key={j}>
                {j > 0 && <br />}
                {inlines(line, terms)}
              </span>
            ))}
          </p>
        ),
      )}
    </div>
  );
}

function inlines(nodes: Inline[], terms: string[] | null): ReactNode[] {
  return nodes.map((n, i) => {
    if (n.type === 'text') return terms ? <HighlightedMatches key={i} text={n.text} terms={terms} /> : <span key={i}>{n.text}</span>;
    if (n.type === 'link') {
      return (
        <a key={i} href={n.href} target="_blank" rel="noopener noreferrer">
          {n.text}
        </a>
      );
    }
    return n.type === 'strong' ? <strong key={i}>{inlines(n.children, terms)}</strong> : <em key={i}>{inlines(n.children, terms)}</em>;
  });
}
