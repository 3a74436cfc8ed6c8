import { create } from 'zustand';
import { MAX_ATTACHMENT_BYTES } from '../../src-shared/api';
import { CHANNEL_ATTACHMENT_LIMIT, CHANNEL_LABELS, type AttachmentRef, type Channel } from '../../src-shared/domain';
import { api, describeError } from '../api/api';
import { fileSize } from '../shared/format';

/** One file on its way into a reply: uploading, ready to send, or refused with a reason. */
export interface AttachmentChip {
  key: string;
  filename: string;
  size: number;
  /** Bytes acknowledged by the core so far. */
  sent: number;
  state: 'uploading' | 'ready' | 'failed';
  error: string | null;
  ref: AttachmentRef | null;
}

interface UploadStore {
  /** Per conversation, for this session only: files are not kept across a reload. */
  byConversation: Record<number, AttachmentChip[]>;
  add(conversationId: number, channel: Channel, files: File[]): void;
  remove(conversationId: number, key: string): void;
  /** Hands the finished files to a send and clears the composer; the caller may give them back (undo). */
  take(conversationId: number): AttachmentRef[];
  giveBack(conversationId: number, refs: AttachmentRef[]): void;
  /** Resolves once no file of this conversation is still uploading. */
  settled(conversationId: number): Promise<void>;
}

const running = new Map<string, { uploadId: string | null; cancelled: boolean; done: Promise<void> }>();

export const useAttachmentUploads = create<UploadStore>((set, get) => {
  const patch = (conversationId: number, key: string, change: Partial<AttachmentChip>) =>
    set((s) => ({ byConversation: { ...s.byConversation, [conversationId]: (s.byConversation[conversationId] ?? []).map((c) => (c.key === key ? { ...c, ...change } : c)) } }));

  async function upload(conversationId: number, key: string, file: File): Promise<void> {
    const job = running.get(key)!;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const sha256 = toHex(await crypto.subtle.digest('SHA-256', bytes));
      const { uploadId, chunkBytes } = await api.call('attachment.begin', { filename: file.name, mimeType: file.type || 'application/octet-stream', size: bytes.length });
      job.uploadId = uploadId;
      for (let at = 0, index = 0; at < bytes.length; at += chunkBytes, index++) {
        if (job.cancelled) return;
        const { received } = await api.call('attachment.chunk', { uploadId, index, dataBase64: toBase64(bytes.subarray(at, at + chunkBytes)) });
        patch(conversationId, key, { sent: received });
      }
      if (job.cancelled) return;
      const { attachment } = await api.call('attachment.finish', { uploadId, sha256 });
      patch(conversationId, key, { state: 'ready', sent: attachment.size, ref: attachment });
    } catch (e) {
      if (!job.cancelled) patch(conversationId, key, { state: 'failed', error: `Upload failed: ${describeError(e).message}` });
    }
  }

  return {
    byConversation: {},
    add(conversationId, channel, files) {
      const chips = files.map((file): AttachmentChip => {
        const key = crypto.randomUUID();
        const tooLarge = sizeProblem(file.size, channel);
        return { key, filename: file.name, size: file.size, sent: 0, state: tooLarge ? 'failed' : 'uploading', error: tooLarge, ref: null };
      });
      set((s) => ({ byConversation: { ...s.byConversation, [conversationId]: [...(s.byConversation[conversationId] ?? []), ...chips] } }));
      chips.forEach((chip, i) => {
        if (chip.state !== 'uploading') return;
        const job = { uploadId: null, cancelled: false, done: Promise.resolve() };
        running.set(chip.key, job);
        job.done = upload(conversationId, chip.key, files[i]!).finally(() => running.delete(chip.key));
      });
    },
    remove(conversationId, key) {
      const job = running.get(key);
      if (job) {
        job.cancelled = true;
        if (job.uploadId) void api.call('attachment.cancel', { uploadId: job.uploadId }).catch(() => undefined);
      }
      set((s) => ({ byConversation: { ...s.byConversation, [conversationId]: (s.byConversation[conversationId] ?? []).filter((c) => c.key !== key) } }));
    },
    take(conversationId) {
      const refs = (get().byConversation[conversationId] ?? []).flatMap((c) => (c.ref ? [c.ref] : []));
      set((s) => ({ byConversation: { ...s.byConversation, [conversationId]: [] } }));
      return refs;
    },
    giveBack(conversationId, refs) {
      const chips = refs.map((ref): AttachmentChip => ({ key: crypto.randomUUID(), filename: ref.filename, size: ref.size, sent: ref.size, state: 'ready', error: null, ref }));
      set((s) => ({ byConversation: { ...s.byConversation, [conversationId]: [...chips, ...(s.byConversation[conversationId] ?? [])] } }));
    },
    async settled(conversationId) {
      const keys = new Set((get().byConversation[conversationId] ?? []).map((c) => c.key));
      await Promise.all([...running].filter(([key]) => keys.has(key)).map(([, job]) => job.done));
    },
  };
});

/** Why a file cannot go on this channel, or null: checked before any byte is sent. */
export function sizeProblem(size: number, channel: Channel): string | null {
  const limit = Math.min(MAX_ATTACHMENT_BYTES, CHANNEL_ATTACHMENT_LIMIT[channel]);
  if (size <= limit) return null;
  return limit === MAX_ATTACHMENT_BYTES ? `Too large: files are limited to ${fileSize(limit)}` : `Too large for ${CHANNEL_LABELS[channel]} (up to ${fileSize(limit)})`;
}

function toHex(buf: ArrayBuffer): string {
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its bytes as arguments, and arguments are limited.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
