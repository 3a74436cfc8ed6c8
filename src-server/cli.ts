/**
 * The hub's command line: `npm run hub -- <command>` (see USAGE in cli/args.ts and src-server/README.md).
 * Exit codes: 0 done, 2 a mistake in what was asked (nothing changed), 1 the hub or its store failed.
 */
import path from 'node:path';
import { UserError } from './auth/users';
import { parseCommandLine, only, UsageError, USAGE, wholeNumber, type CliOptions } from './cli/args';
import { mailCommand } from './cli/mail-commands';
import { auditCommand, compactCommand, exportCommand, sessionCommand, userCommand, type Output } from './cli/commands';
import { openHubStore, startHub } from './hub';
import type { HubStore } from './store/contract';

export const DEFAULT_PORT = 8787;
const io: Output = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };

function storeLocation(o: CliOptions): { dataDir: string; databaseUrl: string | undefined } {
  return { dataDir: path.resolve(o.data ?? path.join('.data', 'hub')), databaseUrl: process.env.DATABASE_URL || undefined };
}

async function serve(o: CliOptions): Promise<void> {
  only(o, 'serve', 'host', 'port');
  const port = wholeNumber('port', o.port, DEFAULT_PORT, 0, 65_535);
  const where = storeLocation(o);
  const store = await openHubStore(where);
  const hub = await startHub({ store, host: o.host ?? '127.0.0.1', port, log: io.err });
  io.out(`Outpost hub listening on ${hub.url} (${store.kind === 'sqlite' ? `sqlite ${where.dataDir}` : 'postgres'})`);
  const stop = async () => {
    await hub.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function run(words: string[], o: CliOptions, store: HubStore): Promise<void> {
  const [command, sub, extra] = words;
  if (extra !== undefined || (sub !== undefined && !['user', 'session', 'mail'].includes(command!))) throw new UsageError(`unexpected "${extra ?? sub}"`);
  switch (command) {
    case 'user':
      return userCommand(store, sub, o, io);
    case 'session':
      return sessionCommand(store, sub, o, io);
    case 'audit':
      return auditCommand(store, o, io);
    case 'export':
      return exportCommand(store, o, io);
    case 'compact':
      return compactCommand(store, o, io);
    case 'mail':
      return mailCommand(store, sub, o, io);
  }
}

const COMMANDS = ['serve', 'user', 'session', 'audit', 'export', 'compact', 'mail'];

async function main(): Promise<void> {
  const { words, options } = parseCommandLine(process.argv.slice(2));
  if (options.help || words[0] === 'help') return io.out(USAGE);
  if (!COMMANDS.includes(words[0]!)) throw new UsageError(`unknown command "${words[0]}"`);
  if (words[0] === 'serve') {
    if (words.length > 1) throw new UsageError(`unexpected "${words[1]}"`);
    return serve(options);
  }
  const store = await openHubStore(storeLocation(options));
  try {
    await run(words, options, store);
  } finally {
    await store.close();
  }
}

main().catch((e: unknown) => {
  if (e instanceof UsageError && e.showUsage) io.err(`hub: ${e.message}\n\n${USAGE}`);
  else io.err(`hub: ${(e as Error).message}`);
  process.exit(e instanceof UsageError || e instanceof UserError ? 2 : 1);
});
