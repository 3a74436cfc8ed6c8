import fs from 'node:fs';
import type http from 'node:http';
import { sanitizeFilename } from '../../../src-shared/api';
import type { StoredBlob } from '../attachments/blob-store';

/** Types a browser may render inline-safe; anything else (HTML, SVG, scripts) is served as opaque bytes. */
const SAFE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'application/pdf', 'text/plain']);

export const ATTACHMENT_ROUTE = /^\/attachments\/([0-9a-f]{64})$/;

/**
 * GET /attachments/<sha256>?name=<filename>&token=<session secret>. The body is customer data,
 * so the launch secret guards it like the WebSocket; it is always a download, never a page.
 */
export async function serveAttachment(
  res: http.ServerResponse,
  url: URL,
  contentHash: string,
  opts: { authorised: (token: string) => boolean; find: (contentHash: string) => Promise<StoredBlob | undefined> },
): Promise<void> {
  const fail = (status: number, text: string) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' });
    res.end(text);
  };
  if (!opts.authorised(url.searchParams.get('token') ?? '')) return fail(401, 'This link needs the console session token.');
  const blob = await opts.find(contentHash).catch(() => undefined);
  if (!blob || !fs.existsSync(blob.file)) return fail(404, 'No such attachment.');
  const name = sanitizeFilename(url.searchParams.get('name') ?? contentHash);
  const mime = SAFE_TYPES.has(blob.mimeType.toLowerCase()) ? blob.mimeType.toLowerCase() : 'application/octet-stream';
  res.writeHead(200, {
    'Content-Type': mime,
    'Content-Length': String(blob.size),
    // RFC 6266: an ASCII fallback plus the exact UTF-8 name.
    'Content-Disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': 'sandbox; default-src \'none\'',
    'Cache-Control': 'private, no-store',
  });
  // Headers are gone by now: a read failing midway can only cut the response short.
  fs.createReadStream(blob.file).on('error', () => res.destroy()).pipe(res);
}
