import { describe, expect, it } from 'vitest';
import { emailDocument, hasRemoteImages } from './EmailHtmlView';

describe('the sandboxed email document', () => {
  it('blocks remote images in its CSP until asked, and never allows scripts', () => {
    const blocked = emailDocument('<p>Hi</p>', false);
    expect(blocked).toMatch(/default-src 'none'; style-src 'unsafe-inline'; img-src data:;/);
    expect(emailDocument('<p>Hi</p>', true)).toMatch(/img-src data: https: http:;/);
    for (const doc of [blocked, emailDocument('<p>Hi</p>', true)]) expect(doc).not.toMatch(/script-src/);
  });

  it('spots remote images in img src, srcset and CSS, but not inline data or cid images', () => {
    expect(hasRemoteImages('<img src="https://track.example/p.gif">')).toBe(true);
    expect(hasRemoteImages("<img alt=x srcset='//cdn.example/a.png 2x'>")).toBe(true);
    expect(hasRemoteImages('<td style="background:url(http://x.example/b.png)">')).toBe(true);
    expect(hasRemoteImages('<img src="data:image/png;base64,AAAA"><img src="cid:logo@shop">')).toBe(false);
  });
});
