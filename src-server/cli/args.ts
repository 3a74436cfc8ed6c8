import { parseArgs } from 'node:util';

export const USAGE = `usage: npm run hub -- <command> [options]

  serve [--host H] [--port P]          run the hub (default command; --host 127.0.0.1, --port 8787)
  user add --email E --name N --role R [--password-stdin]
  user list
  user set-role --email E --role R
  user passwd --email E [--password-stdin]
  user disable --email E               also signs out every desktop of theirs
  session revoke --email E             signs out every desktop of a user
  audit [--limit N]                    newest first (default 50)
  export --format jsonl [--out FILE]   one line per conversation; stdout without --out
  compact --keep N                     drop deletions older than the last N versions
  mail add --host H --port P --security tls|starttls|none --user U (--password-stdin | --oauth2-token-stdin)
           --from ADDRESS [--from-name N] [--aliases A,B] [--folders INBOX,Support] [--sent-folder Sent] [--id ID]
           [--smtp-host H --smtp-port P [--smtp-security tls|starttls|none]]
  mail list                            accounts and their sync state (no secrets)
  mail sync --once [--account ID]      one sync cycle now; prints a JSON summary
  mail secret --account ID (--password-stdin | --oauth2-token-stdin)
                                       a new password or access token (a running hub retries at once)
  mail aliases --account ID [--set A,B]  the shop's other addresses (mail from them is outbound)

Every command takes --data DIR (default .data/hub), or DATABASE_URL=postgres://... for PostgreSQL.
Roles: agent, onboarding, supervisor, admin.`;

/** A mistake in what was asked: exit code 2, with the usage when the command line itself was wrong. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

const OPTIONS = {
  data: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  email: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  limit: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  keep: { type: 'string' },
  security: { type: 'string' },
  user: { type: 'string' },
  'oauth2-token-stdin': { type: 'boolean' },
  folders: { type: 'string' },
  'sent-folder': { type: 'string' },
  'smtp-host': { type: 'string' },
  'smtp-port': { type: 'string' },
  'smtp-security': { type: 'string' },
  from: { type: 'string' },
  'from-name': { type: 'string' },
  aliases: { type: 'string' },
  set: { type: 'string' },
  id: { type: 'string' },
  account: { type: 'string' },
  once: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type CliOptions = Partial<{ [K in keyof typeof OPTIONS]: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string }>;

export interface CliCommand {
  /** e.g. ['user', 'add'] or ['serve']. */
  words: string[];
  options: CliOptions;
}

export function parseCommandLine(argv: string[]): CliCommand {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    return { words: positionals.length ? positionals : ['serve'], options: values as CliOptions };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Options a command needs: a clear message naming the first one missing. */
export function required<K extends keyof CliOptions>(options: CliOptions, ...names: K[]): { [P in K]-?: NonNullable<CliOptions[P]> } {
  for (const n of names) if (options[n] === undefined || options[n] === '') throw new UsageError(`--${n} is required`);
  return options as { [P in K]-?: NonNullable<CliOptions[P]> };
}

/** Options a command does not take are refused, not silently ignored. */
export function only(options: CliOptions, command: string, ...allowed: (keyof CliOptions)[]): void {
  const extra = Object.keys(options).filter((k) => k !== 'data' && k !== 'help' && !allowed.includes(k as keyof CliOptions));
  if (extra.length) throw new UsageError(`${command} does not take --${extra[0]}`);
}

export function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return Number(raw);
}
