import { Random } from '../../src-main/core/seed/random';

/**
 * A support mailbox's worth of customer mail, the same for the same seed: threads of replies
 * (In-Reply-To and References, "Re:" subjects, quoted history) from a few thousand customers,
 * plain and HTML bodies from a few KB up to a few hundred KB, about 5% with an attachment.
 * Messages come out in date order, so UID order is arrival order as in a real mailbox.
 */
export interface CorpusMessage {
  /** Without angle brackets, lower case (as the hub stores it, inside `<>`). */
  messageId: string;
  date: number;
  raw: Buffer;
}

const WORDS = (
  'order parcel delivery tracking refund return invoice payment card charged twice size colour ' +
  'jacket shoes shirt dress box courier address postcode warehouse label damaged missing item ' +
  'please could you help me with my last week today tomorrow still not arrived yet thanks thank ' +
  'hello regards kind best team support shop website account password login discount code voucher ' +
  'exchange replacement wrong received instead of the a an and or but when where why how what which ' +
  'would like to know if it is was has been have had can will should may might we they he she'
).split(' ');
const FIRST = ['Anna', 'Ben', 'Chloé', 'David', 'Eva', 'Femi', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kai', 'Lena', 'Marta', 'Noah', 'Olga', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tariq'];
const LAST = ['Smith', 'Müller', 'García', 'Rossi', 'Nowak', 'Tanaka', 'Okafor', 'Dubois', 'Jensen', 'Silva', 'Novak', 'Kowalski'];
const DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.co.uk', 'icloud.com', 'web.de', 'orange.fr', 'hotmail.com'];
const TOPICS = ['Where is my order #', 'Refund for order #', 'Wrong size in order #', 'Damaged parcel, order #', 'Change delivery address for #', 'Invoice request for order #', 'Discount code not working', 'Exchange request #'];
const MAILERS = ['Microsoft Outlook 16.0', 'Apple Mail (2.3774)', 'Mozilla Thunderbird 128.0', null];

const SHOP = 'support@shop.example';
const START = Date.UTC(2025, 10, 1);
const SPAN = 365 * 24 * 3600 * 1000;

interface Thread {
  customer: number;
  subject: string;
  ids: string[];
  last: number;
}

/** Paragraphs drawn from a pool made once: generating every word of 20,000 mails would dominate the fill. */
function paragraphPool(rng: Random): string[] {
  const pool: string[] = [];
  for (let k = 0; k < 1_000; k++) {
    const words: string[] = [];
    for (let i = rng.int(25, 70); i > 0; i--) words.push(rng.pick(WORDS));
    const p = `${words.join(' ')}.`;
    pool.push(p[0]!.toUpperCase() + p.slice(1));
  }
  return pool;
}

function paragraphs(rng: Random, pool: string[], bytes: number): string[] {
  const out: string[] = [];
  for (let size = 0; size < bytes; ) {
    const p = rng.pick(pool);
    out.push(p);
    size += p.length + 2;
  }
  return out;
}

/** Breaks base64 into 76-character lines. */
function b64(data: Buffer): string {
  const s = data.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < s.length; i += 76) lines.push(s.slice(i, i + 76));
  return lines.join('\r\n');
}

/** Word-wraps a paragraph at 76 columns, as mail clients send plain text. */
function wrapText(p: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of p.split(' ')) {
    if (line.length + word.length + 1 > 76 && line !== '') {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\r\n');
}

/** A body size drawn so that most mail is small and a few are very large (newsletter-style HTML, long quoted history). */
function bodyBytes(rng: Random): number {
  const r = rng.next();
  if (r < 0.7) return rng.int(1_500, 8_000);
  if (r < 0.96) return rng.int(8_000, 60_000);
  return rng.int(100_000, 300_000);
}

/** Random-looking bytes, unique per message (the hub stores attachments once by content hash). */
function attachmentBytes(pool: Buffer, rng: Random, n: number): Buffer {
  const size = rng.int(20_000, 300_000);
  const start = rng.int(0, pool.length - size);
  const data = Buffer.from(pool.subarray(start, start + size));
  data.writeUInt32BE(n, 0);
  return data;
}

export function* mailCorpus(count: number, seed = 1, firstNumber = 0): Generator<CorpusMessage> {
  const rng = new Random(seed + firstNumber * 7919);
  const pool = Buffer.alloc(400_000);
  for (let i = 0; i < pool.length; i += 4) pool.writeUInt32LE((rng.next() * 4294967296) >>> 0, i);
  const texts = paragraphPool(rng);
  const customers = Math.max(20, Math.round(count / 6));
  const open: Thread[] = [];
  const step = SPAN / Math.max(1, count);
  for (let k = 0; k < count; k++) {
    const n = firstNumber + k;
    const date = START + Math.round(k * step + rng.next() * step * 0.5);
    // About 40% of mail follows up an open thread (a reply to the last message in it).
    const reply = open.length > 0 && rng.chance(0.4);
    const thread: Thread = reply
      ? open[rng.int(Math.max(0, open.length - 200), open.length - 1)]!
      : { customer: rng.int(1, customers), subject: `${rng.pick(TOPICS)}${rng.digits(6)}`, ids: [], last: date };
    if (!reply) open.push(thread);
    const messageId = `bench-${n}.${rng.alphanumeric(8).toLowerCase()}@${DOMAINS[thread.customer % DOMAINS.length]}`;
    const name = `${FIRST[thread.customer % FIRST.length]} ${LAST[Math.floor(thread.customer / FIRST.length) % LAST.length]}`;
    const address = `customer${thread.customer}@${DOMAINS[thread.customer % DOMAINS.length]}`;
    const mailer = MAILERS[thread.customer % MAILERS.length];
    const headers = [
      `From: ${name} <${address}>`,
      `To: Shop Support <${SHOP}>`,
      `Subject: ${thread.ids.length > 0 ? `${mailer?.startsWith('Microsoft') ? 'RE' : 'Re'}: ` : ''}${thread.subject}`,
      `Date: ${new Date(date).toUTCString()}`,
      `Message-ID: <${messageId}>`,
      ...(thread.ids.length > 0 ? [`In-Reply-To: <${thread.ids[thread.ids.length - 1]}>`, `References: ${thread.ids.slice(-10).map((id) => `<${id}>`).join('\r\n ')}`] : []),
      ...(mailer ? [`X-Mailer: ${mailer}`] : []),
      'MIME-Version: 1.0',
    ];
    const paras = paragraphs(rng, texts, bodyBytes(rng));
    if (thread.ids.length > 0) paras.push(`On ${new Date(thread.last).toUTCString()}, Shop Support wrote:`, ...paragraphs(rng, texts, 600).map((p) => wrapText(p).replace(/^/gm, '> ')));
    const text = `Hello,\r\n\r\n${paras.map((p) => (p.startsWith('>') ? p : wrapText(p))).join('\r\n\r\n')}\r\n\r\nKind regards,\r\n${name}\r\n`;
    const html = rng.chance(0.6) ? `<html><body><p>Hello,</p>${paras.map((p) => `<p>${p}</p>`).join('\r\n')}<p>Kind regards,<br>${name}</p></body></html>` : null;
    const attachment = rng.chance(0.05) ? attachmentBytes(pool, rng, n) : null;
    const boundary = (tag: string) => `----=_Part_${tag}_${n}`;
    const textPart = ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', text];
    const bodyPart = html
      ? [`Content-Type: multipart/alternative; boundary="${boundary('alt')}"`, '', `--${boundary('alt')}`, ...textPart, `--${boundary('alt')}`, 'Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', html, `--${boundary('alt')}--`, '']
      : textPart;
    const lines = attachment
      ? [...headers, `Content-Type: multipart/mixed; boundary="${boundary('mix')}"`, '', `--${boundary('mix')}`, ...bodyPart, `--${boundary('mix')}`, `Content-Type: application/pdf; name="order-${n}.pdf"`, `Content-Disposition: attachment; filename="order-${n}.pdf"`, 'Content-Transfer-Encoding: base64', '', b64(attachment), `--${boundary('mix')}--`, '']
      : [...headers, ...bodyPart];
    thread.ids.push(messageId);
    thread.last = date;
    if (open.length > 2_000) open.splice(0, open.length - 2_000);
    yield { messageId, date, raw: Buffer.from(lines.join('\r\n'), 'utf8') };
  }
}
