import { ImapFlow, type ImapFlowError } from 'imapflow';
import type { EmailAccount } from '../account';

/** An IMAP session for `account`, signed in. TLS or STARTTLS are required as configured, never skipped. */
export interface ImapTimeouts {
  connectionTimeoutMs?: number;
  /** Silence after which a command (or IDLE, after a probing NOOP) counts as dead and the connection is closed. */
  socketTimeoutMs?: number;
}

export async function openImap(account: EmailAccount, opts: ImapTimeouts = {}): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: account.host,
    port: account.port,
    secure: account.security === 'tls',
    doSTARTTLS: account.security === 'starttls' ? true : account.security === 'none' ? false : undefined,
    auth: account.auth.kind === 'password' ? { user: account.user, pass: account.auth.password } : { user: account.user, accessToken: account.auth.accessToken },
    logger: false,
    // The runner IDLEs itself, with its own watchdog; imapflow's own auto-IDLE would race its commands.
    disableAutoIdle: true,
    qresync: true,
    connectionTimeout: opts.connectionTimeoutMs ?? 30_000,
    greetingTimeout: opts.connectionTimeoutMs ?? 16_000,
    socketTimeout: opts.socketTimeoutMs ?? 5 * 60_000,
    clientInfo: { name: 'Outpost hub' },
  });
  // A connection error is also thrown to whoever awaits a command; the event must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    client.close();
    throw e;
  }
  return client;
}

export interface ImapFailure {
  /** Wrong password or token: retrying soon cannot help and may lock the account. */
  auth: boolean;
  /** In words an admin can act on; never includes a secret. */
  reason: string;
}

/** What went wrong with an IMAP session, for the health panel. */
export function describeImapFailure(e: unknown, account: EmailAccount): ImapFailure {
  const err = e as Partial<ImapFlowError> & { code?: string; message?: string };
  const where = `${account.host}:${account.port}`;
  if (err?.authenticationFailed) {
    const what = account.auth.kind === 'oauth2' ? 'the OAuth2 access token (it may have expired)' : 'the user name and password';
    return { auth: true, reason: `IMAP login to ${where} as ${account.user} was refused: check ${what}.${err.responseText ? ` Server said: ${err.responseText}` : ''}` };
  }
  if (err?.tlsFailed) return { auth: false, reason: `TLS with ${where} failed (${err.message ?? 'unknown'}): check the security setting and the server's certificate.` };
  const code = err?.code ?? '';
  if (code === 'ECONNREFUSED') return { auth: false, reason: `Nothing is listening at ${where} (connection refused): check the host and port.` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { auth: false, reason: `The host ${account.host} could not be found: check the host name.` };
  if (/timeout/i.test(code) || /timed? ?out/i.test(err?.message ?? '')) return { auth: false, reason: `${where} did not answer in time; will retry.` };
  return { auth: false, reason: `IMAP error with ${where}: ${err?.responseText ?? err?.message ?? String(e)}` };
}
