import { describe, expect, it } from 'vitest';
import { buildSnippet, snippetTerms } from './snippet';

describe('buildSnippet', () => {
  it('marks whole terms and the prefix being typed, folding case and accents', () => {
    const s = buildSnippet('Hi, my Café order #NW10023 still shows tracking label created.', snippetTerms('cafe trac'));
    expect(s).toBe('Hi, my \u0002Café\u0003 order #NW10023 still shows \u0002tracking\u0003 label created.');
  });

  it('cuts a long text around the first match with ellipses', () => {
    const text = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ') + ' refund ' + Array.from({ length: 60 }, (_, i) => `z${i}`).join(' ');
    const s = buildSnippet(text, snippetTerms('refund '), 10);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('\u0002refund\u0003');
    expect(s.split(' ')).toHaveLength(10);
  });

  it('does not treat a finished word as a prefix', () => {
    expect(buildSnippet('refunded and refund', snippetTerms('refund '))).toBe('refunded and \u0002refund\u0003');
  });
});
