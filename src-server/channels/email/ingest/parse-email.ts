import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';

/** What the rest of the ingest needs from one raw email, whatever state its MIME was in. */
export interface ParsedEmail {
  /** Normalized (see normalizeMessageId), or null when the header is missing or empty. */
  messageId: string | null;
  /** In-Reply-To first, then References newest first: the order threading tries them. */
  parents: { id: string; header: 'In-Reply-To' | 'References' }[];
  /** Outlook's Thread-Index, base64 as sent, or null. */
  threadIndex: string | null;
  subject: string;
  from: { address: string; name: string } | null;
  to: string[];
  /** To then Cc, with display names: whom the shop's own mail was for (own-mail.ts). */
  recipients: { address: string; name: string }[];
  /** The Date header in ms, or null when it is missing or unparseable. */
  date: number | null;
  text: string;
  html: string | null;
  attachments: ParsedAttachment[];
  /** Lower-cased header name → its first raw value, unfolded, for the auto-reply rules. */
  headers: Map<string, string>;
  contentType: string;
  /** Problems met and worked around (unknown charset, missing boundary), kept for the record. */
  repairs: string[];
}

/** The mail without its bodies: what filing needs once the text, HTML and attachments are digested (digest-email.ts). */
export type EmailFacts = Omit<ParsedEmail, 'attachments' | 'text' | 'html'>;

export interface ParsedAttachment {
  filename: string;
  mimeType: string;
  content: Buffer;
  /** SHA-256, lowercase hex: the blob's address. */
  contentHash: string;
  /** Content-ID without brackets, for `cid:` references in the HTML. */
  cid: string | null;
  inline: boolean;
}

const REPLACEMENT = '\uFFFD';
const CHARSET_PARAM = /charset\s*=\s*"?([^";\s]+)"?/gi;

/** "<ABC@Example.com>" → "ABC@example.com": the angle brackets go and the domain part is case-insensitive. */
export function normalizeMessageId(raw: string): string | null {
  const m = /<([^<>\s]+)>/.exec(raw) ?? /^\s*([^<>\s]+)\s*$/.exec(raw);
  if (!m) return null;
  const id = m[1]!;
  const at = id.lastIndexOf('@');
  return at < 0 ? id : id.slice(0, at + 1) + id.slice(at + 1).toLowerCase();
}

/** Every `<…>` id in a References/In-Reply-To value, in order. */
function messageIds(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(' ') : (value ?? '');
  return [...joined.matchAll(/<[^<>\s]+>/g)].map((m) => normalizeMessageId(m[0])).filter((id): id is string => id !== null);
}

function addresses(objects: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] {
  const list = objects === undefined ? [] : Array.isArray(objects) ? objects : [objects];
  const flat = list.flatMap((o) => o.value).flatMap((a) => (a.group ? a.group : [a]));
  return flat.filter((a) => a.address).map((a) => ({ address: a.address!.trim().toLowerCase(), name: a.name.trim() }));
}

/**
 * A label no decoder knows (x-unknown, a typo) is read as windows-1252: every byte then maps to a
 * character, so accented Latin text survives and nothing throws. Used only when the first parse
 * left replacement characters behind.
 */
function withUnknownCharsetsAsLatin(raw: Buffer): { raw: Buffer; labels: string[] } {
  const text = raw.toString('latin1');
  const labels = new Set<string>();
  const fixed = text.replace(CHARSET_PARAM, (whole, label: string) => {
    try {
      new TextDecoder(label);
      return whole;
    } catch {
      labels.add(label);
      return 'charset=windows-1252';
    }
  });
  return { raw: Buffer.from(fixed, 'latin1'), labels: [...labels] };
}

/** The bytes after the header block, for a body mailparser could not place (a multipart without its boundary). */
function rawBody(raw: Buffer): string {
  const text = raw.toString('utf8');
  const split = /\r?\n\r?\n/.exec(text);
  return split ? text.slice(split.index + split[0].length).trim() : '';
}

const parse = (raw: Buffer) => simpleParser(raw, { checksumAlgo: 'sha256', keepCidLinks: true, skipTextToHtml: true, skipImageLinks: true });

/** Parses with mailparser, repairing what it can. Throws only when the bytes are not an email at all. */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const repairs: string[] = [];
  let mail: ParsedMail = await parse(raw);
  if ((mail.text ?? '').includes(REPLACEMENT) || (mail.subject ?? '').includes(REPLACEMENT) || (mail.html || '').includes(REPLACEMENT)) {
    const retry = withUnknownCharsetsAsLatin(raw);
    if (retry.labels.length > 0) {
      mail = await parse(retry.raw);
      repairs.push(`unknown charset ${retry.labels.join(', ')} read as windows-1252`);
    }
  }
  const headers = new Map<string, string>();
  // Raw header lines, unfolded: the rules compare what the sender wrote, not mailparser's structures.
  for (const { key, line } of mail.headerLines) {
    if (!headers.has(key)) headers.set(key, line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
  }
  const contentType = (headers.get('content-type') ?? 'text/plain').toLowerCase();
  let text = mail.text ?? '';
  if (text.trim() === '' && !mail.html && mail.attachments.length === 0 && contentType.startsWith('multipart/')) {
    text = rawBody(raw);
    if (text) repairs.push('multipart body without a usable boundary kept as plain text');
  }
  const from = addresses(mail.from)[0] ?? null;
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.getTime() : null;
  const inReplyTo = messageIds(mail.inReplyTo);
  const references = messageIds(mail.references).reverse();
  return {
    messageId: mail.messageId ? normalizeMessageId(mail.messageId) : null,
    parents: [...inReplyTo.map((id) => ({ id, header: 'In-Reply-To' as const })), ...references.filter((id) => !inReplyTo.includes(id)).map((id) => ({ id, header: 'References' as const }))],
    threadIndex: headers.get('thread-index')?.trim() || null,
    subject: (mail.subject ?? '').trim(),
    from,
    to: addresses(mail.to).map((a) => a.address),
    recipients: [...addresses(mail.to), ...addresses(mail.cc)],
    date,
    text,
    html: mail.html || null,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename ?? '',
      mimeType: (a.contentType || 'application/octet-stream').toLowerCase(),
      content: a.content,
      contentHash: a.checksum,
      cid: a.cid ?? null,
      inline: a.related || a.contentDisposition === 'inline',
    })),
    headers,
    contentType,
    repairs,
  };
}
