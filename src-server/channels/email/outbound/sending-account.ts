import type { ConnectorDocs } from '../../../store/contract';
import { ACCOUNT_PREFIX, type EmailAccount, type ImapSecurity, type MailAuth } from '../account';

/** One server to log in to, as the outbound queue uses it (SMTP to send, IMAP for the Sent folder). */
export interface MailServer {
  host: string;
  port: number;
  security: ImapSecurity;
  user: string;
  auth: MailAuth;
}

/** An account that can send: its SMTP settings, with the IMAP login filled in where SMTP leaves it out. */
export interface SendingAccount {
  id: string;
  address: string;
  displayName: string;
  imap: MailServer;
  smtp: MailServer;
  /** Where to APPEND the copy; null: the SMTP server files it itself (Gmail, Microsoft 365). */
  sentFolder: string | null;
}

export function sendingAccount(a: EmailAccount): SendingAccount | null {
  if (!a.smtp || a.disabled) return null;
  const imap: MailServer = { host: a.host, port: a.port, security: a.security, user: a.user, auth: a.auth };
  return {
    id: a.id,
    address: a.fromAddress,
    displayName: a.fromName,
    imap,
    smtp: { host: a.smtp.host, port: a.smtp.port, security: a.smtp.security, user: a.smtp.user ?? a.user, auth: a.smtp.auth ?? a.auth },
    sentFolder: a.sentFolder,
  };
}

/** Accounts that can send now (set up with SMTP, not paused), in key order. */
export async function sendingAccounts(docs: ConnectorDocs): Promise<SendingAccount[]> {
  return (await docs.list<EmailAccount>(ACCOUNT_PREFIX)).map((d) => sendingAccount(d.value)).filter((a): a is SendingAccount => a !== null);
}

/** imapflow's and nodemailer's credentials. */
export function imapAuthOf(s: MailServer): { user: string; pass: string } | { user: string; accessToken: string } {
  return s.auth.kind === 'oauth2' ? { user: s.user, accessToken: s.auth.accessToken } : { user: s.user, pass: s.auth.password };
}
export function smtpAuthOf(s: MailServer): { user: string; pass: string } | { type: 'OAuth2'; user: string; accessToken: string } {
  return s.auth.kind === 'oauth2' ? { type: 'OAuth2', user: s.user, accessToken: s.auth.accessToken } : { user: s.user, pass: s.auth.password };
}
