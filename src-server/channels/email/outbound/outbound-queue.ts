import type { MessageRow } from '../../../../src-shared/sync/rows';
import type { HubStore } from '../../../store/contract';
import { composeReply, UnsendableReply } from './compose-reply';
import { assignAccount, OUTBOUND_PREFIX, outboundKey, type OutboundJob } from './outbound-job';
import { ACCOUNT_PREFIX, accountKey, type EmailAccount } from '../account';
import { NO_SENDING_ACCOUNT, NO_SENDING_ACCOUNT_REASON, replyAccountFor, sendingAccount, type SendingAccount } from './sending-account';
import { appendSentCopy, sentCopyExists } from './sent-folder';
import { buildRaw, sendRaw, type SendOutcome } from './smtp-send';

export interface OutboundQueueOptions {
  store: HubStore;
  log?: (line: string) => void;
  now?: () => number;
  /** Backoff: first retry after ~baseDelayMs, doubling up to maxDelayMs, with jitter; failed after maxAttempts. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxAttempts?: number;
}

export interface OutboundQueue {
  /** Looks for due jobs now (the hub calls it after a push; tests after a restart). */
  kick(): void;
  /** Resolves when no run is in progress and none is due before the next timer. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Sends queued replies. Runs in every hub process; per account, only the one holding the store's
 * exclusive lock `email-outbound:<account>` sends, so two hubs on one PostgreSQL never both send.
 * Starts by resuming whatever a previous process left (pending, mid-send, accepted), then wakes on
 * every new workspace version (a push may have queued a reply) and at the next retry time.
 */
export function startOutboundQueue(opts: OutboundQueueOptions): OutboundQueue {
  const { store, log = () => {}, now = Date.now, baseDelayMs = 30_000, maxDelayMs = 3_600_000, maxAttempts = 8 } = opts;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  const backoff = (attempts: number) => {
    const full = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(full / 2 + (Math.random() * full) / 2); // jitter: hubs and accounts do not retry in step
  };

  /** Replies queued while no account could send: each gets one as soon as there is one (looked for at every new version, and every minute). */
  async function assignWaiting(): Promise<void> {
    const waiting = (await store.connectors.list<OutboundJob>(OUTBOUND_PREFIX)).map((d) => d.value).filter((j) => j.state !== 'failed' && j.accountId === NO_SENDING_ACCOUNT);
    if (waiting.length === 0) return;
    // A solo desktop's hub has no account: one read, not one look at each conversation per commit.
    const canSend = (await store.connectors.list<EmailAccount>(ACCOUNT_PREFIX)).some((d) => d.value.smtp !== null);
    for (const j of waiting) {
      const account = canSend ? await replyAccountFor(store, j.conversationId) : null;
      if (account) await store.write((tx) => assignAccount(tx, j.messageId, account, now()));
      else if (j.nextAttemptAt <= now()) await saveJob({ ...j, nextAttemptAt: now() + Math.min(maxDelayMs, 60_000), lastError: { at: now(), reason: NO_SENDING_ACCOUNT_REASON } });
    }
  }

  async function runOnce(): Promise<void> {
    await assignWaiting();
    const jobs = (await store.connectors.list<OutboundJob>(OUTBOUND_PREFIX)).map((d) => d.value).filter((j) => j.state !== 'failed');
    const due = jobs.filter((j) => j.nextAttemptAt <= now());
    const byAccount = new Map<string, OutboundJob[]>();
    for (const j of due) byAccount.set(j.accountId, [...(byAccount.get(j.accountId) ?? []), j]);
    byAccount.delete(NO_SENDING_ACCOUNT);
    for (const [accountId, list] of byAccount) {
      await store.tryExclusive(`email-outbound:${accountId}`, async () => {
        const doc = await store.connectors.get<EmailAccount>(accountKey(accountId));
        // Paused by an admin: its replies wait (still queued) until it is resumed.
        if (doc?.disabled) return;
        const account = doc ? sendingAccount(doc) : null;
        for (const j of list.sort((a, b) => a.createdAt - b.createdAt || a.messageId - b.messageId)) {
          if (closed) return;
          // Another process may have moved it on since the list.
          const fresh = await store.connectors.get<OutboundJob>(outboundKey(j.messageId));
          if (!fresh || fresh.state === 'failed' || fresh.nextAttemptAt > now()) continue;
          await runJob(account, fresh);
        }
      });
    }
    const next = (await store.connectors.list<OutboundJob>(OUTBOUND_PREFIX)).map((d) => d.value).filter((j) => j.state !== 'failed').reduce((m, j) => Math.min(m, j.nextAttemptAt), Infinity);
    if (timer) clearTimeout(timer);
    timer = null;
    if (!closed && Number.isFinite(next)) timer = setTimeout(kick, Math.max(0, next - now()) + 10);
  }

  async function runJob(account: SendingAccount | null, job: OutboundJob): Promise<void> {
    if (!account) return finish(job, { kind: 'permanent', reason: `the mailbox account ${job.accountId} was removed or has no SMTP settings` });
    try {
      const mail = await composeReply(store, account, job);
      const raw = await buildRaw(mail);
      if (job.state === 'accepted') return await fileAndMarkSent(account, job, raw, mail.date as Date);
      // A previous attempt may have gone through: never send twice.
      if (job.state === 'sending' && (await sentCopyExists(account, job.messageIdHeader))) return await markSent(job);
      await saveJob({ ...job, state: 'sending', attempts: job.attempts + 1 });
      const outcome = await sendRaw(account.smtp, { from: account.address, to: [mail.to as string] }, raw);
      if (outcome.kind === 'sent') {
        const accepted: OutboundJob = { ...job, state: 'accepted', attempts: job.attempts + 1 };
        await saveJob(accepted);
        return await fileAndMarkSent(account, accepted, raw, mail.date as Date);
      }
      // Once in doubt (an earlier attempt may have gone through), every later attempt checks Sent first.
      return await finish({ ...job, attempts: job.attempts + 1 }, outcome.kind === 'transient' && job.state === 'sending' ? { ...outcome, kind: 'unknown' } : outcome);
    } catch (e) {
      if (e instanceof UnsendableReply) return finish(job, { kind: 'permanent', reason: e.message });
      // IMAP (the Sent check) or the store failed: try again later, the job keeps its state.
      log(`email outbound ${job.messageId}: ${(e as Error).message}`);
      await saveJob({ ...job, nextAttemptAt: now() + backoff(job.attempts + 1), lastError: { at: now(), reason: (e as Error).message } }).catch(() => {});
    }
  }

  async function fileAndMarkSent(account: SendingAccount, job: OutboundJob, raw: Buffer, date: Date): Promise<void> {
    if (account.sentFolder !== null) {
      try {
        await appendSentCopy(account, account.sentFolder, job.messageIdHeader, raw, date);
      } catch (e) {
        // Delivered all the same: the status must say so; the missing copy is logged.
        log(`email outbound ${job.messageId}: sent, but filing the copy in Sent failed: ${(e as Error).message}`);
      }
    }
    await markSent(job);
  }

  const saveJob = (job: OutboundJob) => store.connectors.put(outboundKey(job.messageId), job);

  /** The status every desktop sees (with a failure's reason), and the job's end, in one write. */
  function markSent(job: OutboundJob): Promise<void> {
    return setStatus(job, 'sent', async (tx) => void (await tx.connectors.delete(outboundKey(job.messageId))));
  }

  async function finish(job: OutboundJob, outcome: Exclude<SendOutcome, { kind: 'sent' }>): Promise<void> {
    const lastError = { at: now(), reason: outcome.reason };
    if (outcome.kind === 'permanent' || job.attempts >= maxAttempts) {
      const failed: OutboundJob = { ...job, state: 'failed', lastError };
      return setStatus(failed, 'failed', (tx) => tx.connectors.put(outboundKey(job.messageId), failed));
    }
    // Unknown stays 'sending' so the next attempt checks the Sent folder first.
    await saveJob({ ...job, state: outcome.kind === 'unknown' ? 'sending' : 'pending', nextAttemptAt: now() + backoff(job.attempts), lastError });
  }

  function setStatus(job: OutboundJob, status: 'sent' | 'failed', alsoInTx: (tx: Parameters<Parameters<HubStore['write']>[0]>[0]) => Promise<void>): Promise<void> {
    return store.write(async (tx) => {
      const found = (await tx.getEntities([{ kind: 'message', id: String(job.messageId) }])).get(`message/${job.messageId}`);
      if (found) {
        const row = found.data as MessageRow;
        await tx.put([{ kind: 'message', id: found.id, parent: found.parent, audience: found.audience, data: { ...row, deliveryStatus: status, deliveryError: status === 'failed' ? (job.lastError?.reason ?? 'not delivered') : null, externalId: job.messageIdHeader } }]);
      }
      await alsoInTx(tx);
    });
  }

  function kick(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await runOnce();
        } catch (e) {
          log(`email outbound: ${(e as Error).stack ?? String(e)}`);
        }
      } while (again && !closed);
    })().finally(() => {
      running = null;
    });
  }

  const unsubscribe = store.onVersion(() => kick());
  kick();

  return {
    kick,
    async idle() {
      while (running) await running;
    },
    async close() {
      closed = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      while (running) await running;
    },
  };
}
