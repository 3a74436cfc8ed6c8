import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { systemBinary } from '../../scripts/system-packages.mjs';
import { tempDir } from '../../tests/support/console-process';
import type { Dovecot } from '../../tests/support/dovecot';

export interface MbsyncResult {
  version: string;
  messages: number;
  seconds: number;
  messagesPerSec: number;
}

/**
 * The peer to beat: mbsync (isync) pulling the same INBOX over IMAP on loopback into a local
 * Maildir, `mbsync -a` with a minimal config, timed from start to exit.
 */
export function runMbsync(dovecot: Dovecot, user: string, password: string, expected: number): MbsyncResult {
  const mbsync = systemBinary('mbsync');
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
  const version = spawnSync(mbsync, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const t0 = performance.now();
  const r = spawnSync(mbsync, ['-c', rc, '-a', '-q'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`mbsync failed (${r.status}): ${r.stderr.trim()}`);
  const messages = ['cur', 'new'].reduce((n, sub) => n + fs.readdirSync(path.join(local, 'INBOX', sub)).length, 0);
  fs.rmSync(dir, { recursive: true, force: true });
  if (messages !== expected) throw new Error(`mbsync pulled ${messages} messages, expected ${expected}`);
  return { version, messages, seconds: Math.round(seconds * 100) / 100, messagesPerSec: Math.round(messages / seconds) };
}
