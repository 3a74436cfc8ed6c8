import { ImapFlow } from 'imapflow';
import { imapAuthOf, type MailServer, type SendingAccount } from './sending-account';

/** Short: the Sent folder is a side errand of a send, never worth a stuck queue. */
const IMAP_TIMEOUT_MS = 30_000;

export function imapClient(s: MailServer): ImapFlow {
  return new ImapFlow({
    host: s.host,
    port: s.port,
    secure: s.security === 'tls',
    // STARTTLS must not be skippable when the settings ask for it.
    ...(s.security === 'starttls' ? { doSTARTTLS: true } : {}),
    auth: imapAuthOf(s),
    logger: false,
    connectionTimeout: IMAP_TIMEOUT_MS,
    greetingTimeout: IMAP_TIMEOUT_MS,
    socketTimeout: IMAP_TIMEOUT_MS,
  });
}

/** One IMAP session for one errand, always logged out (or dropped) after. */
async function withImap<T>(account: SendingAccount, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = imapClient(account.imap);
  client.on('error', () => {}); // A dropped socket rejects the pending command; the event itself carries nothing more.
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Where sent copies are: the configured folder, else the one the server flags \\Sent; null when there is none yet. */
async function sentFolderPath(client: ImapFlow, account: SendingAccount): Promise<string | null> {
  const folders = await client.list();
  if (account.sentFolder) return folders.some((f) => f.path === account.sentFolder) ? account.sentFolder : null;
  return folders.find((f) => f.specialUse === '\\Sent')?.path ?? null;
}

async function holds(client: ImapFlow, folder: string, messageIdHeader: string): Promise<boolean> {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    const uids = await client.search({ header: { 'message-id': messageIdHeader } }, { uid: true });
    return Array.isArray(uids) && uids.length > 0;
  } finally {
    lock.release();
  }
}

/** Whether the Sent folder holds a message with this Message-ID: the check before re-sending after an unknown outcome. */
export function sentCopyExists(account: SendingAccount, messageIdHeader: string): Promise<boolean> {
  return withImap(account, async (client) => {
    const sent = await sentFolderPath(client, account);
    return sent !== null && (await holds(client, sent, messageIdHeader));
  });
}

/** Files the sent copy, \\Seen, in `folder` (created if missing), unless it is already there (a resumed job). */
export function appendSentCopy(account: SendingAccount, folder: string, messageIdHeader: string, raw: Buffer, date: Date): Promise<void> {
  return withImap(account, async (client) => {
    if (!(await client.list()).some((f) => f.path === folder)) await client.mailboxCreate(folder);
    else if (await holds(client, folder, messageIdHeader)) return;
    await client.append(folder, raw, ['\\Seen'], date);
  });
}
