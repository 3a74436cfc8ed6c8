import { splitQuoted } from '../../../../src-shared/mail/quoted';
import { collapseWhitespace, contentHash } from './email-refs';
import { parseEmail, type EmailFacts } from './parse-email';
import { sanitizeEmailHtml } from './sanitize-email-html';
import { planAttachments, type AttachmentPlan } from './store-attachments';

export interface IngestSource {
  accountId: string;
  mailbox: string;
  uid: number;
  /** When the mailbox received it (IMAP INTERNALDATE): the message's time, not the sender's clock. */
  receivedAt: number;
  /** The copy's IMAP flags when fetched (e.g. \Seen), kept on the message for every desktop. */
  flags?: string[];
}

const PREVIEW_CHARS = 140;

/** Everything ingest needs from one raw email that depends on its bytes alone. */
export interface DigestedEmail {
  mail: EmailFacts;
  attachments: AttachmentPlan;
  /** Sanitized, `cid:` images mapped to their blobs; null when the mail has no HTML part. */
  html: string | null;
  /** The body as stored: the sender's text, then a line per attachment not kept. */
  text: string;
  preview: string;
  /** Identity of the content (email-refs.ts contentHash): the duplicate check. */
  contentHash: string;
}

export type DigestResult = { ok: true; digest: DigestedEmail } | { ok: false; reason: string };

/**
 * Parse, plan the attachments, sanitize, hash: the CPU-heavy part of ingest, pure so it runs in a
 * worker thread (digest-pool.ts) beside the IMAP fetch and the store write. Never throws: bad mail
 * comes back as a reason.
 */
export async function digestEmail(raw: Buffer, source: IngestSource): Promise<DigestResult> {
  if (raw.length === 0) return { ok: false, reason: `${source.mailbox} UID ${source.uid} is empty` };
  try {
    const parsed = await parseEmail(raw);
    // Only the facts travel back from the worker: the text and HTML go in their final form.
    const { attachments, text: senderText, html: senderHtml, ...mail } = parsed;
    if (!mail.from) return { ok: false, reason: `${source.mailbox} UID ${source.uid} has no sender address (From: ${mail.headers.get('from') ?? 'missing'})` };
    const plan = planAttachments(attachments);
    const text = [senderText.trim(), ...plan.skipped].filter(Boolean).join('\n\n');
    return {
      ok: true,
      digest: {
        mail,
        attachments: plan,
        // Plain-text mail (most support mail) never pays for the HTML sanitizer.
        html: senderHtml === null ? null : sanitizeEmailHtml(senderHtml, plan.inline),
        text,
        preview: previewOf(text),
        contentHash: contentHash(parsed),
      },
    };
  } catch (e) {
    return { ok: false, reason: `Could not read ${source.mailbox} UID ${source.uid}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * The first words of the sender's own text, whitespace collapsed. Collapses a growing prefix, not
 * the whole body: once the collapsed prefix holds more than PREVIEW_CHARS + 1 characters its
 * start is the start of the whole collapsed body (a run of spaces becomes one, so no later trim reaches back).
 */
export function previewOf(text: string): string {
  const body = splitQuoted(text).body;
  for (let n = PREVIEW_CHARS * 4; ; n *= 4) {
    const collapsed = collapseWhitespace(body.slice(0, n)).trim();
    if (n >= body.length || collapsed.length > PREVIEW_CHARS + 1) return collapsed.slice(0, PREVIEW_CHARS);
  }
}
