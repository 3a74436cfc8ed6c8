import { useEffect, useRef, useState } from 'react';
import type { Message } from '../../src-shared/domain';
import { splitQuoted } from '../../src-shared/mail/quoted';
import { HighlightedMatches } from '../search/HighlightedMatches';
import { markTerms } from '../search/matchHighlight';
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
  const [open, setOpen] = useState(() => quoted !== null && terms !== null && markTerms(quoted, terms) !== quoted);
  const block = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = block.current;
    if (!el || open) return;
    // "until-found": collapsed but findable; the browser fires beforematch when find lands inside.
    el.setAttribute('hidden', 'until-found');
    const reveal = () => setOpen(true);
    el.addEventListener('beforematch', reveal);
    return () => el.removeEventListener('beforematch', reveal);
  }, [open, quoted]);

  // Formatting is shown for what we sent with an HTML part; inbound HTML waits for a sandboxed viewer.
  const formatted = !inbound && message.html !== null;
  const text = (t: string) => (terms ? <HighlightedMatches text={t} terms={terms} /> : t);
  const regionId = `quoted-${message.id}`;
  return (
    <>
      {formatted ? <MarkupText text={body} terms={terms} /> : <div className="message-body">{text(body)}</div>}
      {quoted !== null && (
        <>
          <button type="button" className="link quoted-toggle" aria-expanded={open} aria-controls={regionId} onClick={() => setOpen(!open)}>
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
