/**
 * A team hub process with a support mailbox for the mail specs: a throwaway Dovecot (IMAP) and an
 * SMTP sink that accepts every reply, connected with `npm run hub -- mail add`. Says where it
 * listens on one line, like sync-hub-process.ts, and stops everything on SIGTERM.
 *   node --import tsx tests/e2e/mail-hub-process.ts CONVERSATIONS
 */
import { startMailTeamHub } from '../support/mail-team-hub';
import { startSmtpSink } from '../support/smtp-sink';

const conversations = Number(process.argv[2] ?? 40);
const sink = await startSmtpSink();
const mail = await startMailTeamHub({ conversations, smtpPort: sink.port });
process.stdout.write(`TEAM_HUB ${JSON.stringify({ url: mail.hub.url, port: mail.hub.port, agents: mail.agents, address: mail.address })}\n`);
process.once('SIGTERM', () => {
  void mail
    .close()
    .then(() => sink.close())
    .then(() => process.exit(0));
});
