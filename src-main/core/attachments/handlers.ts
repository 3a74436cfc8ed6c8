import type { Handlers } from '../api/dispatcher';
import type { BlobStore } from './blob-store';
import { createUploads, UPLOAD_IDLE_MS } from './uploads';

type AttachmentHandlers = Pick<Handlers, 'attachment.begin' | 'attachment.chunk' | 'attachment.finish' | 'attachment.cancel'>;

/**
 * Uploads over the typed API. Temp files of a previous run are removed first (nothing can finish
 * them); an upload goes when its console disconnects, or after sitting idle (a stalled tab).
 */
export function attachmentHandlers(blobs: BlobStore, log: (line: string) => void = () => {}): AttachmentHandlers {
  const removed = blobs.removeStaleUploads();
  if (removed > 0) log(`Removed ${removed} unfinished attachment upload(s) left by the last run.`);
  const uploads = createUploads(blobs);
  setInterval(() => uploads.sweepIdle(), UPLOAD_IDLE_MS / 2).unref();
  return {
    'attachment.begin': (args, caller) => uploads.begin(args, caller),
    'attachment.chunk': (args) => uploads.chunk(args),
    'attachment.finish': (args) => uploads.finish(args),
    'attachment.cancel': (args) => uploads.cancel(args),
  };
}
