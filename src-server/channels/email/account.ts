import { isIP } from 'node:net';

/**
 * A support mailbox's settings and each of its folders' sync state, kept as connector documents
 * (`email/account/<id>`, `email/mailbox/<accountId>/<folder>`). Secrets (password, OAuth2 token)
 * live only in the account document: `describeAccount` is what may be printed or served.
 */

export type ImapSecurity = 'tls' | 'starttls' | 'none';
export type MailAuth = { kind: 'password'; password: string } | { kind: 'oauth2'; accessToken: string };

export interface SmtpSettings {
  host: string;
  port: number;
  security: ImapSecurity;
  /** Defaults to the IMAP login when absent. */
  user?: string;
  auth?: MailAuth;
}

export interface EmailAccount {
  id: string;
  host: string;
  port: number;
  security: ImapSecurity;
  user: string;
  auth: MailAuth;
  /** Folders to sync; the first is watched with IDLE, the rest are polled. */
  folders: string[];
  /** Where the hub files the copy of each reply it sends (APPEND). */
  sentFolder: string | null;
  smtp: SmtpSettings | null;
  /** The shop's address and display name, as customers see them. */
  fromAddress: string;
  fromName: string;
  /**
   * Other addresses of the shop on this mailbox (absent on accounts added before aliases). Mail
   * from `fromAddress` or one of these is the shop's own: filed as outbound, never a customer.
   */
  aliases?: string[];
  /** Paused by an admin: the runner leaves it alone. */
  disabled: boolean;
  createdAt: number;
}

/** One folder's progress. UIDVALIDITY and HIGHESTMODSEQ are 63-bit: kept as decimal text, never rounded. */
export interface MailboxState {
  uidValidity: string;
  /** Every UID at or above `backfillBelow` and below `uidNext` has been ingested (or recorded as skipped). */
  uidNext: number;
  backfillBelow: number;
  /** '' when the server has no CONDSTORE. */
  highestModseq: string;
  /** Messages on the server at the last STATUS. */
  messages: number;
  /** Messages fetched since this UIDVALIDITY began (new, duplicate, ignored or skipped). */
  fetched: number;
  /** Messages still below `backfillBelow` at the last count. */
  backlog: number;
  flagChanges: number;
  expunged: number;
  lastSyncAt: number | null;
  /** When backfill last reached the oldest message. */
  lastFullSyncAt: number | null;
  /** Messages recorded and skipped (too large, unparseable), newest first, at most SKIPPED_KEPT. */
  skipped: { at: number; uid: number; reason: string }[];
}

/** An account's connection health, written by its runner (`email/health/<accountId>`). */
export interface AccountHealthDoc {
  state: 'connected' | 'connecting' | 'error' | 'disabled';
  error: { at: number; reason: string } | null;
  lastSyncAt: number | null;
}

export const SKIPPED_KEPT = 50;
export const accountKey = (id: string) => `email/account/${id}`;
export const ACCOUNT_PREFIX = 'email/account/';
export const mailboxKey = (accountId: string, mailbox: string) => `email/mailbox/${accountId}/${mailbox}`;
export const mailboxPrefix = (accountId: string) => `email/mailbox/${accountId}/`;
export const healthKey = (accountId: string) => `email/health/${accountId}`;

export class AccountSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountSettingsError';
  }
}

const HOST = /^[A-Za-z0-9.-]{1,253}$|^\[?[0-9A-Fa-f:.]+\]?$/;
const ADDRESS = /^[^\s@<>()",;]{1,64}@[A-Za-z0-9.-]{1,253}$/;

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return h === '::1';
}

function checkEndpoint(what: string, host: string, port: number, security: ImapSecurity): void {
  if (!HOST.test(host)) throw new AccountSettingsError(`${what} host ${JSON.stringify(host)} is not a host name or address`);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new AccountSettingsError(`${what} port must be 1 to 65535 (got ${port})`);
  if (!['tls', 'starttls', 'none'].includes(security)) throw new AccountSettingsError(`${what} security must be tls, starttls or none (got ${JSON.stringify(security)})`);
  // Passwords never cross a network in clear text: unencrypted only to this machine.
  if (security === 'none' && !isLoopback(host)) throw new AccountSettingsError(`${what} security "none" is allowed only on loopback (127.0.0.1, ::1, localhost), not ${host}`);
}

function checkAuth(what: string, auth: MailAuth): void {
  const secret = auth.kind === 'password' ? auth.password : auth.kind === 'oauth2' ? auth.accessToken : undefined;
  if (typeof secret !== 'string' || secret.length === 0 || secret.length > 4096) throw new AccountSettingsError(`${what} needs a password or an OAuth2 access token (1 to 4096 characters)`);
}

/** Refuses settings the runner could not use, with what is wrong; returns them as stored. */
export function checkAccount(a: EmailAccount): EmailAccount {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(a.id)) throw new AccountSettingsError(`account id must be 1 to 40 letters, digits, - or _ (got ${JSON.stringify(a.id)})`);
  checkEndpoint('IMAP', a.host, a.port, a.security);
  if (!a.user || a.user.length > 320) throw new AccountSettingsError('IMAP user is required');
  checkAuth('IMAP', a.auth);
  if (a.folders.length === 0 || a.folders.some((f) => !f || f.length > 200 || [...f].some((c) => c.charCodeAt(0) < 32))) throw new AccountSettingsError('folders must name at least one IMAP folder (e.g. INBOX)');
  if (new Set(a.folders).size !== a.folders.length) throw new AccountSettingsError('folders lists a folder twice');
  if (a.smtp) {
    checkEndpoint('SMTP', a.smtp.host, a.smtp.port, a.smtp.security);
    if (a.smtp.auth) checkAuth('SMTP', a.smtp.auth);
  }
  if (!ADDRESS.test(a.fromAddress)) throw new AccountSettingsError(`from address ${JSON.stringify(a.fromAddress)} is not an email address`);
  for (const alias of a.aliases ?? []) if (!ADDRESS.test(alias)) throw new AccountSettingsError(`alias ${JSON.stringify(alias)} is not an email address`);
  if (new Set(ownAddresses(a)).size !== 1 + (a.aliases ?? []).length) throw new AccountSettingsError('aliases repeat an address (or the from address)');
  if (a.fromName.length > 200 || /[\r\n]/.test(a.fromName)) throw new AccountSettingsError('from name must be one line of at most 200 characters');
  return a;
}

/** The shop's own addresses on this account, lower-cased: its From and every alias. */
export function ownAddresses(a: Pick<EmailAccount, 'fromAddress' | 'aliases'>): string[] {
  return [a.fromAddress, ...(a.aliases ?? [])].map((x) => x.trim().toLowerCase());
}

/** The account without its secrets: what `mail list` prints and the health panel shows. */
export function describeAccount(a: EmailAccount) {
  return {
    id: a.id,
    imap: `${a.user} @ ${a.host}:${a.port} (${a.security}, ${a.auth.kind})`,
    folders: a.folders,
    sentFolder: a.sentFolder,
    smtp: a.smtp ? `${a.smtp.host}:${a.smtp.port} (${a.smtp.security})` : null,
    from: a.fromName ? `${a.fromName} <${a.fromAddress}>` : a.fromAddress,
    aliases: a.aliases ?? [],
    disabled: a.disabled,
  };
}
