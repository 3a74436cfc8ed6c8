import { describe, expect, it } from 'vitest';
import { markTerms, queryTerms } from './matchHighlight';

const m = (s: string) => `\u0002${s}\u0003`;

describe('search match highlighting in the thread', () => {
  it('splits a query into lowercase words, in order', () => {
    expect(queryTerms('Where is my ORDER, order?')).toEqual(['where', 'is', 'my', 'order', 'order']);
  });

  it('marks the whole phrase where the text has it, across case and spacing', () => {
    expect(markTerms('Is there any way to\nspeed it up?', queryTerms('any way to speed'))).toBe(`Is there ${m('any way to\nspeed')} it up?`);
  });

  it('otherwise marks each whole word, never the inside of a longer word', () => {
    expect(markTerms('Order the box: there, reorder', queryTerms('the order'))).toBe(`${m('Order')} ${m('the')} box: there, reorder`);
  });

  it('treats terms as text, not patterns', () => {
    expect(markTerms('cost 5.99 or 5x99', ['5.99'])).toBe(`cost ${m('5.99')} or 5x99`);
  });
});
