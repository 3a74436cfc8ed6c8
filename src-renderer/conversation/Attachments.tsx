import { useRef, useState } from 'react';
import { attachmentDownloadPath } from '../../src-shared/api';
import type { AttachmentRef, Channel } from '../../src-shared/domain';
import { sessionToken } from '../api/token';
import { fileSize } from '../shared/format';
import { useAttachmentUploads, type AttachmentChip } from './attachmentUploads';

const NO_CHIPS: AttachmentChip[] = [];

/** Files dropped anywhere on the composer are attached, like in every mail client: spread onto its form. */
export function useAttachmentDrop(conversationId: number, channel: Channel, enabled: boolean) {
  const add = useAttachmentUploads((s) => s.add);
  const [over, setOver] = useState(false);
  const hasFiles = (e: React.DragEvent) => enabled && e.dataTransfer.types.includes('Files');
  return {
    over,
    handlers: {
      onDragOver(e: React.DragEvent) {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(true);
      },
      onDragLeave(e: React.DragEvent) {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      },
      onDrop(e: React.DragEvent) {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(false);
        add(conversationId, channel, [...e.dataTransfer.files]);
      },
    },
  };
}

export function AttachButton({ conversationId, channel, disabled }: { conversationId: number; channel: Channel; disabled: boolean }) {
  const add = useAttachmentUploads((s) => s.add);
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="attach-button" disabled={disabled} onClick={() => input.current?.click()} title="Or drop files on the composer">
        + Attach files
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Files to attach"
        onChange={(e) => {
          add(conversationId, channel, [...(e.target.files ?? [])]);
          e.target.value = ''; // picking the same file again must still fire
        }}
      />
    </>
  );
}

/** The files on their way into this reply, each with its progress or its problem. */
export function AttachmentChips({ conversationId }: { conversationId: number }) {
  const chips = useAttachmentUploads((s) => s.byConversation[conversationId]) ?? NO_CHIPS;
  const remove = useAttachmentUploads((s) => s.remove);
  if (chips.length === 0) return null;
  return (
    <ul className="attachment-chips" aria-label="Attached files">
      {chips.map((c) => (
        <li key={c.key} className={`attachment-chip ${c.state}`} aria-label={c.filename}>
          <span className="attachment-name">{c.filename}</span>
          <span className="attachment-size">{fileSize(c.size)}</span>
          {c.state === 'uploading' && (
            <progress aria-label={`Uploading ${c.filename}`} max={Math.max(c.size, 1)} value={c.sent}>
              {Math.round((100 * c.sent) / Math.max(c.size, 1))}%
            </progress>
          )}
          {c.error && (
            <span className="attachment-error" role="alert">
              {c.error}
            </span>
          )}
          <button type="button" className="chip-remove" aria-label={`Remove ${c.filename}`} onClick={() => remove(conversationId, c.key)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Under a message: each file with its size, downloadable in the browser console. */
export function MessageAttachments({ attachments }: { attachments: AttachmentRef[] }) {
  if (attachments.length === 0) return null;
  const token = sessionToken();
  return (
    <ul className="attachments" aria-label="Attachments">
      {attachments.map((a) => (
        <li key={a.contentHash + a.filename}>
          {token ? (
            <a className="attachment-name" href={attachmentDownloadPath(a, token)} download={a.filename} aria-label={`Download ${a.filename} (${fileSize(a.size)})`}>
              {a.filename}
            </a>
          ) : (
            <span className="attachment-name">{a.filename}</span>
          )}
          <span className="attachment-size">{fileSize(a.size)}</span>
        </li>
      ))}
    </ul>
  );
}
