import { ACCOUNT_PREFIX, accountKey, AccountSettingsError, checkAccount, describeAccount, mailboxKey, ownAddresses, type EmailAccount, type ImapSecurity, type MailAuth, type MailboxState } from '../channels/email/account';
import { syncAccountOnce } from '../channels/email/imap/account-sync';
import type { HubStore } from '../store/contract';
import { only, required, UsageError, wholeNumber, type CliOptions } from './args';
import type { Output } from './commands';
import { readSecret } from './password-input';

/** `mail add | list | sync --once | secret | aliases`: the support mailboxes the hub ingests (src-server/channels/email). */
export async function mailCommand(store: HubStore, sub: string | undefined, o: CliOptions, io: Output): Promise<void> {
  switch (sub) {
    case 'add':
      return addAccount(store, o, io);
    case 'list': {
      only(o, 'mail list');
      for (const { value } of await store.connectors.list<EmailAccount>(ACCOUNT_PREFIX)) {
        const folders = await Promise.all(value.folders.map(async (f) => ({ f, s: await store.connectors.get<MailboxState>(mailboxKey(value.id, f)) })));
        io.out(JSON.stringify({ ...describeAccount(value), sync: Object.fromEntries(folders.map(({ f, s }) => [f, s ? { messages: s.messages, backlog: s.backlog, lastSyncAt: s.lastSyncAt } : null])) }));
      }
      return;
    }
    case 'sync':
      return syncOnce(store, o, io);
    case 'secret':
      return replaceSecret(store, o, io);
    case 'aliases':
      return setAliases(store, o, io);
  }
  throw new UsageError(sub === undefined ? 'mail needs a subcommand: add, list, sync, secret or aliases' : `unknown mail subcommand "${sub}"`);
}

const security = (name: string, raw: string | undefined, fallback?: ImapSecurity): ImapSecurity => {
  const v = raw ?? fallback;
  if (v !== 'tls' && v !== 'starttls' && v !== 'none') throw new UsageError(`--${name} must be tls, starttls or none`);
  return v;
};

async function addAccount(store: HubStore, o: CliOptions, io: Output): Promise<void> {
  only(o, 'mail add', 'host', 'port', 'security', 'user', 'password-stdin', 'oauth2-token-stdin', 'folders', 'sent-folder', 'smtp-host', 'smtp-port', 'smtp-security', 'from', 'from-name', 'aliases', 'id');
  const { host, user, from } = required(o, 'host', 'user', 'from', 'security');
  if (o['password-stdin'] && o['oauth2-token-stdin']) throw new UsageError('give either --password-stdin or --oauth2-token-stdin, not both');
  const oauth = o['oauth2-token-stdin'] === true;
  const secret = await readSecret(oauth || o['password-stdin'] === true, oauth ? 'OAuth2 access token' : 'mailbox password');
  const auth: MailAuth = oauth ? { kind: 'oauth2', accessToken: secret } : { kind: 'password', password: secret };
  const imapSecurity = security('security', o.security);
  const existing = await store.connectors.list<EmailAccount>(ACCOUNT_PREFIX);
  const id = o.id ?? String(existing.reduce((n, a) => Math.max(n, Number(a.value.id) || 0), 0) + 1);
  if (existing.some((a) => a.value.id === id)) throw new UsageError(`a mail account ${id} already exists`, false);
  let account: EmailAccount;
  try {
    account = checkAccount({
      id,
      host,
      port: wholeNumber('port', o.port, imapSecurity === 'tls' ? 993 : 143, 1, 65_535),
      security: imapSecurity,
      user,
      auth,
      folders: (o.folders ?? 'INBOX').split(',').map((f) => f.trim()),
      sentFolder: o['sent-folder'] ?? null,
      smtp: o['smtp-host']
        ? { host: o['smtp-host'], port: wholeNumber('smtp-port', o['smtp-port'], 587, 1, 65_535), security: security('smtp-security', o['smtp-security'], 'starttls') }
        : null,
      fromAddress: from,
      fromName: o['from-name'] ?? '',
      aliases: aliasList(o.aliases),
      disabled: false,
      createdAt: Date.now(),
    });
  } catch (e) {
    if (e instanceof AccountSettingsError) throw new UsageError(e.message, false);
    throw e;
  }
  await store.connectors.put(accountKey(id), account);
  io.out(`Added mail account ${id}: ${describeAccount(account).imap}, folders ${account.folders.join(', ')}.`);
}

/**
 * A new password or OAuth2 access token for an account (access tokens expire within the hour: a
 * token refresher runs this). Replaces the IMAP login and the SMTP one that follows it; a running
 * hub notices within `accountsPollMs` and signs in again at once, even while waiting after a refusal.
 */
async function replaceSecret(store: HubStore, o: CliOptions, io: Output): Promise<void> {
  only(o, 'mail secret', 'account', 'password-stdin', 'oauth2-token-stdin');
  const { account: id } = required(o, 'account');
  if (o['password-stdin'] && o['oauth2-token-stdin']) throw new UsageError('give either --password-stdin or --oauth2-token-stdin, not both');
  const current = await store.connectors.get<EmailAccount>(accountKey(id));
  if (!current) throw new UsageError(`there is no mail account ${id}`, false);
  const oauth = o['oauth2-token-stdin'] === true || (o['password-stdin'] !== true && current.auth.kind === 'oauth2');
  const secret = await readSecret(o['oauth2-token-stdin'] === true || o['password-stdin'] === true, oauth ? 'OAuth2 access token' : 'mailbox password');
  const auth: MailAuth = oauth ? { kind: 'oauth2', accessToken: secret } : { kind: 'password', password: secret };
  try {
    // An SMTP login of its own keeps its secret; one that follows the IMAP login takes the new one.
    await store.connectors.put(accountKey(id), checkAccount({ ...current, auth }));
  } catch (e) {
    if (e instanceof AccountSettingsError) throw new UsageError(e.message, false);
    throw e;
  }
  io.out(`Mail account ${id} now signs in with ${oauth ? 'an OAuth2 access token' : 'a password'}.`);
}

/** `a@x, b@x` → the addresses; '' → none. */
const aliasList = (raw: string | undefined): string[] => (raw ?? '').split(',').map((a) => a.trim()).filter(Boolean);

/**
 * `mail aliases --account ID --set a@x,b@x` replaces the shop's other addresses on the account
 * (`--set ''` clears them); without --set it prints them. Mail filed later from any of them is the
 * shop's own; mail already filed stays as it was.
 */
async function setAliases(store: HubStore, o: CliOptions, io: Output): Promise<void> {
  only(o, 'mail aliases', 'account', 'set');
  const { account: id } = required(o, 'account');
  const current = await store.connectors.get<EmailAccount>(accountKey(id));
  if (!current) throw new UsageError(`there is no mail account ${id}`, false);
  if (o.set === undefined) {
    io.out(JSON.stringify({ id, from: current.fromAddress, aliases: current.aliases ?? [] }));
    return;
  }
  let next: EmailAccount;
  try {
    next = checkAccount({ ...current, aliases: aliasList(o.set) });
  } catch (e) {
    if (e instanceof AccountSettingsError) throw new UsageError(e.message, false);
    throw e;
  }
  await store.connectors.put(accountKey(id), next);
  io.out(`Mail account ${id}: the shop's addresses are ${ownAddresses(next).join(', ')}.`);
}

/** Older mail on the server not fetched yet, over the account's folders. */
async function backlogOf(store: HubStore, account: EmailAccount): Promise<number> {
  const states = await Promise.all(account.folders.map((f) => store.connectors.get<MailboxState>(mailboxKey(account.id, f))));
  return states.reduce((n, s) => n + (s?.backlog ?? 0), 0);
}

async function syncOnce(store: HubStore, o: CliOptions, io: Output): Promise<void> {
  only(o, 'mail sync', 'once', 'account');
  if (o.once !== true) throw new UsageError('mail sync runs one cycle and needs --once (`serve` keeps mail in sync continuously)');
  const all = (await store.connectors.list<EmailAccount>(ACCOUNT_PREFIX)).map((a) => a.value);
  const accounts = o.account === undefined ? all.filter((a) => !a.disabled) : all.filter((a) => a.id === o.account);
  if (o.account !== undefined && accounts.length === 0) throw new UsageError(`there is no mail account ${o.account}`, false);
  const summary = { fetched: 0, newConversations: 0, threaded: 0, duplicatesSkipped: 0, errors: 0, backlog: 0, accounts: [] as { id: string; fetched: number; backlog: number; error: string | null }[] };
  for (const account of accounts) {
    // One ingester per account: a running hub process that holds it is left to do the work.
    const r = await store.tryExclusive(`email/${account.id}`, () => syncAccountOnce(store, account));
    if (r === null) {
      summary.errors++;
      summary.accounts.push({ id: account.id, fetched: 0, backlog: await backlogOf(store, account), error: 'another hub process is syncing this account right now' });
      continue;
    }
    for (const k of ['fetched', 'newConversations', 'threaded', 'duplicatesSkipped', 'errors'] as const) summary[k] += r[k];
    // A cycle takes one backfill chunk per folder: what is left waits for the next run or a serving hub.
    const backlog = await backlogOf(store, account);
    summary.backlog += backlog;
    summary.accounts.push({ id: account.id, fetched: r.fetched, backlog, error: r.failure?.reason ?? null });
  }
  io.out(JSON.stringify(summary));
}
