import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { systemBinary } from '../../scripts/system-packages.mjs';
import { freePort } from './free-port';

/**
 * A throwaway Dovecot (IMAP with CONDSTORE/QRESYNC/IDLE, and LMTP) on loopback, for the email
 * tests: one per test file (`startDovecot()` in beforeAll, `stop()` in afterAll), users added as
 * needed. Installed with apt when missing and root; a Dovecot that cannot start is an error,
 * never a skipped test.
 */
export interface Dovecot {
  host: string;
  imapPort: number;
  lmtpPort: number;
  /** Adds (or changes the password of) a mailbox user; their address is `<name>@example.test`. */
  addUser(name: string, password: string): void;
  /** Delivers a message into `user`'s INBOX the way an MTA would (LMTP). */
  deliver(user: string, raw: string | Buffer): Promise<void>;
  /** An IMAP client signed in as `user` (the caller logs out). */
  client(user: string, password: string): Promise<ImapFlow>;
  /** APPENDs messages to a folder (created when missing); returns their UIDs. */
  append(user: string, password: string, folder: string, raws: (string | Buffer)[]): Promise<number[]>;
  /** Where `user`'s Maildir lives and who must own what is written there (the bench fills it directly). */
  maildir(user: string): { path: string; uid: number; gid: number };
  /** Dovecot's log so far: each IMAP session's end says what it fetched (`body_count=N`). */
  log(): string;
  stop(): Promise<void>;
}

/** The dovecot daemon, once its IMAP and LMTP services are known to be there too. */
function dovecotDaemon(): string {
  systemBinary('dovecot-imap');
  systemBinary('dovecot-lmtp');
  if (process.getuid?.() !== 0) throw new Error('The throwaway Dovecot needs root (it switches to the dovecot user for mail); run the email tests as root, as CI does.');
  return systemBinary('dovecot');
}

export interface DovecotOptions {
  /**
   * Also sign in with OAuth2 access tokens (XOAUTH2, OAUTHBEARER): Dovecot's oauth2 passdb POSTs
   * `token=…` to this RFC 7662 introspection URL and accepts `{"active": true, "username": USER}`.
   */
  oauth2IntrospectionUrl?: string;
}

const oauth2Passdb = (dir: string) => `passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = ${dir}/oauth2.conf.ext
}
`;
const oauth2Settings = (url: string) => `introspection_mode = post
introspection_url = ${url}
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
`;

function config(dir: string, imapPort: number, lmtpPort: number, opts: DovecotOptions): string {
  return `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n ${dir}/users/%n
}
${opts.oauth2IntrospectionUrl ? oauth2Passdb(dir) : ''}userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${dir}/mail/%n
}
mail_location = maildir:~/Maildir
first_valid_uid = 1
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
protocol imap {
  mail_max_userip_connections = 100
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${lmtpPort}
  }
}
mail_fsync = never
`;
}

const waitForPort = async (port: number, until: number): Promise<boolean> => {
  while (Date.now() < until) {
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (open) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
};

export async function startDovecot(opts: DovecotOptions = {}): Promise<Dovecot> {
  const daemon = dovecotDaemon();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-dovecot-'));
  fs.chmodSync(dir, 0o755); // the dovecot user walks through it to the mail folder
  for (const sub of ['run', 'state', 'mail']) fs.mkdirSync(path.join(dir, sub));
  const uid = Number(spawnSync('id', ['-u', 'dovecot'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'dovecot'], { encoding: 'utf8' }).stdout.trim());
  fs.chownSync(path.join(dir, 'mail'), uid, gid);
  // One passwd file per user: a shared file rewritten within the same second is not re-read.
  fs.mkdirSync(path.join(dir, 'users'));
  const conf = path.join(dir, 'dovecot.conf');
  if (opts.oauth2IntrospectionUrl) fs.writeFileSync(path.join(dir, 'oauth2.conf.ext'), oauth2Settings(opts.oauth2IntrospectionUrl));
  let imapPort = 0;
  let lmtpPort = 0;
  let lastError = '';
  for (let attempt = 0; attempt < 3 && imapPort === 0; attempt++) {
    const [i, l] = [await freePort(), await freePort()];
    fs.writeFileSync(conf, config(dir, i, l, opts));
    // The daemon keeps inherited pipes open: no stdio, its own log file says what went wrong.
    const started = spawnSync(daemon, ['-c', conf], { stdio: 'ignore' });
    if (started.status === 0 && (await waitForPort(i, Date.now() + 10_000)) && (await waitForPort(l, Date.now() + 5_000))) [imapPort, lmtpPort] = [i, l];
    else {
      lastError = `exit ${started.status}\n${fs.existsSync(path.join(dir, 'dovecot.log')) ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8') : ''}`;
      stopMaster(dir);
    }
  }
  if (imapPort === 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start the test Dovecot:\n${lastError}`);
  }
  const stopNow = () => {
    stopMaster(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopNow);
  const client = async (user: string, password: string) => {
    const c = new ImapFlow({ host: '127.0.0.1', port: imapPort, secure: false, auth: { user, pass: password }, logger: false, disableAutoIdle: true });
    await c.connect();
    return c;
  };

  return {
    host: '127.0.0.1',
    imapPort,
    lmtpPort,
    addUser(name, password) {
      if (!/^[a-z0-9_-]+$/.test(name) || /[:\n]/.test(password)) throw new Error(`unusable test mailbox user ${name}`);
      fs.writeFileSync(path.join(dir, 'users', name), `${name}:{PLAIN}${password}\n`);
    },
    async deliver(user, raw) {
      const transport = nodemailer.createTransport({ lmtp: true, host: '127.0.0.1', port: lmtpPort });
      try {
        await transport.sendMail({ envelope: { from: 'sender@example.net', to: [`${user}@example.test`] }, raw });
      } finally {
        transport.close();
      }
    },
    client,
    async append(user, password, folder, raws) {
      const c = await client(user, password);
      try {
        if (folder !== 'INBOX') await c.mailboxCreate(folder).catch(() => undefined); // already there is fine
        const uids: number[] = [];
        for (const raw of raws) {
          const r = await c.append(folder, raw);
          if (!r || !r.uid) throw new Error(`APPEND to ${folder} returned no UID`);
          uids.push(r.uid);
        }
        return uids;
      } finally {
        await c.logout();
      }
    },
    log: () => fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8'),
    maildir: (user) => ({ path: path.join(dir, 'mail', user, 'Maildir'), uid, gid }),
    async stop() {
      process.off('exit', stopNow);
      stopNow();
    },
  };
}

function stopMaster(dir: string): void {
  const pidFile = path.join(dir, 'run', 'master.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  // Wait for it to go (about a second), so its ports and files are free.
  const until = Date.now() + 5000;
  while (Date.now() < until) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    spawnSync('sleep', ['0.05']);
  }
}

/** A small RFC 5322 message for tests. */
export function testMessage(n: number, opts: { messageId?: string; subject?: string; from?: string; body?: string; date?: Date } = {}): string {
  const id = opts.messageId ?? `<msg-${n}@customer.example>`;
  return [
    `From: ${opts.from ?? `Customer ${n} <customer${n}@customer.example>`}`,
    'To: Support <support@example.test>',
    `Subject: ${opts.subject ?? `Question ${n}`}`,
    `Date: ${(opts.date ?? new Date(1_700_000_000_000 + n * 60_000)).toUTCString()}`,
    `Message-ID: ${id}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    opts.body ?? `Hello, this is message ${n}.`,
    '',
  ].join('\r\n');
}
