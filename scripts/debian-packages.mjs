// System packages the test suites need, installed with apt on a fresh Debian machine when run as
// root (CI is). Used by scripts/test.mjs and by tests/support/postgres.ts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

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

function runVisibly(_name, command, args, env) {
  return spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status === 0;
}

/**
 * Installs Debian package `pkg` when `present()` says it is missing: as root with apt-get (each
 * command through `runStep(name, command, args, env)`), otherwise says how and returns false.
 */
export function ensureDebianPackage(pkg, present, what, runStep = runVisibly) {
  if (present()) return true;
  if (process.getuid?.() !== 0) {
    process.stderr.write(`${what} is missing. Install it (Debian: sudo apt-get install -y ${pkg}) and run the tests again.\n`);
    return false;
  }
  process.stdout.write(`Installing ${what} (Debian package ${pkg}) ...\n`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  return runStep('apt-get update', 'apt-get', ['update', '-qq'], env) && runStep(`install ${pkg}`, 'apt-get', ['install', '-y', '-qq', pkg], env) && present();
}

/** Dovecot's IMAP and LMTP servers, for the email tests (tests/support/dovecot.ts). */
export const dovecotParts = { 'dovecot-imapd': '/usr/lib/dovecot/imap', 'dovecot-lmtpd': '/usr/lib/dovecot/lmtp' };

/** Installs whichever Dovecot part is missing (as root); true when both are there. */
export function ensureDovecot(runStep) {
  return Object.entries(dovecotParts).every(([pkg, file]) => ensureDebianPackage(pkg, () => fs.existsSync('/usr/sbin/dovecot') && fs.existsSync(file), `Dovecot (${pkg}) for the email tests`, runStep));
}
