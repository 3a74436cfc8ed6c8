import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DigestResult, IngestSource } from './digest-email';

export interface DigestPoolOptions {
  /** Worker threads; by default one per core but one (the main thread fetches and writes). */
  size: number;
  /** A mail the parser has not finished after this long is given up on: its worker is replaced. */
  timeoutMs: number;
  /** The worker's module: digest-worker's by default; tests give one that crashes on cue. */
  worker: URL;
}

interface Job {
  raw: Buffer;
  source: IngestSource;
  done: (result: DigestResult) => void;
}

interface Slot {
  worker: Worker;
  /** Its code is loaded (it said so): only then is it given mail, so start-up never counts against a mail's time. */
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

// Under tsx or vitest (dev, tests) the worker is the TypeScript source, loaded through tsx's API (a worker
// inherits no loader); in the core bundle, its own bundle beside it (scripts/build-node.mjs).
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './digest-worker.ts' : './email-digest-worker.mjs', import.meta.url);

// No heap cap (resourceLimits): V8 may abort the whole process, not just the worker, when one
// allocation crosses it (seen with Node 20 on an 84 MB text part), so it would not protect the hub.
export const DEFAULT_DIGEST_POOL: DigestPoolOptions = { size: Math.max(1, os.availableParallelism() - 1), timeoutMs: 120_000, worker: WORKER_URL };

/**
 * Runs digestEmail (parse, sanitize, hash) on worker threads, one mail per worker at a time, so
 * the CPU-heavy part of ingest runs beside the IMAP fetch and the store write. Never rejects: a
 * mail that crashes its worker (a parser bug throwing outside the parse's promise) or hangs it is answered `ok: false`
 * with the reason, the worker is replaced, and the other mail goes on. Jobs queue without a
 * bound here: the caller bounds them (the IMAP engine has at most 1 + batchesAhead batches in hand).
 */
export class DigestPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private closed = false;

  constructor(private readonly opts: DigestPoolOptions = DEFAULT_DIGEST_POOL) {}

  digest(raw: Buffer, source: IngestSource): Promise<DigestResult> {
    if (this.closed) return Promise.resolve({ ok: false, reason: 'the hub is shutting down' });
    return new Promise((done) => {
      this.queue.push({ raw, source, done });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.done({ ok: false, reason: 'the hub is shutting down' });
    await Promise.all([...this.slots].map((s) => this.retire(s, 'the hub is shutting down')));
  }

  private dispatch(): void {
    while (this.queue.length > this.starting()) {
      if (this.slots.size < this.opts.size) this.spawn();
      const slot = [...this.slots].find((s) => s.ready && s.job === null);
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.timer = setTimeout(() => void this.retire(slot, `the parser did not finish within ${this.opts.timeoutMs / 1000} s`), this.opts.timeoutMs);
      slot.worker.postMessage({ raw: job.raw, source: job.source });
    }
  }

  private starting(): number {
    return [...this.slots].filter((s) => !s.ready).length;
  }

  private spawn(): void {
    const url = this.opts.worker;
    const worker = url.pathname.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}))`, { eval: true })
      : new Worker(url);
    const slot: Slot = { worker, ready: false, job: null, timer: null };
    this.slots.add(slot);
    worker.on('message', (result: DigestResult | 'ready') => {
      if (result === 'ready') {
        slot.ready = true;
        this.dispatch();
        if (!slot.job) slot.worker.unref();
        return;
      }
      const job = slot.job;
      if (!job) return;
      this.release(slot);
      job.done(withBuffers(result));
      this.dispatch();
    });
    worker.on('error', (e) => void this.retire(slot, `the parser crashed (${e.message})`));
    worker.on('exit', (code) => void this.retire(slot, `the parser's thread exited (code ${code})`));
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.unref(); // an idle pool never keeps the process alive
  }

  /**
   * Ends a worker; its mail, if any, fails with `why`, and queued mail goes to a fresh worker. A
   * worker that dies before it is ready (its code cannot load) fails the queue instead: starting
   * another would only die the same way.
   */
  private async retire(slot: Slot, why: string): Promise<void> {
    if (!this.slots.delete(slot)) return;
    const failed = slot.job ? [slot.job] : slot.ready ? [] : this.queue.splice(0);
    this.release(slot);
    for (const job of failed) job.done({ ok: false, reason: `${job.source.mailbox} UID ${job.source.uid} was skipped: ${why}` });
    await slot.worker.terminate();
    if (!this.closed) this.dispatch();
  }
}

/** Structured clone turns Buffers into Uint8Arrays: the attachment bodies become Buffers again (no copy). */
function withBuffers(result: DigestResult): DigestResult {
  if (!result.ok) return result;
  for (const b of result.digest.attachments.bodies) b.content = Buffer.from(b.content.buffer, b.content.byteOffset, b.content.byteLength);
  return result;
}

let shared: DigestPool | null = null;

/** digestEmail on the process's shared pool (started on first use; idle workers do not keep the process alive). */
export function digestInPool(raw: Buffer, source: IngestSource): Promise<DigestResult> {
  shared ??= new DigestPool();
  return shared.digest(raw, source);
}
