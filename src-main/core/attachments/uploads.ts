import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError, ATTACHMENT_CHUNK_BYTES, MAX_ATTACHMENT_BYTES, sanitizeFilename, type ApiParsedArgsOf, type ApiResultOf } from '../../../src-shared/api';
import type { Caller } from '../api/dispatcher';
import type { BlobStore } from './blob-store';

interface Upload {
  filename: string;
  mimeType: string;
  size: number;
  received: number;
  nextIndex: number;
  hash: crypto.Hash;
  tempFile: string;
  lastTouched: number;
  /** Stops the discard scheduled for when the uploading console disconnects. */
  forgetCaller: () => void;
}

/** An upload nobody has fed for this long is abandoned (tab closed mid-upload, lost connection). */
export const UPLOAD_IDLE_MS = 10 * 60_000;
const MB = 1024 * 1024;

/**
 * Chunked uploads: begin → chunk (in order, ≤ 512 KB each) → finish (hash and size checked)
 * or cancel. Bytes go to a temp file as they arrive, so memory stays flat for a 25 MB file.
 */
export function createUploads(store: BlobStore, now: () => number = Date.now) {
  const uploads = new Map<string, Upload>();

  const discard = (id: string) => {
    const u = uploads.get(id);
    if (!u) return false;
    uploads.delete(id);
    u.forgetCaller();
    fs.rmSync(u.tempFile, { force: true });
    return true;
  };
  const find = (id: string): Upload => {
    const u = uploads.get(id);
    if (!u) throw new ApiError('not_found', 'this upload does not exist any more (cancelled, finished or abandoned); attach the file again');
    return u;
  };

  return {
    /** `caller`: the upload is dropped when that console disconnects, since nobody else can finish it. */
    begin({ filename, mimeType, size }: ApiParsedArgsOf<'attachment.begin'>, caller?: Caller): ApiResultOf<'attachment.begin'> {
      const name = sanitizeFilename(filename);
      if (size > MAX_ATTACHMENT_BYTES) {
        throw new ApiError('rejected', `"${name}" is ${(size / MB).toFixed(1)} MB; files are limited to ${MAX_ATTACHMENT_BYTES / MB} MB`);
      }
      const uploadId = crypto.randomUUID();
      const tempFile = path.join(store.tmpDir, `${uploadId}.part`);
      fs.writeFileSync(tempFile, '');
      const forgetCaller = caller?.onClose(() => discard(uploadId)) ?? (() => {});
      uploads.set(uploadId, { filename: name, mimeType: mimeType.trim() || 'application/octet-stream', size, received: 0, nextIndex: 0, hash: crypto.createHash('sha256'), tempFile, lastTouched: now(), forgetCaller });
      return { uploadId, chunkBytes: ATTACHMENT_CHUNK_BYTES };
    },

    chunk({ uploadId, index, dataBase64 }: ApiParsedArgsOf<'attachment.chunk'>): ApiResultOf<'attachment.chunk'> {
      const u = find(uploadId);
      if (index !== u.nextIndex) throw new ApiError('invalid', `chunk ${index} arrived out of order; expected chunk ${u.nextIndex}`);
      const bytes = Buffer.from(dataBase64, 'base64');
      if (bytes.length > ATTACHMENT_CHUNK_BYTES) throw new ApiError('invalid', `a chunk carries at most ${ATTACHMENT_CHUNK_BYTES} bytes`);
      if (u.received + bytes.length > u.size) {
        discard(uploadId);
        throw new ApiError('invalid', `more bytes than the ${u.size} announced; the upload was cancelled`);
      }
      fs.appendFileSync(u.tempFile, bytes);
      u.hash.update(bytes);
      u.received += bytes.length;
      u.nextIndex += 1;
      u.lastTouched = now();
      return { received: u.received };
    },

    finish({ uploadId, sha256 }: ApiParsedArgsOf<'attachment.finish'>): ApiResultOf<'attachment.finish'> {
      const u = find(uploadId);
      uploads.delete(uploadId);
      u.forgetCaller();
      const actual = u.hash.digest('hex');
      if (u.received !== u.size || actual !== sha256) {
        fs.rmSync(u.tempFile, { force: true });
        const why = u.received !== u.size ? `received ${u.received} of ${u.size} bytes` : 'its SHA-256 does not match the bytes received';
        throw new ApiError('rejected', `"${u.filename}" arrived damaged (${why}); attach it again`);
      }
      const { blob, deduplicated } = store.adopt(u.tempFile, actual, u.size, u.mimeType);
      return { attachment: { filename: u.filename, mimeType: u.mimeType, size: blob.size, contentHash: blob.contentHash }, deduplicated };
    },

    cancel: ({ uploadId }: ApiParsedArgsOf<'attachment.cancel'>): ApiResultOf<'attachment.cancel'> => ({ cancelled: discard(uploadId) }),

    /** Drops uploads idle for longer than UPLOAD_IDLE_MS; returns how many went. */
    sweepIdle(): number {
      let n = 0;
      for (const [id, u] of uploads) if (now() - u.lastTouched > UPLOAD_IDLE_MS && discard(id)) n++;
      return n;
    },
  };
}
