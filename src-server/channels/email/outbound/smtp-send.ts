import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import type { MailAuth } from '../account';
import { smtpAuthOf, type MailServer } from './sending-account';

const SMTP_TIMEOUT_MS = 60_000;

/**
 * How an attempt ended, as far as we can know:
 * - sent: the server answered 250 to the message;
 * - permanent: refused for good (5xx: unknown mailbox, policy) — retrying would not help;
 * - transient: certainly not delivered (4xx, no connection, login refused) — retry later;
 * - unknown: the connection died or timed out after the message may have gone (during DATA) —
 *   before another try, look for it in the Sent folder.
 */
export type SendOutcome = { kind: 'sent' } | { kind: 'permanent' | 'transient' | 'unknown'; reason: string };

/** The exact bytes both sent and filed in Sent, so the two carry one Message-ID and one body. */
export function buildRaw(mail: Mail.Options): Promise<Buffer> {
  return new MailComposer(mail).compile().build();
}

export async function sendRaw(server: MailServer, envelope: { from: string; to: string[] }, raw: Buffer): Promise<SendOutcome> {
  const transport = nodemailer.createTransport({
    host: server.host,
    port: server.port,
    secure: server.security === 'tls',
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'none',
    auth: smtpAuthOf(server),
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  try {
    await transport.sendMail({ envelope, raw });
    return { kind: 'sent' };
  } catch (e) {
    return classifySmtpError(e as SmtpError, server.auth.kind);
  } finally {
    transport.close();
  }
}

interface SmtpError extends Error {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
}

export function classifySmtpError(e: SmtpError, auth: MailAuth['kind'] = 'password'): Exclude<SendOutcome, { kind: 'sent' }> {
  const said = e.response ? e.response.trim() : e.message;
  if (e.code === 'EAUTH' || e.command === 'AUTH PLAIN' || e.command === 'AUTH LOGIN' || e.command === 'AUTH XOAUTH2') {
    const what = auth === 'oauth2' ? "the account's OAuth2 access token (it may have expired)" : "the account's user and password";
    return { kind: 'transient', reason: `SMTP login refused: check ${what} (${said})` };
  }
  if (e.responseCode !== undefined) {
    return e.responseCode >= 500 ? { kind: 'permanent', reason: `refused by the mail server: ${said}` } : { kind: 'transient', reason: `the mail server asked to try later: ${said}` };
  }
  // No connection at all (DNS, refused, TLS handshake): nothing can have been delivered. A connection
  // that dies later is 'CONN' too, which says nothing about how far the message got: unknown.
  if (e.code === 'EDNS' || e.code === 'ETLS' || /\bECONNREFUSED\b/.test(e.message)) return { kind: 'transient', reason: `cannot reach the mail server: ${e.message}` };
  return { kind: 'unknown', reason: `the connection ended before the mail server confirmed: ${e.message}` };
}
