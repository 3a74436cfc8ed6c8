import { sanitizeFilename } from '../../../../src-shared/api/attachments';
import type { AttachmentRef } from '../../../../src-shared/domain';
import { CHANNEL_ATTACHMENT_LIMIT } from '../../../../src-shared/domain/channels';
import type { HubStore } from '../../../store/contract';
import type { ParsedAttachment } from './parse-email';

export interface StoredAttachments {
  refs: AttachmentRef[];
  /** Content-ID → content hash, for the HTML's `cid:` images. */
  inline: Map<string, string>;
  /** One line per file not kept (too large), shown under the message so nothing vanishes unseen. */
  skipped: string[];
}

/** What `planAttachments` decided, with the bodies still to be stored. */
export interface AttachmentPlan extends StoredAttachments {
  bodies: { contentHash: string; mimeType: string; content: Buffer }[];
}

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/**
 * Which attachments are kept, under which names, and which `cid:` images the HTML may show: pure,
 * so it runs in the parsing worker. A file over the email channel's cap is not stored; the
 * message says so.
 */
export function planAttachments(attachments: ParsedAttachment[]): AttachmentPlan {
  const limit = CHANNEL_ATTACHMENT_LIMIT.email;
  const out: AttachmentPlan = { refs: [], inline: new Map(), skipped: [], bodies: [] };
  for (const [i, a] of attachments.entries()) {
    const filename = sanitizeFilename(a.filename || (a.cid ? `inline-${i + 1}` : `attachment-${i + 1}`));
    if (a.content.length > limit) {
      out.skipped.push(`[Attachment "${filename}" (${mb(a.content.length)}) was not stored: larger than the ${mb(limit)} limit]`);
      continue;
    }
    if (!out.bodies.some((b) => b.contentHash === a.contentHash)) out.bodies.push({ contentHash: a.contentHash, mimeType: a.mimeType, content: a.content });
    if (a.cid) out.inline.set(a.cid, a.contentHash);
    // An image the HTML shows in place is part of the body, not a file to list under it.
    if (!(a.inline && a.cid)) out.refs.push({ filename, mimeType: a.mimeType, size: a.content.length, contentHash: a.contentHash });
  }
  return out;
}

/**
 * The planned bodies of a batch of mail go to the blob store once per content hash (a logo in
 * every signature is stored once), in ONE transaction: one durable commit per batch, not one per file.
 */
export async function storeAttachmentBodies(blobs: HubStore['blobs'], plans: AttachmentPlan[]): Promise<void> {
  const missing = new Map<string, AttachmentPlan['bodies'][number]>();
  for (const b of plans.flatMap((p) => p.bodies)) if (!missing.has(b.contentHash) && !(await blobs.has(b.contentHash))) missing.set(b.contentHash, b);
  if (missing.size > 0) await blobs.putMany([...missing.values()].map((b) => ({ contentHash: b.contentHash, mimeType: b.mimeType, body: b.content })));
}
