import { parentPort } from 'node:worker_threads';
import { digestEmail, type IngestSource } from '../../src-server/channels/email/ingest/digest-email';

/**
 * The digest worker, except that a mail carrying `X-Crash-Parser: yes` throws out of a callback,
 * as a parser bug in a stream would: the exception escapes every promise and ends the thread.
 */
parentPort!.on('message', (job: { raw: Uint8Array; source: IngestSource }) => {
  const raw = Buffer.from(job.raw.buffer, job.raw.byteOffset, job.raw.byteLength);
  if (raw.includes('X-Crash-Parser: yes')) {
    setImmediate(() => {
      throw new Error('a parser bug');
    });
    return;
  }
  void digestEmail(raw, job.source).then((result) => parentPort!.postMessage(result));
});
parentPort!.postMessage('ready');
