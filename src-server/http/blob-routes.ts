import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_ATTACHMENT_BYTES } from '../../src-shared/api/attachments';
import type { HubStore } from '../store/contract';
import { readBody, sendJson } from './io';
import { SyncError } from './sync-error';

export const BLOB_PATH = /^\/blobs\/([0-9a-f]{64})$/;
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/**
 * Attachment bodies, addressed by their SHA-256 (lowercase hex). An upload is taken only if its
 * bytes hash to its address, and is cut off as soon as it passes the 25 MB cap.
 */
export async function serveBlob(req: IncomingMessage, res: ServerResponse, store: HubStore, contentHash: string): Promise<void> {
  if (req.method === 'PUT') {
    const body = await readBody(req, MAX_ATTACHMENT_BYTES);
    const actual = createHash('sha256').update(body).digest('hex');
    if (actual !== contentHash) throw new SyncError('invalid', `The upload's SHA-256 is ${actual}, not ${contentHash}; nothing was stored.`);
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    await store.blobs.put(contentHash, MIME.test(type) && type.length <= 200 ? type : 'application/octet-stream', body);
    return sendJson(res, 201, { contentHash, size: body.length });
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    const blob = await store.blobs.get(contentHash);
    if (!blob) throw new SyncError('invalid', `This hub has no attachment ${contentHash}; upload it first.`, 404);
    res.writeHead(200, {
      // Stored bytes are never rendered by a browser from here: always a download, never sniffed.
      'Content-Type': 'application/octet-stream',
      'X-Outpost-Mime-Type': blob.mimeType,
      'Content-Length': blob.body.length,
      'Content-Disposition': 'attachment',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, max-age=31536000, immutable',
    });
    res.end(req.method === 'GET' ? blob.body : undefined);
    return;
  }
  throw new SyncError('invalid', `${req.method} is not allowed on a blob; use PUT, GET or HEAD.`, 405);
}
