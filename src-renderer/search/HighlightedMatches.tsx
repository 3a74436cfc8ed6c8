import { useEffect, useRef } from 'react';
import { Highlighted } from '../shared/Highlighted';
import { markTerms } from './matchHighlight';

/**
 * A message body with the search words marked; the first marked message scrolls into view so
 * the phrase the agent searched for is on screen, not only the thread's end.
 */
export function HighlightedMatches({ text, terms }: { text: string; terms: string[] }) {
  const marked = markTerms(text, terms);
  const ref = useRef<HTMLSpanElement>(null);
  const hasMatch = marked !== text;
  useEffect(() => {
    if (!hasMatch) return;
    const el = ref.current;
    // After the conversation view's own scroll to the latest message.
    const frame = requestAnimationFrame(() => {
      if (el && el.closest('.thread')?.querySelector('mark') === el.querySelector('mark')) el.querySelector('mark')?.scrollIntoView({ block: 'center' });
    });
    return () => cancelAnimationFrame(frame);
  }, [hasMatch, terms]);
  return (
    <span ref={ref}>
      <Highlighted text={marked} />
    </span>
  );
}
