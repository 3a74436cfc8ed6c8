import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { SYNC_PROTOCOL_VERSION, SYNC_SCHEMA_VERSION } from '../../src-shared/sync/protocol';
import { SyncError } from './sync-error';

/**
 * Reads a request body of at most `maxBytes`: a declared Content-Length over the cap is refused
 * before a byte is read, and a body that grows past it (chunked) is refused as soon as it does.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        chunks.length = 0;
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tooLarge(maxBytes: number): SyncError {
  return new SyncError('too_large', `The request is larger than this hub accepts (${maxBytes.toLocaleString('en')} bytes); nothing was applied.`);
}

/** The body as JSON, after the size cap. */
export async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const body = await readBody(req, maxBytes);
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new SyncError('invalid', 'The request body is not valid JSON.');
  }
}

/**
 * Refuses a desktop that speaks another protocol or row schema, with what to do about it. Checked
 * before the body's shape, which may legitimately differ between versions.
 */
export function checkVersions(body: unknown): void {
  if (typeof body !== 'object' || body === null) return;
  const { protocolVersion, schemaVersion } = body as Record<string, unknown>;
  const mismatch = (what: string, theirs: number, ours: number) => {
    const who = theirs < ours ? 'Update Outpost on this desktop.' : 'Update the hub (ask whoever runs it), or use the Outpost version it serves.';
    return new SyncError('outdated_client', `This desktop speaks ${what} ${theirs}; this hub speaks ${ours}. ${who}`);
  };
  if (typeof protocolVersion === 'number' && protocolVersion !== SYNC_PROTOCOL_VERSION) throw mismatch('sync protocol', protocolVersion, SYNC_PROTOCOL_VERSION);
  if (typeof schemaVersion === 'number' && schemaVersion !== SYNC_SCHEMA_VERSION) throw mismatch('data schema', schemaVersion, SYNC_SCHEMA_VERSION);
}

/** A versioned request body: size cap, JSON, versions, then the schema (400 naming the field). */
export async function readRequest<S extends z.ZodType>(req: IncomingMessage, schema: S, maxBytes: number): Promise<z.output<S>> {
  const body = await readJson(req, maxBytes);
  checkVersions(body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SyncError('invalid', `Invalid request: ${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return parsed.data;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

/**
 * Answers an error. A refused body may still be arriving: the connection is closed after the
 * answer instead of reading the rest.
 */
export function sendError(res: ServerResponse, err: SyncError, closeConnection: boolean): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (closeConnection) res.setHeader('Connection', 'close');
  sendJson(res, err.status, err.body());
}
