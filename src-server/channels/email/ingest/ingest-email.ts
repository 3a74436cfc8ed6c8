import type { HubStore, HubWriteTx } from '../../../store/contract';

/**
 * PLACEHOLDER until branch mail-parse is merged: its ingestEmail (MIME → sanitized content →
 * threading → hub entities) replaces this file whole, with this exact signature. This one stores
 * nothing and says so, so the IMAP engine can be built and tested against the real interface.
 */
export interface IngestOutcome {
  kind: 'new-conversation' | 'threaded' | 'duplicate' | 'ignored' | 'failed';
  conversationId: number | null;
  messageId: number | null;
  reason: string;
}

export interface IngestSource {
  accountId: string;
  mailbox: string;
  uid: number;
  receivedAt: number;
}

export async function ingestEmail(_tx: HubWriteTx, _blobs: HubStore['blobs'], _raw: Buffer, _source: IngestSource): Promise<IngestOutcome> {
  return { kind: 'ignored', conversationId: null, messageId: null, reason: 'placeholder ingest (mail-parse not merged yet)' };
}
