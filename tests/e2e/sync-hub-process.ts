/**
 * A team hub in a process of its own for the sync specs: Playwright's loader cannot import the
 * demo generator (JSON modules), so the hub is started here with tsx, says where it listens and
 * who may sign in on one line, and closes its store on SIGTERM.
 *   node --import tsx tests/e2e/sync-hub-process.ts CONVERSATIONS
 */
import { startTeamHub } from '../support/team-hub';

const conversations = Number(process.argv[2] ?? 40);
const hub = await startTeamHub({ conversations });
process.stdout.write(`TEAM_HUB ${JSON.stringify({ url: hub.url, port: hub.port, agents: hub.agents })}\n`);
process.once('SIGTERM', () => {
  void hub.close().then(() => process.exit(0));
});
