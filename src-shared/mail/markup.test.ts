import { describe, expect, it } from 'vitest';
import { markupToHtml, markupToText, parseInline } from './markup';

describe('markupToHtml', () => {
  it('formats bold, italic, links, lists and line breaks', () => {
    const text = 'Hi **Maya**,\nyour order is _on its way_.\n\nTrack it [here](https://ups.example/track?id=1Z&x=1).\n\n- Size M\n- Colour **blue**\n\nBest,\nSam';
    expect(markupToHtml(text)).toBe(
      [
        '<p>Hi <strong>Maya</strong>,<br>your order is <em>on its way</em>.</p>',
        '<p>Track it <a href="https://ups.example/track?id=1Z&amp;x=1" rel="noopener noreferrer">here</a>.</p>',
        '<ul><li>Size M</li><li>Colour <strong>blue</strong></li></ul>',
        '<p>Best,<br>Sam</p>',
      ].join('\n'),
    );
  });

  it('nests italic in bold and leaves snake_case and URLs with markers alone', () => {
    expect(markupToHtml('**very _much_ so**')).toBe('<p><strong>very <em>much</em> so</strong></p>');
    expect(markupToHtml('use order_number_field')).toBe('<p>use order_number_field</p>');
    expect(markupToHtml('[a](https://x.example/a_b_c**d**)')).toBe('<p><a href="https://x.example/a_b_c**d**" rel="noopener noreferrer">a</a></p>');
  });

  it('escapes every tag and attribute attempt', () => {
    const html = markupToHtml('<script>alert(1)</script> <img src=x onerror="alert(1)"> **<b>x</b>**');
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=&quot;alert(1)&quot;&gt; <strong>&lt;b&gt;x&lt;/b&gt;</strong></p>');
  });

  it('only links http, https and mailto; anything else stays text', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>x</script>', 'vbscript:x', '//evil.example', 'file:///etc/passwd']) {
      const html = markupToHtml(`[click](${href})`);
      expect(html).not.toContain('<a ');
      expect(html).not.toContain('<script');
    }
    expect(markupToHtml('[mail us](mailto:support@outpost.example)')).toBe('<p><a href="mailto:support@outpost.example" rel="noopener noreferrer">mail us</a></p>');
  });

  it('cannot break out of the href attribute', () => {
    const html = markupToHtml(`[x](https://a.example/"onmouseover="alert(1))`);
    expect(html).not.toMatch(/"onmouseover/);
    expect(markupToHtml("[x](https://a.example/'onclick='y)")).not.toMatch(/'onclick/);
    expect(parseInline('[x](https://a.example/"q)')).toEqual([{ type: 'text', text: '[x](https://a.example/"q)' }]);
  });
});

describe('markupToText', () => {
  it('drops the markers and spells out links', () => {
    expect(markupToText('Hi **Maya**, _thanks_!\n\nTrack it [here](https://ups.example/t).\n- one\n- two')).toBe('Hi Maya, thanks!\n\nTrack it here (https://ups.example/t).\n\n- one\n- two');
    expect(markupToText('[https://a.example](https://a.example)')).toBe('https://a.example');
  });
});
