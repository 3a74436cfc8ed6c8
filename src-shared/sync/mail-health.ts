/**
 * What the hub's `GET /mail/health` answers and the console's Mail health panel shows: one entry
 * per support mailbox, with how far its sync got and what went wrong, and the outbound queue's
 * own state. `POST /mail/resync` with `MailResyncRequest` asks the hub to sync an account again
 * from scratch (its folders' state is dropped; ingest skips what it already has by Message-ID).
 */

export interface MailFolderHealth {
  /** The IMAP folder, e.g. "INBOX". */
  mailbox: string;
  /** Messages the folder holds on the server at the last check. */
  messages: number;
  /** Messages already fetched (new mail and backfill); backfill progress = synced / messages. */
  synced: number;
  /** True while older mail is still being fetched. */
  backfilling: boolean;
  lastSyncAt: number | null;
}

export interface MailAccountHealth {
  accountId: string;
  /** The shop's address, as customers see it. */
  address: string;
  /** connected: syncing or idle; error: the last attempt failed (see `error`); disabled: an admin paused it. */
  state: 'connected' | 'connecting' | 'error' | 'disabled';
  lastSyncAt: number | null;
  /** Messages on the server not yet fetched, over every folder. */
  backlog: number;
  folders: MailFolderHealth[];
  /** The last failure, in words a person can act on ("IMAP login refused: check the password"), or null. */
  error: { at: number; reason: string } | null;
  /** Messages that could not be ingested (recorded and skipped), most recent first. */
  skipped: { at: number; mailbox: string; uid: number; reason: string }[];
  /** The outbound queue for this account. */
  outbound: { queued: number; failed: number; lastError: { at: number; reason: string } | null };
}

export interface MailHealth {
  accounts: MailAccountHealth[];
  /** Replies accepted but waiting because no account can send (none has SMTP settings). */
  waitingForAccount: number;
}

export interface MailResyncRequest {
  accountId: string;
}
