import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src-server/channels/email/ingest/email-refs';
import type { AttachmentRef } from '../../src-shared/domain';
import { NOW, rawMail, useIngestStore } from './email-ingest-fixtures';
import { HUB_STORES } from './server-fixtures';

const b64 = (data: Buffer) => data.toString('base64').replace(/.{76}/g, '$&\r\n');
const part = (boundary: string, headers: string[], body: string) => `--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n${body}\r\n`;
const attachment = (boundary: string, name: string, data: Buffer, extra: string[] = []) =>
  part(boundary, [`Content-Type: application/octet-stream; name="${name}"`, `Content-Disposition: attachment; filename="${name}"`, 'Content-Transfer-Encoding: base64', ...extra], b64(data));

describe.each(HUB_STORES)('email content on $name', (kind) => {
  const h = useIngestStore(kind);

  it('sanitizes HTML: no script or handlers, remote images parked, cid images pointing at their blob', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const html = '<html><head><style>body{display:none}</style><script>alert(1)</script></head><body><p onclick="steal()" style="color: red; position: fixed">Hello <a href="javascript:alert(1)">x</a> <a href="https://shop.test/o/1">order</a></p><img src="https://tracker.test/p.gif" width="1"><img src="cid:logo@mail"><iframe src="https://evil.test"></iframe><form><input name="pw"></form></body></html>';
    const raw = rawMail({
      from: 'html@example.com',
      subject: 'Styled',
      contentType: 'multipart/related; boundary="rel"',
      body: part('rel', ['Content-Type: text/html; charset=utf-8'], html) + part('rel', ['Content-Type: image/png', 'Content-ID: <logo@mail>', 'Content-Disposition: inline', 'Content-Transfer-Encoding: base64'], b64(png)) + '--rel--',
    });
    const out = await h().ingest(raw);
    expect(out.reason).toBe('New conversation: no reference, Thread-Index or recent subject matched');
    const m = await h().message(out.messageId!);
    expect(m.html).not.toMatch(/script|onclick|javascript:|iframe|<form|<input|<style|position/i);
    expect(m.html).toContain('<p style="color:red">Hello <a rel="noopener noreferrer" target="_blank">x</a> <a href="https://shop.test/o/1" rel="noopener noreferrer" target="_blank">order</a></p>');
    expect(m.html).toContain('<img width="1" data-outpost-remote-src="https://tracker.test/p.gif" />');
    expect(m.html).toContain(`<img data-outpost-blob="${sha256(png)}" />`);
    expect(JSON.parse(m.attachmentsJson)).toEqual([]);
    expect((await h().store.blobs.get(sha256(png)))?.body.equals(png)).toBe(true);
  });

  it('reads ISO-8859-1, Shift_JIS and an unknown charset without losing the words', async () => {
    const latin = Buffer.concat([rawMail({ from: 'fr@example.com', subject: 'Commande', contentType: 'text/plain; charset=ISO-8859-1', body: '' }), Buffer.from('Merci, la commande est arrivée à Besançon.', 'latin1')]);
    expect((await h().message((await h().ingest(latin)).messageId!)).text).toBe('Merci, la commande est arrivée à Besançon.');
    const sjis = Buffer.concat([rawMail({ from: 'jp@example.jp', subject: 'Order', contentType: 'text/plain; charset=Shift_JIS', body: '' }), Buffer.from([0x82, 0xa0, 0x82, 0xe8, 0x82, 0xaa, 0x82, 0xc6, 0x82, 0xa4])]);
    expect((await h().message((await h().ingest(sjis)).messageId!)).text).toBe('ありがとう');
    const unknown = Buffer.concat([rawMail({ from: 'x@example.com', subject: 'Odd', contentType: 'text/plain; charset=x-unknown', body: '' }), Buffer.from('Grüße aus Köln', 'latin1')]);
    const out = await h().ingest(unknown);
    const m = await h().message(out.messageId!);
    expect(m.text).toBe('Grüße aus Köln');
    expect(m.threadReason).toContain('repaired: unknown charset x-unknown read as windows-1252');
  });

  it('keeps malformed MIME: a multipart without its boundary, broken base64', async () => {
    const noBoundary = await h().ingest(rawMail({ from: 'bad@example.com', subject: 'Broken', contentType: 'multipart/mixed', body: '--zzz\r\nContent-Type: text/plain\r\n\r\nMy words survive.\r\n--zzz--' }));
    expect(noBoundary.kind).toBe('new-conversation');
    expect((await h().message(noBoundary.messageId!)).text).toContain('My words survive.');
    const broken = await h().ingest(rawMail({ from: 'bad@example.com', subject: 'Broken 2', contentType: 'multipart/mixed; boundary="m"', body: part('m', ['Content-Type: text/plain'], 'See file.') + part('m', ['Content-Type: application/pdf; name="x.pdf"', 'Content-Transfer-Encoding: base64'], '!!!not base64***\r\nQUJD') + '--m--' }));
    expect(broken.kind).toBe('new-conversation');
    expect(JSON.parse((await h().message(broken.messageId!)).attachmentsJson)).toHaveLength(1);
  });

  it('stores 70 attachments, each body once by content hash', async () => {
    const files = Array.from({ length: 70 }, (_, i) => Buffer.from(`file ${i % 35}`));
    const raw = rawMail({ from: 'many@example.com', subject: 'Photos', contentType: 'multipart/mixed; boundary="m"', body: part('m', ['Content-Type: text/plain'], 'All photos.') + files.map((f, i) => attachment('m', `photo-${i}.jpg`, f)).join('') + '--m--' });
    const m = await h().message((await h().ingest(raw)).messageId!);
    const refs = JSON.parse(m.attachmentsJson) as AttachmentRef[];
    expect(refs).toHaveLength(70);
    expect(refs[69]).toEqual({ filename: 'photo-69.jpg', mimeType: 'image/jpeg', size: files[69]!.length, contentHash: sha256(files[69]!) });
    expect(new Set(refs.map((r) => r.contentHash)).size).toBe(35);
    expect((await h().store.blobs.get(sha256(files[3]!)))?.body.toString()).toBe('file 3');
  });

  it('records a 30 MB attachment as not stored, and keeps the rest of the mail', async () => {
    const big = Buffer.alloc(30 * 1024 * 1024, 1);
    const small = Buffer.from('invoice');
    const raw = rawMail({ from: 'big@example.com', subject: 'Video', contentType: 'multipart/mixed; boundary="m"', body: part('m', ['Content-Type: text/plain'], 'Here is the video of the damage.') + attachment('m', 'damage.mp4', big) + attachment('m', 'invoice.pdf', small) + '--m--' });
    const out = await h().ingest(raw, NOW + 5);
    const m = await h().message(out.messageId!);
    expect(m.text).toBe('Here is the video of the damage.\n\n[Attachment "damage.mp4" (30.0 MB) was not stored: larger than the 25.0 MB limit]');
    expect((JSON.parse(m.attachmentsJson) as AttachmentRef[]).map((a) => a.filename)).toEqual(['invoice.pdf']);
    expect(await h().store.blobs.has(sha256(big))).toBe(false);
  });

  it('fails bad mail with a reason and writes nothing', async () => {
    const version = await h().store.version();
    const empty = await h().ingest(Buffer.alloc(0));
    expect(empty).toMatchObject({ kind: 'failed', conversationId: null, messageId: null });
    expect(empty.reason).toMatch(/^INBOX UID \d+ is empty$/);
    const noFrom = await h().ingest(Buffer.from('Subject: who am I\r\n\r\nbody'));
    expect(noFrom).toMatchObject({ kind: 'failed', conversationId: null, messageId: null });
    expect(noFrom.reason).toMatch(/has no sender address \(From: missing\)$/);
    expect(await h().store.version()).toBe(version);
  });
});
