import type { HubWriteTx } from '../../../store/contract';
import { replyAccountOf } from '../ingest/message-copies';
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


/** imapflow's and nodemailer's credentials. */
export function imapAuthOf(s: MailServer): { user: string; pass: string } | { user: string; accessToken: string } {
  return s.auth.kind === 'oauth2' ? { user: s.user, accessToken: s.auth.accessToken } : { user: s.user, pass: s.auth.password };
}
export function smtpAuthOf(s: MailServer): { user: string; pass: string } | { type: 'OAuth2'; user: string; accessToken: string } {
  return s.auth.kind === 'oauth2' ? { type: 'OAuth2', user: s.user, accessToken: s.auth.accessToken } : { user: s.user, pass: s.auth.password };
}

/** A job's account while no account can send (the embedded hub of a solo desktop, a hub before `mail add`). */
export const NO_SENDING_ACCOUNT = '';
export const NO_SENDING_ACCOUNT_REASON = 'No mailbox account can send email yet: add one with SMTP settings (`npm run hub -- mail add … --smtp-host H --smtp-port P`); the reply waits until then.';

/**
 * The account a reply in `conversationId` goes out through: the one the conversation's mail came
 * in on, so the customer hears back from the address they wrote to (when it has SMTP settings;
 * paused, its replies wait for it). Otherwise, or for a conversation that never had inbound mail,
 * the first account that can send. Null when none can.
 */
export async function replyAccountFor(tx: Pick<HubWriteTx, 'listChildren' | 'connectors'>, conversationId: number): Promise<EmailAccount | null> {
  const arrivedOn = await replyAccountOf(tx, conversationId);
  const accounts = (await tx.connectors.list<EmailAccount>(ACCOUNT_PREFIX)).map((d) => d.value);
  const own = accounts.find((a) => a.id === arrivedOn && a.smtp !== null);
  return own ?? accounts.find((a) => sendingAccount(a) !== null) ?? null;
}
