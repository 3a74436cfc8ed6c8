import { openSqliteStore } from '../../src-server/store/sqlite-store';
import { tempDir } from './console-process';
import { startDovecot, type Dovecot } from './dovecot';
import { hubCommand, startHubProcess, type HubProcess } from './hub-process';
import { seedTeamStore, type TeamAgent } from './team-hub';

/**
 * A team hub process with a support mailbox connected the way an admin does it (`npm run hub --
 * mail add`): IMAP on a throwaway Dovecot, SMTP to `smtpPort` (an SMTP sink), Sent folder filing.
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
  hubCommand(
    { dataDir },
    ['mail', 'add', '--id', 'support', '--host', dovecot.host, '--port', String(dovecot.imapPort), '--security', 'none', '--user', MAILBOX.user, '--password-stdin',
      '--from', address, '--from-name', 'Northwind Support', '--sent-folder', 'Sent', '--smtp-host', '127.0.0.1', '--smtp-port', String(opts.smtpPort), '--smtp-security', 'none'],
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
