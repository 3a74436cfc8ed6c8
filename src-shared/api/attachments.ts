import { z } from 'zod';
import type { AttachmentRef } from '../domain';

/** Largest file the composer takes, whatever the channel. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/** Decoded bytes per `attachment.chunk`: base64 of it stays well under the 1 MB frame cap. */
export const ATTACHMENT_CHUNK_BYTES = 512 * 1024;

/**
 * A file name safe to store, show and put in a Content-Disposition header: no directories, no
 * control characters, no quotes, not empty, at most 200 characters (keeping the extension).
 */
export function sanitizeFilename(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').replace(/^[.\s]+/, '').trim();
  if (clean.length > 200) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
    clean = clean.slice(0, 200 - ext.length) + ext;
  }
  return clean || 'attachment';
}

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256');
const UploadId = z.string().uuid();

export const AttachmentArgs = {
  'attachment.begin': z.object({
    filename: z.string().min(1).max(1_000),
    mimeType: z.string().max(200).default('application/octet-stream'),
    size: z.number().int().nonnegative(),
  }),
  'attachment.chunk': z.object({
    uploadId: UploadId,
    index: z.number().int().nonnegative(),
    // 4/3 of the chunk size, rounded up to whole base64 quads.
    dataBase64: z.string().max(Math.ceil(ATTACHMENT_CHUNK_BYTES / 3) * 4),
  }),
  'attachment.finish': z.object({ uploadId: UploadId, sha256: Sha256Hex }),
  'attachment.cancel': z.object({ uploadId: UploadId }),
} as const;

export interface AttachmentResults {
  'attachment.begin': { uploadId: string; chunkBytes: number };
  'attachment.chunk': { received: number };
  'attachment.finish': { attachment: AttachmentRef; deduplicated: boolean };
  'attachment.cancel': { cancelled: boolean };
}

/** Where the browser console serves a stored attachment; the session token authorises it. */
export function attachmentDownloadPath(ref: Pick<AttachmentRef, 'contentHash' | 'filename'>, token: string): string {
  return `/attachments/${ref.contentHash}?name=${encodeURIComponent(ref.filename)}&token=${encodeURIComponent(token)}`;
}
