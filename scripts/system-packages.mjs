// The system programs the test suites and benchmarks run, and the Debian package of each. This
// file is the one place that knows them: `npm test` installs every missing package first, before
// any suite (scripts/test.mjs), and a test finds a program only through `systemBinary()`, which
// fails with the package's name when it is missing. Nothing here ever skips a test.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const POSTGRES_ROOT = '/usr/lib/postgresql';

/** Bin folders of the installed PostgreSQL versions that have initdb and pg_ctl, newest first. */
export function postgresBinDirs() {
  if (!fs.existsSync(POSTGRES_ROOT)) return [];
  return fs
    .readdirSync(POSTGRES_ROOT)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(POSTGRES_ROOT, v, 'bin'))
    .filter((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')));
}

/** The folder holding PostgreSQL's initdb and pg_ctl: OUTPOST_PG_BIN, else the newest installed version. */
function postgresBin() {
  return process.env.OUTPOST_PG_BIN ?? postgresBinDirs()[0] ?? path.join(POSTGRES_ROOT, '<version>', 'bin');
}

/**
 * name → { pkg: Debian package, path(): where the program is, what: who needs it }. A path can be
 * moved with an environment variable where a machine keeps the program elsewhere.
 */
export const SYSTEM_BINARIES = {
  chromium: { pkg: 'chromium', path: () => process.env.OUTPOST_CHROMIUM ?? '/usr/bin/chromium', what: 'Chromium, for the end-to-end tests and the UI bench' },
  dovecot: { pkg: 'dovecot-imapd', path: () => '/usr/sbin/dovecot', what: 'Dovecot, the IMAP server of the email tests' },
  'dovecot-imap': { pkg: 'dovecot-imapd', path: () => '/usr/lib/dovecot/imap', what: "Dovecot's IMAP service" },
  'dovecot-lmtp': { pkg: 'dovecot-lmtpd', path: () => '/usr/lib/dovecot/lmtp', what: "Dovecot's LMTP service, which delivers the email tests' mail" },
  initdb: { pkg: 'postgresql', path: () => path.join(postgresBin(), 'initdb'), what: "PostgreSQL's initdb, for the hub tests' throwaway cluster" },
  pg_ctl: { pkg: 'postgresql', path: () => path.join(postgresBin(), 'pg_ctl'), what: "PostgreSQL's pg_ctl, for the hub tests' throwaway cluster" },
  mbsync: { pkg: 'isync', path: () => '/usr/bin/mbsync', what: 'mbsync (isync), the IMAP sync peer the email bench compares with' },
};

const isThere = (name) => fs.existsSync(SYSTEM_BINARIES[name].path());

/**
 * The path of system program `name` (a key of SYSTEM_BINARIES). Throws, naming the Debian
 * package and how to install it, when the program is missing.
 */
export function systemBinary(name) {
  const entry = SYSTEM_BINARIES[name];
  if (!entry) throw new Error(`${name} is not a system program the tests know; add it to SYSTEM_BINARIES in scripts/system-packages.mjs`);
  const where = entry.path();
  if (!fs.existsSync(where)) {
    throw new Error(
      `${entry.what} is missing: ${where} does not exist. It comes with the Debian package ${entry.pkg}. ` +
        `\`npm test\` installs every system package before its suites when run as root; ` +
        `otherwise run \`sudo apt-get install -y ${entry.pkg}\` (or \`node scripts/system-packages.mjs\` to install them all).`,
    );
  }
  return where;
}

/** The Debian packages of the programs that are missing, each once. */
export function missingPackages() {
  return [...new Set(Object.keys(SYSTEM_BINARIES).filter((name) => !isThere(name)).map((name) => SYSTEM_BINARIES[name].pkg))];
}

function run(command, args, log) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', log, log], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

/**
 * Installs every missing package with one `apt-get update` and one `apt-get install` (as root;
 * otherwise says what to install). Resolves to { ok, packages, seconds, problem? }. apt's output
 * goes to `logFile` when given (so it can run beside other steps), else to this terminal.
 */
export async function installSystemPackages({ logFile } = {}) {
  const started = performance.now();
  const packages = missingPackages();
  const done = (ok, problem) => ({ ok, packages, seconds: Math.round((performance.now() - started) / 100) / 10, ...(problem ? { problem } : {}) });
  if (packages.length === 0) return done(true);
  if (process.getuid?.() !== 0) return done(false, `Missing system packages: ${packages.join(' ')}. Install them (sudo apt-get install -y ${packages.join(' ')}) and run the tests again.`);
  const log = logFile ? fs.openSync(logFile, 'a') : 'inherit';
  try {
    if (!(await run('apt-get', ['update', '-qq'], log))) return done(false, `apt-get update failed${logFile ? ` (see ${logFile})` : ''}`);
    if (!(await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], log))) return done(false, `apt-get install ${packages.join(' ')} failed${logFile ? ` (see ${logFile})` : ''}`);
  } finally {
    if (typeof log === 'number') fs.closeSync(log);
  }
  const still = missingPackages();
  return still.length ? done(false, `Installed, yet still missing: ${still.join(' ')}`) : done(true);
}

// `node scripts/system-packages.mjs`: install whatever is missing, for running single suites by hand.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await installSystemPackages();
  process.stdout.write(r.ok ? `System packages ready${r.packages.length ? ` (installed ${r.packages.join(' ')} in ${r.seconds} s)` : ''}.\n` : `${r.problem}\n`);
  process.exit(r.ok ? 0 : 1);
}
