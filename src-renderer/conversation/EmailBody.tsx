import { useEffect, useRef, useState } from 'react';
import type { Message } from '../../src-shared/domain';
import { splitQuoted } from '../../src-shared/mail/quoted';
import { HighlightedMatches } from '../search/HighlightedMatches';
import { markTerms, queryTerms } from '../search/matchHighlight';
import { EmailHtmlView } from './EmailHtmlView';
import { MarkupText } from './MarkupText';

/**
 * An email's own words, with the history it quotes folded behind "Show quoted text" like a mail
 * client does. The folded part stays in the page (hidden until found), so the browser's find
 * and a search hit inside it still reach it: a search match there opens it.
 */
export function EmailBody({ message, terms }: { message: Message; terms: string[] | null }) {
  // Only what customers send carries history; our own replies are shown whole, signature included.
  const inbound = message.direction === 'inbound';
  const { body, quoted } = inbound ? splitQuoted(message.text) : { body: message.text, quoted: null };
  // Open while the searched phrase sits in the quoted part (not merely one of its words), until the agent toggles it themselves.
  const [toggled, setToggled] = useState<boolean | null>(null);
  const open = toggled ?? (quoted !== null && terms !== null && hasWholeQuery(quoted, terms));
  const block = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = block.current;
    if (!el || open) return;
    // "until-found": collapsed but findable; the browser fires beforematch when find lands inside.
    el.setAttribute('hidden', 'until-found');
    const reveal = () => setToggled(true);
    el.addEventListener('beforematch', reveal);
    return () => el.removeEventListener('beforematch', reveal);
  }, [open, quoted]);

  // Formatting is shown for what we sent with an HTML part (our own markup, rendered as React elements).
  const formatted = !inbound && message.html !== null;
  const [asText, setAsText] = useState(false);
  const text = (t: string) => (terms ? <HighlightedMatches text={t} terms={terms} /> : t);
  const regionId = `quoted-${message.id}`;
  // A customer's HTML goes into the sandboxed viewer; the plain text stays one click away (and is what search highlights).
  if (inbound && message.html !== null && message.html.trim() !== '' && !asText && terms === null) {
    return (
      <>
        <EmailHtmlView html={message.html} label={`Email from the customer, ${new Date(message.createdAt).toLocaleString()}`} />
        <button type="button" className="link" onClick={() => setAsText(true)}>
          Show as plain text
        </button>
      </>
    );
  }
  return (
    <>
      {formatted ? <MarkupText text={body} terms={terms} /> : <div className="message-body">{text(body)}</div>}
      {quoted !== null && (
        <>
          <button type="button" className="link quoted-toggle" aria-expanded={open} aria-controls={regionId} onClick={() => setToggled(!open)}>
            {open ? 'Hide quoted text' : 'Show quoted text'}
          </button>
          <div ref={block} id={regionId} className="message-body quoted-text" hidden={!open} aria-label="Quoted text">
            {text(quoted)}
          </div>
        </>
      )}
    </>
  );
}

/** The whole query, not just a stray word of it, is in the text. */
function hasWholeQuery(text: string, terms: string[]): boolean {
  const wanted = terms.join(' ');
  const marked = markTerms(text, terms).split('\u0002').slice(1);
  return marked.some((m) => queryTerms(m.slice(0, m.indexOf('\u0003'))).join(' ') === wanted);
}
