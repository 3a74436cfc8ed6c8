import type { ImapFlow } from 'imapflow';
import type { HubStore } from '../../../store/contract';
import { mailboxKey, SKIPPED_KEPT, type MailboxState } from '../account';
import type { IngestOutcome, PreparedEmail } from '../ingest/ingest-email';
import { recordCopies } from '../ingest/message-copies';
import { fileBatch, prepareBatch, type FetchedMessage, type Ingester } from './ingest-batch';
import { applyMailboxChanges, DEFAULT_CHANGE_OPTIONS, type MailboxChangeOptions } from './mailbox-changes';

/**
 * One folder's sync cycle over a signed-in session:
 *   STATUS; nothing moved and backfill done → done.
 *   UIDVALIDITY new (first sync, or the server rebuilt the folder) → a fresh state whose whole
 *     content is backfill: re-fetched mail is recognised by Message-ID (ingest answers
 *     `duplicate`), so a rebuild neither duplicates nor floods.
 *   New mail (UIDs from the saved uidNext up) oldest first; then backfill below `backfillBelow`,
 *     newest first, `backfillChunk` UIDs per cycle so a huge folder is usable at once and resumes
 *     where it stopped.
 *   Flag changes and expunges reach the message rows (mailbox-changes.ts).
 * Bodies come in batches bounded by count and bytes; each batch's ingests and the folder's new
 * state commit in ONE store write. A message over `maxMessageBytes` is recorded and skipped.
 */
export interface MailboxSyncOptions {
  batchMessages: number;
  batchBytes: number;
  maxMessageBytes: number;
  /** Batches fetched and digested ahead of the one being filed (memory: about (1 + this) × batchBytes). */
  batchesAhead: number;
  /** UIDs of older mail looked at per cycle (the backfill step). */
  backfillChunk: number;
  now: () => number;
  ingester?: Ingester;
  changes?: Partial<MailboxChangeOptions>;
}

export const DEFAULT_SYNC_OPTIONS: MailboxSyncOptions = {
  batchMessages: 200,
  batchBytes: 16 * 1024 * 1024,
  batchesAhead: 2,
  maxMessageBytes: 60 * 1024 * 1024,
  backfillChunk: 500,
  now: Date.now,
};

export interface SyncCounts {
  fetched: number;
  newConversations: number;
  threaded: number;
  duplicatesSkipped: number;
  ignored: number;
  errors: number;
}
export const emptyCounts = (): SyncCounts => ({ fetched: 0, newConversations: 0, threaded: 0, duplicatesSkipped: 0, ignored: 0, errors: 0 });

function count(counts: SyncCounts, o: IngestOutcome): void {
  counts.fetched++;
  if (o.kind === 'new-conversation') counts.newConversations++;
  else if (o.kind === 'threaded') counts.threaded++;
  else if (o.kind === 'duplicate') counts.duplicatesSkipped++;
  else if (o.kind === 'ignored') counts.ignored++;
  else counts.errors++;
}

const freshState = (uidValidity: string, uidNext: number, modseq: string): MailboxState => ({
  uidValidity,
  uidNext,
  backfillBelow: uidNext,
  highestModseq: modseq,
  messages: 0,
  fetched: 0,
  backlog: 0,
  flagChanges: 0,
  expunged: 0,
  lastSyncAt: null,
  lastFullSyncAt: null,
  skipped: [],
});

/** Adds what it fetched to `counts` as it goes, so a cycle cut short still tells what it did. */
export async function syncMailbox(client: ImapFlow, store: HubStore, accountId: string, mailbox: string, opts: MailboxSyncOptions, counts: SyncCounts): Promise<void> {
  const key = mailboxKey(accountId, mailbox);
  const status = await client.status(mailbox, { messages: true, uidNext: true, uidValidity: true, highestModseq: true });
  if (!status) throw new Error(`The server refused STATUS for folder ${mailbox}: does it exist?`);
  const uidValidity = String(status.uidValidity ?? '0');
  const modseq = status.highestModseq === undefined || opts.changes?.useExtensions === false ? '' : String(status.highestModseq);
  const serverNext = status.uidNext ?? 1;
  const saved = await store.connectors.get<MailboxState>(key);
  let state = saved && saved.uidValidity === uidValidity ? saved : freshState(uidValidity, serverNext, modseq);
  const moved = !saved || state !== saved || saved.uidNext !== serverNext || saved.highestModseq !== modseq || saved.messages !== (status.messages ?? 0);
  // Without CONDSTORE, STATUS cannot show a flag change: the bounded flag scan runs every cycle.
  if (!moved && state.backfillBelow <= 1 && modseq !== '') return;

  const lock = await client.getMailboxLock(mailbox, { readOnly: true });
  try {
    const save = async (patch: Partial<MailboxState>) => {
      state = { ...state, ...patch, lastSyncAt: opts.now() };
      await store.connectors.put(key, state);
    };
    /**
     * A pipeline of three stages, each batch in order: fetch (IMAP) → prepare (digest pool) → file
     * (one store write). Later batches are fetched and digested while earlier ones are filed, at
     * most `batchesAhead` beyond the one being filed; writes stay one at a time and in order, each
     * with the folder's progress, and a failed write stops the ones after it.
     */
    const ingestUids = async (uids: { uid: number; size: number }[], progress: (done: number[]) => Partial<MailboxState>) => {
      let filing: Promise<void> = Promise.resolve();
      const inHand: Promise<void>[] = [];
      try {
        for (const batch of sizedBatches(uids, opts)) {
          const oversize = batch.filter((m) => m.size > opts.maxMessageBytes);
          const wanted = batch.filter((m) => m.size <= opts.maxMessageBytes);
          const fetched = wanted.length ? await fetchBodies(client, accountId, mailbox, wanted.map((m) => m.uid)) : [];
          const skipped = oversize.map((m) => ({ at: opts.now(), uid: m.uid, reason: `message of ${m.size.toLocaleString('en')} bytes is over the ${opts.maxMessageBytes.toLocaleString('en')}-byte limit; skipped` }));
          for (const m of fetched) if (!m.raw.length) skipped.push({ at: opts.now(), uid: m.source.uid, reason: 'the server returned no body' });
          const usable = fetched.filter((m) => m.raw.length > 0);
          const prepared = prepareBatch(store, usable, opts.ingester);
          filing = filing.then(async () => file(batch, skipped, usable, await prepared));
          // Both are awaited through `filing`; until then (or if an earlier write failed) a rejection must not go unhandled.
          prepared.catch(() => undefined);
          filing.catch(() => undefined);
          inHand.push(filing);
          while (inHand.length > opts.batchesAhead) await inHand.shift();
        }
        await filing;
      } finally {
        await filing.catch(() => undefined); // a failed fetch leaves only once the batches before it are filed
      }

      async function file(batch: { uid: number }[], skipped: MailboxState['skipped'], usable: FetchedMessage[], prepared: PreparedEmail[]): Promise<void> {
        // Progress after the first `done` usable messages, from the state before this batch (a rolled-back try left no trace).
        const base = state;
        let next = state;
        const outcomes = await fileBatch(
          store,
          usable,
          prepared,
          async (tx, outs) => {
            const through = outs.length === usable.length ? batch.length : batch.findIndex((m) => m.uid === usable[outs.length - 1]!.source.uid) + 1;
            const done = batch.slice(0, through).map((m) => m.uid);
            const failed = outs.flatMap((o, i) => (o.kind === 'failed' ? [{ at: opts.now(), uid: usable[i]!.source.uid, reason: o.reason }] : []));
            const recorded = [...skipped.filter((s) => done.includes(s.uid)), ...failed];
            next = { ...base, ...progress(done), fetched: base.fetched + done.length, skipped: [...recorded, ...base.skipped].slice(0, SKIPPED_KEPT), lastSyncAt: opts.now() };
            await tx.connectors.put(key, next);
            await recordCopies(tx, usable.slice(0, outs.length).map((m) => m.source), outs, base.uidValidity);
          },
          opts.ingester,
        );
        state = next;
        for (const o of outcomes) count(counts, o);
        counts.fetched += skipped.length;
        counts.errors += skipped.length;
      }
    };

    // New mail first, oldest first: what just arrived is what agents wait for.
    let arrived = 0;
    if (serverNext > state.uidNext) {
      const fresh = (await listUids(client, `${state.uidNext}:*`)).filter((m) => m.uid >= state.uidNext);
      arrived = fresh.length;
      await ingestUids(fresh, (done) => ({ uidNext: Math.max(...done) + 1 }));
      if (state.uidNext < serverNext) await save({ uidNext: serverNext }); // UIDs the server skipped (expunged meanwhile)
    }
    // Then one chunk of older mail, newest first.
    if (state.backfillBelow > 1) {
      const low = Math.max(1, state.backfillBelow - opts.backfillChunk);
      const older = (await listUids(client, `${low}:${state.backfillBelow - 1}`)).filter((m) => m.uid < state.backfillBelow).sort((a, b) => b.uid - a.uid);
      await ingestUids(older, (done) => ({ backfillBelow: Math.min(...done) }));
      await save({ backfillBelow: low, ...(low === 1 ? { lastFullSyncAt: opts.now() } : {}) });
    }
    // Flag changes and expunges of mail filed before this cycle, onto its rows.
    const messages = status.messages ?? 0;
    const { flagChanges, expunged } = await applyMailboxChanges(client, store, accountId, mailbox, saved, { uidValidity, modseq, messages, arrived }, { ...DEFAULT_CHANGE_OPTIONS, now: opts.now, ...opts.changes });
    const backlog = state.backfillBelow > 1 ? (await client.search({ uid: `1:${state.backfillBelow - 1}` }, { uid: true })) || [] : [];
    await save({
      highestModseq: modseq,
      messages,
      backlog: backlog.length,
      flagChanges: state.flagChanges + flagChanges,
      expunged: state.expunged + expunged,
    });
  } finally {
    lock.release();
  }
}

/** UIDs and sizes in `range`, collected before any other command (never a command inside a fetch loop). */
async function listUids(client: ImapFlow, range: string): Promise<{ uid: number; size: number }[]> {
  const found = await client.fetchAll(range, { uid: true, size: true }, { uid: true });
  return found.map((m) => ({ uid: m.uid, size: m.size ?? 0 }));
}

async function fetchBodies(client: ImapFlow, accountId: string, mailbox: string, uids: number[]): Promise<FetchedMessage[]> {
  const found = await client.fetchAll(uids.join(','), { uid: true, source: true, internalDate: true, flags: true }, { uid: true });
  const byUid = new Map(found.map((m) => [m.uid, m]));
  // In the order asked for; a UID expunged between listing and fetching simply has no body.
  return uids.flatMap((uid) => {
    const m = byUid.get(uid);
    if (!m) return [];
    const at = m.internalDate instanceof Date ? m.internalDate.getTime() : Date.parse(String(m.internalDate ?? ''));
    return [{ raw: m.source ?? Buffer.alloc(0), source: { accountId, mailbox, uid, receivedAt: Number.isFinite(at) ? at : Date.now(), flags: [...(m.flags ?? [])].sort() } }];
  });
}

/** Consecutive runs of at most `batchMessages` messages and (unless one alone is bigger) `batchBytes` bytes. */
function* sizedBatches<T extends { size: number }>(items: T[], opts: Pick<MailboxSyncOptions, 'batchMessages' | 'batchBytes'>): Generator<T[]> {
  let batch: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (batch.length && (batch.length >= opts.batchMessages || bytes + item.size > opts.batchBytes)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += item.size;
  }
  if (batch.length) yield batch;
}
