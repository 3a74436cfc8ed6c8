import type { HubStore, HubWriteTx } from '../../../store/contract';
import { ingestEmail, type IngestOutcome, type IngestSource } from '../ingest/ingest-email';

export interface FetchedMessage {
  source: IngestSource;
  raw: Buffer;
}
export type IngestFn = typeof ingestEmail;

/**
 * Ingests one fetched batch and saves the folder's progress in ONE store write, so a crash or a
 * dropped connection never loses a message nor ingests it twice.
 *
 * Blobs: the store refuses `blobs.put` inside a write (it would wait for itself), so the ingest
 * gets a view that only notes new attachment bodies; if any were noted the write is rolled back,
 * the bodies stored, and the batch ingested again (now every body is already there).
 *
 * A message whose ingest THROWS (a bug, not bad mail: bad mail is a `failed` outcome) would take
 * the whole batch down; the batch is then retried one message at a time, and the one that throws
 * is recorded as failed and skipped.
 *
 * `saveProgress` gets the outcomes of the first N messages of `batch` (N = outcomes.length): the
 * progress it saves must follow from them alone, as it may be called again after a rollback.
 */
export async function ingestBatch(
  store: HubStore,
  batch: FetchedMessage[],
  saveProgress: (tx: HubWriteTx, outcomes: IngestOutcome[]) => Promise<void>,
  ingest: IngestFn = ingestEmail,
): Promise<IngestOutcome[]> {
  try {
    return await ingestWithBlobs(store, batch, saveProgress, ingest);
  } catch (e) {
    if (batch.length <= 1 || !(e instanceof IngestThrew)) throw e instanceof IngestThrew ? e.thrown : e;
  }
  const outcomes: IngestOutcome[] = [];
  for (const message of batch) {
    try {
      outcomes.push(...(await ingestWithBlobs(store, [message], (tx, o) => saveProgress(tx, [...outcomes, ...o]), ingest)));
    } catch (e) {
      if (!(e instanceof IngestThrew)) throw e; // the store itself failed: stop, nothing of this message was kept
      const failed: IngestOutcome = { kind: 'failed', conversationId: null, messageId: null, reason: `ingest error: ${(e.thrown as Error)?.message ?? String(e.thrown)}` };
      await store.write((tx) => saveProgress(tx, [...outcomes, failed]));
      outcomes.push(failed);
    }
  }
  return outcomes;
}

class IngestThrew extends Error {
  constructor(readonly thrown: unknown) {
    super('ingest threw');
  }
}
class BlobsPending extends Error {}

async function ingestWithBlobs(store: HubStore, batch: FetchedMessage[], saveProgress: (tx: HubWriteTx, outcomes: IngestOutcome[]) => Promise<void>, ingest: IngestFn): Promise<IngestOutcome[]> {
  for (let attempt = 0; ; attempt++) {
    const pending = new Map<string, { mimeType: string; body: Buffer }>();
    const blobs: HubStore['blobs'] = {
      has: async (hash) => pending.has(hash) || (await store.blobs.has(hash)),
      put: async (hash, mimeType, body) => {
        if (!pending.has(hash) && !(await store.blobs.has(hash))) pending.set(hash, { mimeType, body });
      },
      get: async (hash) => pending.get(hash) ?? store.blobs.get(hash),
    };
    try {
      return await store.write(async (tx) => {
        const outcomes: IngestOutcome[] = [];
        for (const m of batch) {
          try {
            outcomes.push(await ingest(tx, blobs, m.raw, m.source));
          } catch (e) {
            throw new IngestThrew(e);
          }
        }
        if (pending.size > 0) throw new BlobsPending();
        await saveProgress(tx, outcomes);
        return outcomes;
      });
    } catch (e) {
      if (!(e instanceof BlobsPending) || attempt > 0) throw e instanceof BlobsPending ? new Error('attachment bodies were still missing after they were stored') : e;
      for (const [hash, b] of pending) await store.blobs.put(hash, b.mimeType, b.body);
    }
  }
}
