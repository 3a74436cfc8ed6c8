import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMigrationsDir } from '../core';
import { openReplica } from '../db/open';
import { createBlobStore } from './blob-store';
import { createUploads, UPLOAD_IDLE_MS } from './uploads';

function uploadsAt(clock: { now: number }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-uploads-'));
  const { db } = openReplica(dataDir, defaultMigrationsDir());
  const store = createBlobStore(db, dataDir);
  return { store, uploads: createUploads(store, () => clock.now) };
}

describe('abandoned uploads', () => {
  it('are swept once idle for longer than the limit, and only then', () => {
    const clock = { now: 0 };
    const { store, uploads } = uploadsAt(clock);
    const { uploadId } = uploads.begin({ filename: 'a.txt', mimeType: 'text/plain', size: 4 });
    clock.now = UPLOAD_IDLE_MS - 1;
    uploads.chunk({ uploadId, index: 0, dataBase64: Buffer.from('ab').toString('base64') });
    clock.now += UPLOAD_IDLE_MS;
    expect(uploads.sweepIdle()).toBe(0);
    clock.now += 2;
    expect(uploads.sweepIdle()).toBe(1);
    expect(fs.readdirSync(store.tmpDir)).toEqual([]);
    expect(() => uploads.chunk({ uploadId, index: 1, dataBase64: 'YWI=' })).toThrow(/does not exist any more/);
  });
});
