import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { ReplicaDb } from '../db/open';
import * as t from '../db/schema';

export interface StoredBlob {
  contentHash: string;
  size: number;
  mimeType: string;
  /** Absolute path of the body on disk. */
  file: string;
}

/**
 * Attachment bodies on disk, once per SHA-256: `<dataDir>/attachments/<first 2 hex>/<hash>`,
 * recorded in `attachment_blob` (the path relative to the data folder, so the folder can move).
 * Uploads in progress live in `attachments/tmp/` and are only ever renamed into place whole.
 */
export function createBlobStore(db: ReplicaDb, dataDir: string) {
  const root = path.join(dataDir, 'attachments');
  const tmpDir = path.join(root, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });

  const get = (contentHash: string): StoredBlob | undefined => {
    const row = db.select().from(t.attachmentBlob).where(eq(t.attachmentBlob.contentHash, contentHash)).get();
    return row && { contentHash: row.contentHash, size: row.size, mimeType: row.mimeType, file: path.join(dataDir, row.path) };
  };

  return {
    tmpDir,
    get,
    /** Moves a complete, verified temp file into place; a body already stored wins and the temp file goes. */
    adopt(tempFile: string, contentHash: string, size: number, mimeType: string): { blob: StoredBlob; deduplicated: boolean } {
      const existing = get(contentHash);
      if (existing && fs.existsSync(existing.file)) {
        fs.rmSync(tempFile, { force: true });
        return { blob: existing, deduplicated: true };
      }
      const relative = path.join('attachments', contentHash.slice(0, 2), contentHash);
      const file = path.join(dataDir, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.renameSync(tempFile, file);
      db.insert(t.attachmentBlob).values({ contentHash, size, mimeType, path: relative }).onConflictDoUpdate({ target: t.attachmentBlob.contentHash, set: { path: relative, size } }).run();
      return { blob: { contentHash, size, mimeType, file }, deduplicated: false };
    },
    /** Temp files left by a crash or a closed console: nothing can finish them any more. */
    removeStaleUploads(): number {
      const names = fs.readdirSync(tmpDir);
      for (const name of names) fs.rmSync(path.join(tmpDir, name), { force: true });
      return names.length;
    },
  };
}

export type BlobStore = ReturnType<typeof createBlobStore>;
