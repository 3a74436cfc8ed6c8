import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_CHUNK_BYTES, attachmentDownloadPath } from '../../src-shared/api';
import type { AttachmentRef } from '../../src-shared/domain';
import { DB_FILE } from '../../src-main/core/db/open';
import { connectApi } from '../support/console-process';
import { useConsoleApi } from '../support/console-suite';

// Attachments over the real core: chunked upload, dedupe by content hash, reply, download route.
const consoleApi = useConsoleApi('attachments', 60);

const tmpDir = () => path.join(consoleApi.dataDir, 'attachments', 'tmp');
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** Uploads the way the composer does: begin, ≤ 512 KB chunks in order, finish with the hash. */
async function upload(filename: string, bytes: Buffer, mimeType = 'application/pdf', claimedHash = sha256(bytes)) {
  const { api } = consoleApi;
  const { uploadId, chunkBytes } = await api.call('attachment.begin', { filename, mimeType, size: bytes.length });
  for (let i = 0, index = 0; i < bytes.length; i += chunkBytes, index++) {
    await api.call('attachment.chunk', { uploadId, index, dataBase64: bytes.subarray(i, i + chunkBytes).toString('base64') });
  }
  return api.call('attachment.finish', { uploadId, sha256: claimedHash });
}

function blobRows(): { content_hash: string; path: string }[] {
  const db = new Database(path.join(consoleApi.dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT content_hash, path FROM attachment_blob').all() as { content_hash: string; path: string }[];
  } finally {
    db.close();
  }
}

const pdf = crypto.randomBytes(ATTACHMENT_CHUNK_BYTES * 2 + 1_234);

describe('attachment uploads', () => {
  it('stores a file sent in chunks once by content hash, and dedupes a second upload', async () => {
    const first = await upload('../../Return label.pdf', pdf);
    expect(first).toEqual({ deduplicated: false, attachment: { filename: 'Return label.pdf', mimeType: 'application/pdf', size: pdf.length, contentHash: sha256(pdf) } });
    const stored = path.join(consoleApi.dataDir, 'attachments', sha256(pdf).slice(0, 2), sha256(pdf));
    expect(fs.readFileSync(stored).equals(pdf)).toBe(true);

    const again = await upload('copy.pdf', pdf);
    expect(again.deduplicated).toBe(true);
    expect(again.attachment.filename).toBe('copy.pdf');
    expect(blobRows().filter((r) => r.content_hash === sha256(pdf))).toHaveLength(1);
    expect(fs.readdirSync(tmpDir())).toEqual([]);
  });

  it('refuses a file whose hash does not match, and leaves nothing behind', async () => {
    const bytes = Buffer.from('hello');
    await expect(upload('hello.txt', bytes, 'text/plain', 'f'.repeat(64))).rejects.toThrow(/arrived damaged.*SHA-256/);
    expect(blobRows().some((r) => r.content_hash === sha256(bytes))).toBe(false);
    expect(fs.readdirSync(tmpDir())).toEqual([]);
  });

  it('refuses files over 25 MB, out-of-order chunks, and more bytes than announced', async () => {
    const { api } = consoleApi;
    await expect(api.call('attachment.begin', { filename: 'video.mov', mimeType: 'video/quicktime', size: 26 * 1024 * 1024 })).rejects.toThrow(
      '"video.mov" is 26.0 MB; files are limited to 25 MB',
    );
    const { uploadId } = await api.call('attachment.begin', { filename: 'a.txt', mimeType: 'text/plain', size: 3 });
    await expect(api.call('attachment.chunk', { uploadId, index: 1, dataBase64: 'YQ==' })).rejects.toThrow(/out of order/);
    await expect(api.call('attachment.chunk', { uploadId, index: 0, dataBase64: Buffer.from('abcd').toString('base64') })).rejects.toThrow(/more bytes/);
    await expect(api.call('attachment.finish', { uploadId, sha256: 'a'.repeat(64) })).rejects.toThrow(/does not exist any more/);
  });

  it('cancels an upload and removes its temp file', async () => {
    const { api } = consoleApi;
    const { uploadId } = await api.call('attachment.begin', { filename: 'a.txt', mimeType: 'text/plain', size: 10 });
    await api.call('attachment.chunk', { uploadId, index: 0, dataBase64: Buffer.from('abc').toString('base64') });
    expect(fs.readdirSync(tmpDir())).toHaveLength(1);
    expect(await api.call('attachment.cancel', { uploadId })).toEqual({ cancelled: true });
    expect(fs.readdirSync(tmpDir())).toEqual([]);
  });

  it('drops an unfinished upload when its console disconnects', async () => {
    const other = await connectApi(consoleApi.process);
    const { uploadId } = await other.api.call('attachment.begin', { filename: 'half.txt', mimeType: 'text/plain', size: 10 });
    await other.api.call('attachment.chunk', { uploadId, index: 0, dataBase64: Buffer.from('half').toString('base64') });
    expect(fs.readdirSync(tmpDir())).toEqual([`${uploadId}.part`]);
    other.close();
    await expect.poll(() => fs.readdirSync(tmpDir())).toEqual([]);
    // The upload is gone for everyone, not just for the console that left.
    await expect(consoleApi.api.call('attachment.finish', { uploadId, sha256: 'a'.repeat(64) })).rejects.toThrow(/does not exist any more/);
  });
});

describe('replying with attachments', () => {
  async function openConversation(channel: 'email') {
    const { rows } = await consoleApi.api.call('inbox.list', { view: { kind: 'open' }, offset: 0, limit: 60 });
    const row = rows.find((r) => r.channel === channel);
    if (!row) throw new Error(`no open ${channel} conversation in the demo data`);
    return row.id;
  }

  it('puts the uploaded files on the outbound message and refuses unknown ones', async () => {
    const { api } = consoleApi;
    const { attachment } = await upload('label.pdf', pdf);
    const id = await openConversation('email');
    await api.call('mutate', { name: 'reply', args: { conversationId: id, text: 'Your return label is attached.', attachments: [attachment] } });
    const { messages } = await api.call('conversation.get', { id });
    expect(messages.at(-1)?.attachments).toEqual([attachment]);

    const ghost: AttachmentRef = { ...attachment, contentHash: 'e'.repeat(64) };
    await expect(api.call('mutate', { name: 'reply', args: { conversationId: id, text: 'x', attachments: [ghost] } })).rejects.toThrow(/was not uploaded/);
  });
});

describe('the download route', () => {
  const base = () => `http://127.0.0.1:${consoleApi.process.port}`;

  it('refuses a missing or wrong token', async () => {
    const ref = { contentHash: sha256(pdf), filename: 'label.pdf' };
    expect((await fetch(`${base()}/attachments/${ref.contentHash}`)).status).toBe(401);
    const token = consoleApi.process.token;
    // Change the last character to a different one (a fixed 'x' is the same token 1 time in 64).
    const wrong = token.slice(0, -1) + (token.endsWith('x') ? 'y' : 'x');
    expect((await fetch(base() + attachmentDownloadPath(ref, wrong))).status).toBe(401);
    expect((await fetch(base() + attachmentDownloadPath({ ...ref, contentHash: 'd'.repeat(64) }, consoleApi.process.token))).status).toBe(404);
  });

  it('serves the exact bytes as a download, with the stored type only when it is safe', async () => {
    const res = await fetch(base() + attachmentDownloadPath({ contentHash: sha256(pdf), filename: 'Retour März.pdf' }, consoleApi.process.token));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Retour M_rz.pdf"; filename*=UTF-8''Retour%20M%C3%A4rz.pdf`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');

    const html = Buffer.from('<script>alert(1)</script>');
    const { attachment } = await upload('page.html', html, 'text/html');
    const risky = await fetch(base() + attachmentDownloadPath(attachment, consoleApi.process.token));
    expect(risky.headers.get('content-type')).toBe('application/octet-stream');
  });
});
