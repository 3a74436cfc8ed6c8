import type { HubStore, HubWriteTx } from '../../../store/contract';
import { ingestEmail, prepareEmail, type IngestOutcome, type IngestSource, type PreparedEmail } from '../ingest/ingest-email';
import { storeAttachmentBodies } from '../ingest/store-attachments';

export interface FetchedMessage {
  source: IngestSource;
  raw: Buffer;
}
/** The two phases of ingest (src-server/channels/email/ingest): replaceable in tests that watch what the engine hands over. */
export interface Ingester {
  prepare: typeof prepareEmail;
  ingest: typeof ingestEmail;
}
export const EMAIL_INGESTER: Ingester = { prepare: prepareEmail, ingest: ingestEmail };

/**
 * Phase one for a whole batch, outside the write: every mail goes to the digest pool at once
 * (parsed, HTML sanitized, hashed), then the batch's attachment bodies are stored in one
 * transaction. The engine prepares the next batch while this one is filed (mailbox-sync.ts).
 * Rejects only when the blob store fails: then nothing of the batch is filed, and the next cycle
 * fetches it again.
 */
export async function prepareBatch(store: HubStore, batch: FetchedMessage[], ingester: Ingester = EMAIL_INGESTER): Promise<PreparedEmail[]> {
  const prepared = await Promise.all(
    batch.map(async (m): Promise<PreparedEmail> => {
      try {
        return await ingester.prepare(m.raw, m.source);
      } catch (e) {
        return { ok: false, outcome: failedOutcome(e) };
      }
    }),
  );
  await storeAttachmentBodies(store.blobs, prepared.flatMap((p) => (p.ok ? [p.attachments] : [])));
  return prepared;
}

/**
 * Files one prepared batch and saves the folder's progress in ONE store write, so a crash or a
 * dropped connection never loses a message nor ingests it twice: the workspace lock is held only
 * to file them.
 *
 * A message whose filing THROWS (a bug or a store refusal, not bad mail: bad mail is a `failed`
 * outcome) would take the whole batch down; the batch is then filed one message at a time, and
 * the one that throws is recorded as failed and skipped, never blocking the rest.
 *
 * `saveProgress` gets the outcomes of the first N messages of `batch` (N = outcomes.length): the
 * progress it saves must follow from them alone, as it may be called again after a rollback.
 */
export async function fileBatch(
  store: HubStore,
  batch: FetchedMessage[],
  prepared: PreparedEmail[],
  saveProgress: (tx: HubWriteTx, outcomes: IngestOutcome[]) => Promise<void>,
  ingester: Ingester = EMAIL_INGESTER,
): Promise<IngestOutcome[]> {
  const file = (tx: HubWriteTx, from: number, to: number, before: IngestOutcome[]) => async () => {
    const outcomes = [...before];
    for (let i = from; i < to; i++) {
      try {
        outcomes.push(await ingester.ingest(tx, prepared[i]!, batch[i]!.source));
      } catch (e) {
        throw new IngestThrew(e);
      }
    }
    await saveProgress(tx, outcomes);
    return outcomes;
  };
  try {
    return await store.write((tx) => file(tx, 0, batch.length, [])());
  } catch (e) {
    if (!(e instanceof IngestThrew)) throw e;
    if (batch.length === 1) return store.write((tx) => fileFailed(tx, [], e));
  }
  let outcomes: IngestOutcome[] = [];
  for (let i = 0; i < batch.length; i++) {
    try {
      outcomes = await store.write((tx) => file(tx, i, i + 1, outcomes)());
    } catch (e) {
      if (!(e instanceof IngestThrew)) throw e; // the store itself failed: stop; nothing of this message was kept
      outcomes = await store.write((tx) => fileFailed(tx, outcomes, e));
    }
  }
  return outcomes;

  async function fileFailed(tx: HubWriteTx, before: IngestOutcome[], e: IngestThrew): Promise<IngestOutcome[]> {
    const outcomes = [...before, failedOutcome(e.thrown)];
    await saveProgress(tx, outcomes);
    return outcomes;
  }
}

const failedOutcome = (e: unknown): IngestOutcome => ({ kind: 'failed', conversationId: null, messageId: null, reason: `ingest error: ${e instanceof Error ? e.message : String(e)}` });

class IngestThrew extends Error {
  constructor(readonly thrown: unknown) {
    super('ingest threw');
  }
}
