import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureDebianPackage } from '../../scripts/debian-packages.mjs';
import { tempDir } from '../../tests/support/console-process';
import type { Dovecot } from '../../tests/support/dovecot';

export interface MbsyncResult {
  version: string;
  messages: number;
  seconds: number;
  messagesPerSec: number;
}

const MBSYNC = '/usr/bin/mbsync';

/**
 * The peer to beat: mbsync (isync) pulling the same INBOX over IMAP on loopback into a local
 * Maildir, `mbsync -a` with a minimal config, timed from start to exit.
 */
export function runMbsync(dovecot: Dovecot, user: string, password: string, expected: number): MbsyncResult {
  if (!ensureDebianPackage('isync', () => fs.existsSync(MBSYNC), 'mbsync (isync), the IMAP sync peer the email bench compares with')) {
    throw new Error('mbsync is not installed; as root the bench installs it with apt, otherwise run `apt-get install -y isync`.');
  }
  const dir = tempDir('email-bench-mbsync');
  const local = path.join(dir, 'mail');
  fs.mkdirSync(local);
  const rc = path.join(dir, 'mbsyncrc');
  fs.writeFileSync(
    rc,
    [
      // No fsync per message: mbsync at its fastest (the hub's SQLite does not fsync each mail either).
      'FSync no',
      '',
      'IMAPAccount bench',
      `Host ${dovecot.host}`,
      `Port ${dovecot.imapPort}`,
      `User ${user}`,
      `Pass "${password}"`,
      'SSLType None',
      'AuthMechs LOGIN',
      '',
      'IMAPStore bench-far',
      'Account bench',
      '',
      'MaildirStore bench-near',
      `Path ${local}/`,
      `Inbox ${local}/INBOX`,
      '',
      'Channel bench',
      'Far :bench-far:',
      'Near :bench-near:',
      'Patterns INBOX',
      'Create Near',
      'Sync Pull',
      `SyncState ${dir}/state/`,
      '',
    ].join('\n'),
  );
  fs.mkdirSync(path.join(dir, 'state'));
  const version = spawnSync(MBSYNC, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const t0 = performance.now();
  const r = spawnSync(MBSYNC, ['-c', rc, '-a', '-q'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`mbsync failed (${r.status}): ${r.stderr.trim()}`);
  const messages = ['cur', 'new'].reduce((n, sub) => n + fs.readdirSync(path.join(local, 'INBOX', sub)).length, 0);
  fs.rmSync(dir, { recursive: true, force: true });
  if (messages !== expected) throw new Error(`mbsync pulled ${messages} messages, expected ${expected}`);
  return { version, messages, seconds: Math.round(seconds * 100) / 100, messagesPerSec: Math.round(messages / seconds) };
}
