import { parentPort } from 'node:worker_threads';
import { digestEmail, type IngestSource } from './digest-email';

/** A worker thread of digest-pool.ts: one email at a time; a Buffer arrives as a plain Uint8Array. */
parentPort!.on('message', (job: { raw: Uint8Array; source: IngestSource }) => {
  const raw = Buffer.from(job.raw.buffer, job.raw.byteOffset, job.raw.byteLength);
  void digestEmail(raw, job.source).then((result) => parentPort!.postMessage(result));
});
parentPort!.postMessage('ready');
