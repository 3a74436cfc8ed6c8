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

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/**
 * Every attachment body goes to the blob store once per content hash (a logo in every signature
 * is stored once). A file over the email channel's cap is not stored; the message says so.
 */
export async function storeAttachments(blobs: HubStore['blobs'], attachments: ParsedAttachment[]): Promise<StoredAttachments> {
  const limit = CHANNEL_ATTACHMENT_LIMIT.email;
  const out: StoredAttachments = { refs: [], inline: new Map(), skipped: [] };
  for (const [i, a] of attachments.entries()) {
    const filename = sanitizeFilename(a.filename || (a.cid ? `inline-${i + 1}` : `attachment-${i + 1}`));
    if (a.content.length > limit) {
      out.skipped.push(`[Attachment "${filename}" (${mb(a.content.length)}) was not stored: larger than the ${mb(limit)} limit]`);
      continue;
    }
    if (!(await blobs.has(a.contentHash))) await blobs.put(a.contentHash, a.mimeType, a.content);
    if (a.cid) out.inline.set(a.cid, a.contentHash);
    // An image the HTML shows in place is part of the body, not a file to list under it.
    if (!(a.inline && a.cid)) out.refs.push({ filename, mimeType: a.mimeType, size: a.content.length, contentHash: a.contentHash });
  }
  return out;
}
