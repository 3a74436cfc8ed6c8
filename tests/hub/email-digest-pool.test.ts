import { afterEach, describe, expect, it } from 'vitest';
import { digestEmail, previewOf } from '../../src-server/channels/email/ingest/digest-email';
import { DEFAULT_DIGEST_POOL, DigestPool, type DigestPoolOptions } from '../../src-server/channels/email/ingest/digest-pool';
import { collapseWhitespace } from '../../src-server/channels/email/ingest/email-refs';
import { testMessage } from '../support/dovecot';

const source = (uid: number) => ({ accountId: '1', mailbox: 'INBOX', uid, receivedAt: 1_700_000_000_000 });
const mail = (n: number, body?: string) => Buffer.from(testMessage(n, body === undefined ? {} : { body }));
const htmlMail = (n: number, html: string) =>
  Buffer.from(`From: Customer <c${n}@customer.example>\r\nTo: support@example.test\r\nSubject: HTML ${n}\r\nMessage-ID: <html-${n}@customer.example>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n`);

const pools: DigestPool[] = [];
const pool = (opts: Partial<DigestPoolOptions> = {}) => {
  const p = new DigestPool({ ...DEFAULT_DIGEST_POOL, size: 1, ...opts });
  pools.push(p);
  return p;
};
afterEach(async () => {
  for (const p of pools.splice(0)) await p.close();
});

describe('the email digest pool (worker threads)', () => {
  it('gives each mail the same digest as parsing it in place, whatever the order workers finish in', async () => {
    const p = pool({ size: 2 });
    const raws = Array.from({ length: 12 }, (_, i) =>
      i % 3 === 0 ? htmlMail(i, `<p onclick="x()">Order ${i}</p><script>steal()</script><img src="cid:logo">`) : mail(i, `Hello   ${i}\r\n\r\n> quoted\r\n`.repeat(i + 1)),
    );
    const pooled = await Promise.all(raws.map((raw, i) => p.digest(raw, source(i))));
    const inPlace = await Promise.all(raws.map((raw, i) => digestEmail(raw, source(i))));
    expect(pooled).toEqual(inPlace);
    expect(pooled.every((r) => r.ok)).toBe(true);
    const html = pooled[0]!.ok ? pooled[0]!.digest.html : null;
    expect(html).toContain('Order 0');
    expect(html).not.toMatch(/script|onclick/);
  });

  it('a mail that hangs the parser is given up on, and the next mail is digested by a fresh worker', async () => {
    const p = pool({ timeoutMs: 100 });
    expect((await p.digest(mail(1), source(1))).ok).toBe(true); // the worker is up: start-up never counts against a mail
    const slow = htmlMail(2, '<div><b>slow</b> <i>to</i> <a href="https://x.example">clean</a></div>'.repeat(150_000));
    const [hung, next] = await Promise.all([p.digest(slow, source(2)), p.digest(mail(3), source(3))]);
    expect(hung).toEqual({ ok: false, reason: 'INBOX UID 2 was skipped: the parser did not finish within 0.1 s' });
    expect(next).toMatchObject({ ok: true, digest: { mail: { subject: 'Question 3' } } });
  });

  it('a mail that crashes its worker fails alone; the mail queued behind it goes to a fresh worker', async () => {
    const p = pool({ worker: new URL('./crashing-digest-worker.ts', import.meta.url) });
    const crashing = Buffer.from(testMessage(1).replace('MIME-Version: 1.0', 'X-Crash-Parser: yes\r\nMIME-Version: 1.0'));
    const [crashed, next] = await Promise.all([p.digest(crashing, source(1)), p.digest(mail(2), source(2))]);
    expect(crashed).toEqual({ ok: false, reason: 'INBOX UID 1 was skipped: the parser crashed (a parser bug)' });
    expect(next).toMatchObject({ ok: true, digest: { mail: { subject: 'Question 2' } } });
  });

  it('closing answers every mail still queued', async () => {
    const p = pool();
    const pending = Array.from({ length: 20 }, (_, i) => p.digest(mail(i), source(i)));
    await p.close();
    // Closed before its worker was even up: nothing is left hanging.
    expect(await Promise.all(pending)).toEqual(pending.map(() => ({ ok: false, reason: expect.stringMatching(/shutting down$/) })));
  });

  it('bad mail is a reason, never a crash', async () => {
    const p = pool();
    expect(await p.digest(Buffer.alloc(0), source(7))).toEqual({ ok: false, reason: 'INBOX UID 7 is empty' });
    expect(await p.digest(Buffer.from('Subject: no sender\r\n\r\nbody\r\n'), source(8))).toMatchObject({ ok: false, reason: expect.stringContaining('has no sender address') });
  });
});

describe('whitespace, exactly as before but cheaper', () => {
  const samples = ['', ' ', 'a b', 'a  b', ' a\tb \r\n c ', 'x\u00a0y\u2003 z', '\n\n', 'é  è\t\tà', 'one two  three   four\r\n\r\n'];
  it('collapseWhitespace is replace(/\\s+/g, " ")', () => {
    for (const s of samples) expect(collapseWhitespace(s)).toBe(s.replace(/\s+/g, ' '));
  });
  it('the preview collapses only a prefix and still equals collapsing the whole body', () => {
    const naive = (t: string) => t.replace(/\s+/g, ' ').trim().slice(0, 140);
    const bodies = [
      'short',
      `${' '.repeat(5_000)}late start ${'word '.repeat(100)}`,
      `${'a'.repeat(139)}${' \t '.repeat(2_000)}b`,
      `${'word\r\n\r\n'.repeat(10_000)}`,
      `${'x'.repeat(140)}     `,
    ];
    for (const b of bodies) expect(previewOf(b)).toBe(naive(b));
  });
});
