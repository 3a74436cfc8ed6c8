import type { ImapFlow } from 'imapflow';
import type { HubStore } from '../../store/contract';
import { ACCOUNT_PREFIX, mailboxKey, mailboxPrefix, type EmailAccount, type MailboxState } from './account';
import { syncFolders, writeHealth } from './imap/account-sync';
import { describeImapFailure, openImap, type ImapTimeouts } from './imap/imap-connection';
import { DEFAULT_SYNC_OPTIONS, type MailboxSyncOptions } from './imap/mailbox-sync';

/**
 * Keeps every support mailbox in sync while the hub runs: one loop per account, and across hub
 * processes only one ingester per account (`store.tryExclusive('email/<id>')`).
 *
 * A loop: connect → sync every folder (one backfill chunk at a time, looping until backfill is
 * done) → IDLE on the first folder until the server says EXISTS, the poll timer fires (the other
 * folders are STATUS-polled then), or a resync is asked for. IDLE can die silently: every
 * `idleRestartMs` it is broken with a NOOP that must answer within `noopTimeoutMs`, else the
 * connection is dropped and made again; a command the server never answers is caught by
 * imapflow's socket timeout. Failures reconnect with exponential backoff and jitter;
 * a refused login waits `authRetryMs` (a wrong password retried in a storm can lock the mailbox),
 * or until the account's secret is replaced (`mail secret`: a refreshed OAuth2 token), looked at
 * every `accountsPollMs`.
 */
export interface MailRunnerOptions {
  store: HubStore;
  log?: (line: string) => void;
  now?: () => number;
  pollMs?: number;
  idleRestartMs?: number;
  noopTimeoutMs?: number;
  backoffMinMs?: number;
  backoffMaxMs?: number;
  authRetryMs?: number;
  /** How often the account list is read again (accounts added or removed by the CLI). */
  accountsPollMs?: number;
  sync?: Partial<MailboxSyncOptions>;
  imap?: ImapTimeouts;
}

export interface MailRunner {
  /** Drops an account's folder state and syncs it again from scratch (ingest skips what it has by Message-ID). */
  resync(accountId: string): Promise<void>;
  close(): Promise<void>;
}

interface AccountLoop {
  wake(): void;
  done: Promise<void>;
}

export function startMailRunner(opts: MailRunnerOptions): MailRunner {
  const { store, log = () => {}, now = Date.now } = opts;
  const pollMs = opts.pollMs ?? 60_000;
  const idleRestartMs = opts.idleRestartMs ?? 4 * 60_000;
  const noopTimeoutMs = opts.noopTimeoutMs ?? 15_000;
  const backoffMinMs = opts.backoffMinMs ?? 1_000;
  const backoffMaxMs = opts.backoffMaxMs ?? 5 * 60_000;
  const authRetryMs = opts.authRetryMs ?? 15 * 60_000;
  const syncOptions: MailboxSyncOptions = { ...DEFAULT_SYNC_OPTIONS, now, ...opts.sync };
  const loops = new Map<string, AccountLoop>();
  let stopped = false;
  const stopWaiters = new Set<() => void>();

  /** Resolves after `ms`, or at once when woken or stopped. */
  const pause = (ms: number, onWake: Set<() => void>) =>
    new Promise<void>((resolve) => {
      if (stopped) return resolve(); // close() already woke every waiter: one made after it must not wait
      const done = () => {
        clearTimeout(timer);
        onWake.delete(done);
        stopWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      onWake.add(done);
      stopWaiters.add(done);
    });

  function runAccount(accountId: string): AccountLoop {
    const wakers = new Set<() => void>();
    let current: ImapFlow | null = null;
    let failures = 0;
    /** The secret the server refused last (JSON of the account's auth), until the wait after it ends. */
    let refused: string | null = null;
    let woken = false;
    const backoff = () => {
      failures++;
      const base = Math.min(backoffMaxMs, backoffMinMs * 2 ** Math.min(failures - 1, 20));
      return base / 2 + Math.random() * (base / 2); // jitter: many hubs never retry in step
    };

    const session = async (account: EmailAccount): Promise<number> => {
      await writeHealth(store, accountId, { state: 'connecting' });
      let client: ImapFlow;
      try {
        client = await openImap(account, opts.imap);
      } catch (e) {
        const f = describeImapFailure(e, account);
        await writeHealth(store, accountId, { state: 'error', error: { at: now(), reason: f.reason } });
        log(`mail ${accountId}: ${f.reason}`);
        if (f.auth) refused = JSON.stringify(account.auth);
        return f.auth ? authRetryMs : backoff();
      }
      current = client;
      const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
      // New mail the server announces outside IDLE (during a cycle's later commands) must not wait
      // for the next poll: it is remembered here and the cycle runs again instead of idling.
      let announced: boolean;
      const onExists = () => (announced = true);
      client.on('exists', onExists);
      try {
        let pollDue = 0;
        while (!stopped && client.usable) {
          // Every folder at each poll (a safety net under IDLE too); between polls, the watched one.
          const folders = now() >= pollDue ? account.folders : account.folders.slice(0, 1);
          if (folders === account.folders) pollDue = now() + pollMs;
          announced = false; // what arrived before this point, the cycle's STATUS sees
          const result = await syncFolders(client, store, account, folders, syncOptions);
          if (result.failure) {
            log(`mail ${accountId}: ${result.failure.reason}`);
            if (!client.usable) return backoff();
          } else failures = 0;
          // A failed cycle waits for new mail or the poll instead of retrying at once (no storm).
          if (!result.failure && (announced || (await backfillPending(account)))) continue;
          await watch(client, account.folders[0]!, Math.min(idleRestartMs, Math.max(0, pollDue - now())), closed, !result.failure);
        }
        return 0;
      } catch (e) {
        // A command that failed between cycles (the connection died under IDLE or SELECT): connect again.
        const f = describeImapFailure(e, account);
        await writeHealth(store, accountId, { state: 'error', error: { at: now(), reason: f.reason } });
        log(`mail ${accountId}: ${f.reason}`);
        return backoff();
      } finally {
        client.off('exists', onExists);
        current = null;
        client.close();
      }
    };

    /** IDLE until new mail, a wake, the restart timer, or the connection closing; then a NOOP proves the session is alive. */
    const watch = async (client: ImapFlow, folder: string, ms: number, closed: Promise<void>, caughtUp: boolean) => {
      const box = await client.mailboxOpen(folder, { readOnly: true });
      // Mail that arrived between the cycle's STATUS and this SELECT raises no event: SELECT shows it.
      const synced = caughtUp ? await store.connectors.get<MailboxState>(mailboxKey(accountId, folder)) : undefined;
      if (stopped || (synced && String(box.uidValidity) === synced.uidValidity && box.uidNext > synced.uidNext)) return;
      let onExists = () => {};
      const arrived = new Promise<void>((resolve) => (onExists = resolve));
      client.on('exists', onExists);
      const idling = client.idle().catch(() => false);
      try {
        await Promise.race([arrived, pause(ms, wakers), closed]);
      } finally {
        client.off('exists', onExists);
      }
      if (!client.usable) return;
      const alive = await Promise.race([client.noop().then(() => true, () => false), new Promise<boolean>((r) => setTimeout(() => r(false), noopTimeoutMs).unref())]);
      if (!alive) {
        log(`mail ${accountId}: the server stopped answering (NOOP after IDLE timed out); reconnecting`);
        client.close();
      }
      await idling;
    };

    const backfillPending = async (account: EmailAccount) => {
      for (const folder of account.folders) {
        const s = await store.connectors.get<MailboxState>(mailboxKey(account.id, folder));
        if (!s || s.backfillBelow > 1) return true;
      }
      return false;
    };

    const loop = async () => {
      while (!stopped) {
        let wait: number;
        try {
          const account = await store.connectors.get<EmailAccount>(`${ACCOUNT_PREFIX}${accountId}`);
          if (!account) return; // removed
          if (account.disabled) {
            await writeHealth(store, accountId, { state: 'disabled' });
            await pause(opts.accountsPollMs ?? 30_000, wakers);
            continue;
          }
          const held = await store.tryExclusive(`email/${accountId}`, () => session(account));
          // Another hub process ingests this account: check again later, in case it goes away.
          wait = held === null ? (opts.accountsPollMs ?? 30_000) : held;
        } catch (e) {
          // The store failed (the database restarting, say): the loop goes on after a pause, never dies.
          log(`mail ${accountId}: ${(e as Error).message}`);
          wait = backoff();
        }
        if (wait > 0 && !stopped) await (refused === null ? pause(wait, wakers) : pauseForNewSecret(refused, wait));
        refused = null;
      }
    };

    /** After a refused login: waits `ms`, but only until the secret is replaced (or a wake). */
    const pauseForNewSecret = async (secret: string, ms: number) => {
      const until = Date.now() + ms;
      woken = false;
      while (!stopped && !woken && Date.now() < until) {
        await pause(Math.min(opts.accountsPollMs ?? 30_000, until - Date.now()), wakers);
        const fresh = await store.connectors.get<EmailAccount>(`${ACCOUNT_PREFIX}${accountId}`).catch(() => undefined);
        if (!fresh || JSON.stringify(fresh.auth) !== secret) return;
      }
    };
    const done = loop();
    return {
      wake: () => {
        woken = true;
        for (const w of [...wakers]) w();
        current?.noop().catch(() => undefined); // breaks a running IDLE
      },
      done,
    };
  }

  const refreshAccounts = async () => {
    const accounts = await store.connectors.list<EmailAccount>(ACCOUNT_PREFIX);
    for (const { value } of accounts) if (!loops.has(value.id) && !stopped) loops.set(value.id, runAccount(value.id));
    for (const [id, l] of loops) if (!accounts.some((a) => a.value.id === id)) void l.done.then(() => loops.delete(id));
  };
  const discovery = (async () => {
    while (!stopped) {
      await refreshAccounts().catch((e: unknown) => log(`mail: could not read the accounts: ${(e as Error).message}`));
      await pause(opts.accountsPollMs ?? 30_000, new Set());
    }
  })();

  return {
    async resync(accountId) {
      for (const { key } of await store.connectors.list(mailboxPrefix(accountId))) await store.connectors.delete(key);
      await refreshAccounts();
      loops.get(accountId)?.wake();
    },
    async close() {
      stopped = true;
      for (const l of loops.values()) l.wake();
      for (const w of [...stopWaiters]) w();
      await Promise.all([discovery, ...[...loops.values()].map((l) => l.done)]);
    },
  };
}
