import { describe, expect, it } from 'vitest';
import { markTerms, queryTerms } from './matchHighlight';

describe('search match highlighting in the thread', () => {
  it('splits a query into distinct lowercase words', () => {
    expect(queryTerms('Where is my ORDER, order?')).toEqual(['where', 'is', 'my', 'order']);
  });

  it('marks word starts in any case, never the middle of a word', () => {
    expect(markTerms('Order ordered; reorder', ['order'])).toBe('\u0002Order\u0003 \u0002order\u0003ed; reorder');
  });

  it('treats terms as text, not patterns', () => {
    expect(markTerms('a.b axb', ['a.b'])).toBe('\u0002a.b\u0003 axb');
    expect(markTerms('cost 5.99 now', ['5.99'])).toBe('cost \u00025.99\u0003 now');
  });
});
