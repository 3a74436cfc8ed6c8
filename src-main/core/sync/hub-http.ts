import {
  SYNC_ERROR_KINDS,
  SYNC_ERROR_STATUS,
  SYNC_PROTOCOL_VERSION,
  SYNC_SCHEMA_VERSION,
  type LoginResponse,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type SyncErrorBody,
  type SyncErrorKind,
} from '../../../src-shared/sync/protocol';
import type { MailHealth } from '../../../src-shared/sync/mail-health';

/** How long one request may take before the hub counts as unreachable. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Blob uploads may be 25 MB over a slow line. */
const BLOB_TIMEOUT_MS = 300_000;

export const VERSIONS = { protocolVersion: SYNC_PROTOCOL_VERSION, schemaVersion: SYNC_SCHEMA_VERSION } as const;

/** A hub's refusal (its error kind and words), or `network` when it could not be reached at all. */
export class HubError extends Error {
  constructor(
    readonly kind: SyncErrorKind | 'network',
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

const kindOfStatus = (status: number): SyncErrorKind =>
  (Object.entries(SYNC_ERROR_STATUS).find(([, s]) => s === status)?.[0] as SyncErrorKind | undefined) ?? (status === 404 || status === 405 ? 'invalid' : 'unavailable');

/** Reads a hub's error body; anything else (a proxy's HTML page) is named by its status. */
export function hubErrorOf(status: number, text: string): HubError {
  try {
    const body = JSON.parse(text) as Partial<SyncErrorBody>;
    const kind = body.error?.kind;
    if (kind && (SYNC_ERROR_KINDS as readonly string[]).includes(kind) && typeof body.error?.message === 'string') return new HubError(kind, body.error.message, status);
  } catch {
    // not JSON: described below
  }
  return new HubError(kindOfStatus(status), `The hub answered HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ''}`, status);
}

const isStaleConnection = (e: unknown) => ['UND_ERR_SOCKET', 'ECONNRESET'].includes((e as { cause?: { code?: string } }).cause?.code ?? '');

/** The hub's HTTP endpoints (see src-server/http/routes.ts), over the global fetch. */
export function createHubHttp(baseUrl: string, token: () => string | null) {
  const base = baseUrl.replace(/\/+$/, '');

  async function send(method: string, path: string, body: BodyInit | undefined, headers: Record<string, string>, timeoutMs: number): Promise<Response> {
    const auth = token();
    const attempt = () =>
      fetch(`${base}${path}`, {
        method,
        body,
        headers: { ...headers, ...(auth ? { Authorization: `Bearer ${auth}` } : {}) },
        signal: AbortSignal.timeout(timeoutMs),
      });
    let res: Response;
    try {
      // A kept-alive connection the hub closed just as we reused it is not "offline": every
      // request here is safe to send again (pushes are idempotent by mutation id), so once, at once.
      res = await attempt().catch((e: unknown) => {
        if (!isStaleConnection(e)) throw e;
        return attempt();
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why = (e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (cause?.code ?? cause?.message ?? (e as Error).message);
      throw new HubError('network', `Cannot reach the hub at ${base} (${why})`);
    }
    if (!res.ok && res.status !== 404) throw hubErrorOf(res.status, await res.text().catch(() => ''));
    return res;
  }

  async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await send(method, path, body === undefined ? undefined : JSON.stringify(body), { 'Content-Type': 'application/json' }, REQUEST_TIMEOUT_MS);
    const text = await res.text();
    if (!res.ok) throw hubErrorOf(res.status, text);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new HubError('unavailable', `The hub at ${base} sent something that is not JSON for ${path}`);
    }
  }

  return {
    url: base,
    login: (req: { email: string; password: string; clientId: string; deviceName: string }) => json<LoginResponse>('POST', '/auth/login', { ...VERSIONS, ...req }),
    logout: () => json<{ ok: true }>('POST', '/auth/logout'),
    push: (req: Omit<PushRequest, keyof typeof VERSIONS>) => json<PushResponse>('POST', '/sync/push', { ...VERSIONS, ...req }),
    pull: (req: { clientId: string; cursor: string; limit: number; ackedMutationId: number }) => json<PullResponse>('POST', '/sync/pull', { ...VERSIONS, ...req }),
    mailHealth: () => json<MailHealth>('GET', '/mail/health'),
    mailResync: (accountId: string) => json<{ ok: true }>('POST', '/mail/resync', { ...VERSIONS, accountId }),
    async hasBlob(contentHash: string): Promise<boolean> {
      const res = await send('HEAD', `/blobs/${contentHash}`, undefined, {}, REQUEST_TIMEOUT_MS);
      return res.ok;
    },
    /** An attachment body the hub keeps (a colleague's upload), or null when it has none. */
    async getBlob(contentHash: string): Promise<{ mimeType: string; body: Buffer } | null> {
      const res = await send('GET', `/blobs/${contentHash}`, undefined, {}, BLOB_TIMEOUT_MS);
      if (!res.ok) return null;
      return { mimeType: res.headers.get('x-outpost-mime-type') ?? 'application/octet-stream', body: Buffer.from(await res.arrayBuffer()) };
    },
    async putBlob(contentHash: string, mimeType: string, body: Buffer): Promise<void> {
      const res = await send('PUT', `/blobs/${contentHash}`, new Uint8Array(body), { 'Content-Type': mimeType }, BLOB_TIMEOUT_MS);
      if (!res.ok) throw hubErrorOf(res.status, await res.text().catch(() => ''));
    },
  };
}

export type HubHttp = ReturnType<typeof createHubHttp>;
