import sanitizeHtml from 'sanitize-html';

/**
 * Attributes the console's email view reads (src-renderer, sandboxed iframe without scripts):
 * an inline image points at its stored blob by content hash, and a remote image keeps its address
 * without loading it until the agent asks to ("load images"), so opening a mail tracks nobody.
 */
export const INLINE_IMAGE_ATTR = 'data-outpost-blob';
export const REMOTE_IMAGE_ATTR = 'data-outpost-remote-src';

const TAGS = [
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'font',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'li', 'ol', 'p', 'pre', 'q', 's', 'small', 'span', 'strike', 'strong', 'sub',
  'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul',
];
const LAYOUT = ['align', 'valign', 'width', 'height', 'colspan', 'rowspan', 'cellpadding', 'cellspacing', 'border', 'bgcolor', 'color', 'face', 'size', 'dir', 'title'];
/** Inline styles survive only as these properties with plain values: no url(), no expression(), no positioning over the console. */
const SAFE_VALUE = [/^[#\w\s.,%()'"-]*$/];
const STYLES = Object.fromEntries(
  ['color', 'background-color', 'font-size', 'font-weight', 'font-style', 'font-family', 'text-align', 'text-decoration', 'line-height', 'margin', 'padding', 'border', 'width', 'vertical-align'].map((p) => [p, SAFE_VALUE]),
);

/**
 * The sender's HTML, allowlisted: no scripts, forms, frames, event handlers or stylesheets; links
 * only to http(s) and mailto and opened outside; `cid:` images mapped to their blob; remote
 * images parked in a data attribute.
 */
export function sanitizeEmailHtml(html: string, inlineBlobs: ReadonlyMap<string, string>): string {
  return sanitizeHtml(html, {
    allowedTags: TAGS,
    allowedAttributes: {
      '*': [...LAYOUT, 'style'],
      a: ['href', 'name', 'rel', 'target'],
      img: ['alt', 'width', 'height', INLINE_IMAGE_ATTR, REMOTE_IMAGE_ATTR],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedStyles: { '*': STYLES },
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer', target: '_blank' } }),
      img: (tagName, attribs) => {
        const { src = '', ...rest } = attribs;
        const cid = /^cid:(.+)$/i.exec(src.trim());
        if (cid) {
          const hash = inlineBlobs.get(cid[1]!.replace(/^<|>$/g, ''));
          return { tagName, attribs: hash ? { ...rest, [INLINE_IMAGE_ATTR]: hash } : rest };
        }
        return { tagName, attribs: /^https?:\/\//i.test(src.trim()) ? { ...rest, [REMOTE_IMAGE_ATTR]: src.trim() } : rest };
      },
    },
    // A remote image attribute is text, never fetched; sanitize-html must not drop it as a URL.
    allowedSchemesAppliedToAttributes: ['href'],
    nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title', 'head'],
  });
}
