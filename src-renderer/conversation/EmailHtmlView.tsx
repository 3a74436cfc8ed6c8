import { useMemo, useState } from 'react';

/**
 * A customer's HTML email, shown the way a careful mail client does: in an iframe sandboxed
 * without scripts and without our origin (`sandbox=""`: no allow-scripts, no allow-same-origin,
 * so nothing in it can run or reach the console), with its own strict CSP, and remote images
 * blocked (tracking pixels) until the agent asks for them. The HTML was already sanitized by the
 * hub; this is the second wall, not the only one.
 */
export function EmailHtmlView({ html, label }: { html: string; label: string }) {
  const [loadImages, setLoadImages] = useState(false);
  const remote = useMemo(() => hasRemoteImages(html), [html]);
  const srcDoc = useMemo(() => emailDocument(html, loadImages), [html, loadImages]);
  return (
    <div className="email-html">
      {remote && !loadImages && (
        <p className="email-images-blocked">
          Remote images are blocked to protect your privacy.{' '}
          <button type="button" className="link" onClick={() => setLoadImages(true)}>
            Load images
          </button>
        </p>
      )}
      <iframe title={label} className="email-html-frame" sandbox="" referrerPolicy="no-referrer" srcDoc={srcDoc} />
    </div>
  );
}

/** An <img>, srcset or CSS url() that points off the message (http, https, protocol-relative). */
export function hasRemoteImages(html: string): boolean {
  return /<img\b[^>]*\b(src|srcset)\s*=\s*["']?\s*(https?:)?\/\//i.test(html) || /url\(\s*["']?\s*(https?:)?\/\//i.test(html);
}

export function emailDocument(html: string, loadImages: boolean): string {
  const images = loadImages ? 'data: https: http:' : 'data:';
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src ${images}; font-src data:; form-action 'none'; base-uri 'none'`;
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><meta name="referrer" content="no-referrer"><style>body{margin:0;font:14px/1.45 system-ui,sans-serif;color:#1d2230;background:#fff;overflow-wrap:anywhere}img{max-width:100%;height:auto}</style></head><body>${html}</body></html>`;
}
