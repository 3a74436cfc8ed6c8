import { createHash } from 'node:crypto';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../src-shared/api/attachments';
import { request, type ErrorAnswer } from './server-client';
import { HUB_STORES, useTestHub } from './server-fixtures';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A PUT whose body arrives in chunks with no Content-Length, as a streaming upload does. */
function streamedPut(url: string, path: string, token: string, chunk: Buffer, chunks: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Transfer-Encoding': 'chunked' } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += String(c)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    let sent = 0;
    const pump = () => {
      while (sent < chunks) {
        sent += 1;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe.each(HUB_STORES)('hub attachment bodies ($name)', (kind) => {
  const t = useTestHub(kind);

  it('stores a body under its SHA-256 and serves it back as a download', async () => {
    const d = await t().signedIn('agent');
    const body = Buffer.from('photo of the damaged parcel');
    const hash = sha256(body);
    expect(await request(t().url, 'PUT', `/blobs/${hash}`, body, d.token, { 'Content-Type': 'image/jpeg' })).toEqual({ status: 201, body: { contentHash: hash, size: body.length } });
    const head = await fetch(`${t().url}/blobs/${hash}`, { method: 'HEAD', headers: { Authorization: `Bearer ${d.token}` } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(body.length));
    const got = await fetch(`${t().url}/blobs/${hash}`, { headers: { Authorization: `Bearer ${d.token}` } });
    expect(Buffer.from(await got.arrayBuffer())).toEqual(body);
    expect(got.headers.get('x-outpost-mime-type')).toBe('image/jpeg');
    expect(got.headers.get('content-disposition')).toBe('attachment');
    expect(await t().store.blobs.has(hash)).toBe(true);
  });

  it('refuses a body that does not hash to its address, and anyone without a session', async () => {
    const d = await t().signedIn('agent');
    const claimed = sha256(Buffer.from('the real invoice'));
    const wrong = (await request(t().url, 'PUT', `/blobs/${claimed}`, Buffer.from('something else'), d.token)) as ErrorAnswer;
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe(`The upload's SHA-256 is ${sha256(Buffer.from('something else'))}, not ${claimed}; nothing was stored.`);
    expect(await t().store.blobs.has(claimed)).toBe(false);
    expect((await request(t().url, 'GET', `/blobs/${claimed}`, undefined, d.token)).status).toBe(404);
    expect((await request(t().url, 'PUT', `/blobs/${claimed}`, Buffer.from('the real invoice'))).status).toBe(401);
    expect((await request(t().url, 'GET', '/blobs/NOT-A-HASH', undefined, d.token)).status).toBe(404);
    expect((await request(t().url, 'DELETE', `/blobs/${claimed}`, undefined, d.token)).status).toBe(405);
  });

  it('refuses a body over 25 MB, declared or streamed, before storing any of it', async () => {
    const d = await t().signedIn('agent');
    const declared = (await request(t().url, 'PUT', `/blobs/${'a'.repeat(64)}`, Buffer.alloc(MAX_ATTACHMENT_BYTES + 1), d.token)) as ErrorAnswer;
    expect(declared.status).toBe(413);
    expect(declared.body.error.kind).toBe('too_large');
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const streamed = await streamedPut(t().url, `/blobs/${'b'.repeat(64)}`, d.token, chunk, 26);
    expect(streamed.status).toBe(413);
    expect(await t().store.blobs.has('b'.repeat(64))).toBe(false);
    // The hub is still answering.
    expect((await request(t().url, 'GET', '/hub/info')).status).toBe(200);
  });
});
