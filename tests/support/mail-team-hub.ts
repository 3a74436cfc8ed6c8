import { openSqliteStore } from '../../src-server/store/sqlite-store';
import { tempDir } from './console-process';
import { startDovecot, type Dovecot } from './dovecot';
import { answeredElsewhere } from './answered-elsewhere';
import { hubCommand, startHubProcess, type HubProcess } from './hub-process';
import { seedTeamStore, type TeamAgent } from './team-hub';

/**
 * A team hub process with a support mailbox connected the way an admin does it (`npm run hub --
 * mail add`): IMAP on a throwaway Dovecot, INBOX and Sent synced, SMTP to `smtpPort` (an SMTP
 * sink), Sent folder filing. The mailbox starts with one thread an agent answered from their own
 * mail program (answered-elsewhere.ts): the question in INBOX, the shop's answer in Sent.
 */
export interface MailTeamHub {
  hub: HubProcess;
  dovecot: Dovecot;
  dataDir: string;
  agents: TeamAgent[];
  /** The shop's mailbox address. */
  address: string;
  close(): Promise<void>;
}

export const MAILBOX = { user: 'support', password: 'counter top 42' };

export async function startMailTeamHub(opts: { conversations: number; smtpPort: number }): Promise<MailTeamHub> {
  const dataDir = tempDir('mail-hub');
  const store = await openSqliteStore(dataDir);
  const agents = await seedTeamStore(store, { conversations: opts.conversations });
  await store.close();
  const dovecot = await startDovecot();
  dovecot.addUser(MAILBOX.user, MAILBOX.password);
  const address = `${MAILBOX.user}@example.test`;
  const thread = answeredElsewhere(address, Date.now());
  const imap = await dovecot.client(MAILBOX.user, MAILBOX.password);
  try {
    await imap.mailboxCreate('Sent');
    // INTERNALDATE as a real mailbox has it: ingest files mail at the time the server received it.
    await imap.append('INBOX', thread.inbox.raw, [], thread.inbox.at);
    await imap.append('Sent', thread.sent.raw, ['\\Seen'], thread.sent.at);
  } finally {
    await imap.logout();
  }
  hubCommand(
    { dataDir },
    ['mail', 'add', '--id', 'support', '--host', dovecot.host, '--port', String(dovecot.imapPort), '--security', 'none', '--user', MAILBOX.user, '--password-stdin',
      '--from', address, '--from-name', 'Northwind Support', '--folders', 'INBOX,Sent', '--sent-folder', 'Sent', '--smtp-host', '127.0.0.1', '--smtp-port', String(opts.smtpPort), '--smtp-security', 'none'],
    `${MAILBOX.password}\n`,
  );
  let hub: HubProcess;
  try {
    hub = await startHubProcess({ dataDir });
  } catch (e) {
    await dovecot.stop();
    throw e;
  }
  return {
    hub,
    dovecot,
    dataDir,
    agents,
    address,
    async close() {
      await hub.stop();
      await dovecot.stop();
    },
  };
}
