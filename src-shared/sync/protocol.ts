import { z } from 'zod';
import { Id } from '../domain/ids';
import { MutationArgs } from '../mutators/registry';
import { ENTITY_KINDS } from './rows';

/**
 * The wire between a desktop core and the hub (HTTP + one WebSocket). Every request carries both
 * versions; a hub that cannot serve them answers `outdated_client` with a message a person can act on.
 */
export const SYNC_PROTOCOL_VERSION = 1;
/** Version of the synced rows' shape (src-shared/sync/rows.ts). Bump it with any change there. */
export const SYNC_SCHEMA_VERSION = 3;

/** Caps checked before anything is applied; an oversized request is refused whole. */
export const MAX_PUSH_MUTATIONS = 500;
export const MAX_PUSH_BYTES = 4_000_000;
export const MAX_PULL_LIMIT = 10_000;
export const DEFAULT_PULL_LIMIT = 2_000;

const Versions = { protocolVersion: z.number().int().positive(), schemaVersion: z.number().int().positive() };
const ClientId = z.string().uuid();

export const LoginRequest = z.object({
  ...Versions,
  email: z.string().email().max(320),
  password: z.string().min(1).max(1024),
  clientId: ClientId,
  deviceName: z.string().max(120).default('desktop'),
});
export type LoginRequest = z.infer<typeof LoginRequest>;
export interface LoginResponse {
  token: string;
  expiresAt: number;
  agent: { id: number; name: string; email: string; role: string };
  /** This desktop's number, part of every id its mutations create (src-shared/sync/ids.ts). */
  clientNo: number;
  workspaceName: string;
}

export const MutationName = z.enum(Object.keys(MutationArgs) as [keyof typeof MutationArgs, ...(keyof typeof MutationArgs)[]]);
export const PushedMutation = z.object({
  /** The desktop's outbox id: increasing per client, so the hub skips anything at or below the last it applied. */
  id: Id.min(1),
  name: MutationName,
  args: z.unknown(),
  /** When the agent did it (display only: order is the hub's, never a device clock). */
  createdAt: Id,
});
export type PushedMutation = z.infer<typeof PushedMutation>;

export const PushRequest = z.object({ ...Versions, clientId: ClientId, mutations: z.array(PushedMutation).min(1).max(MAX_PUSH_MUTATIONS) });
export type PushRequest = z.infer<typeof PushRequest>;

export const MutationOutcome = z.union([
  z.object({ id: Id, ok: z.literal(true) }),
  z.object({ id: Id, ok: z.literal(false), code: z.enum(['not_found', 'conflict', 'invalid_transition', 'invalid', 'forbidden']), message: z.string() }),
]);
export type MutationOutcome = z.infer<typeof MutationOutcome>;
export interface PushResponse {
  /** Highest mutation id of this client the hub has applied or rejected. */
  lastMutationId: number;
  /** The outcome of each pushed mutation it processed now (skipped duplicates are not listed). */
  results: MutationOutcome[];
  version: number;
}

export const PullRequest = z.object({
  ...Versions,
  clientId: ClientId,
  /** Opaque; '' for a fresh replica. */
  cursor: z.string().max(200),
  limit: z.number().int().positive().max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
  /** Rejections of this client's mutations above this id are listed in the answer (so one lost push answer loses nothing). */
  ackedMutationId: z.number().int().nonnegative(),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const EntityKindSchema = z.enum(ENTITY_KINDS);
export const Change = z.object({ kind: EntityKindSchema, id: z.string(), data: z.record(z.string(), z.unknown()).nullable() });
export type Change = z.infer<typeof Change>;

export interface PullResponse {
  /** Upserts (data) and deletions (data null), oldest first; within a page, in ENTITY_KINDS order is NOT guaranteed. */
  changes: Change[];
  cursor: string;
  hasMore: boolean;
  /** Highest mutation id of this client the hub has processed; outbox rows up to it are settled. */
  lastMutationId: number;
  rejected: Extract<MutationOutcome, { ok: false }>[];
  /** The hub's version when this page was read. */
  version: number;
}

export const SYNC_ERROR_KINDS = ['unauthorized', 'forbidden', 'invalid', 'too_large', 'outdated_client', 'resync_required', 'unavailable'] as const;
export type SyncErrorKind = (typeof SYNC_ERROR_KINDS)[number];
/** HTTP status for each kind, so proxies and logs read right too. */
export const SYNC_ERROR_STATUS: Record<SyncErrorKind, number> = {
  unauthorized: 401,
  forbidden: 403,
  invalid: 400,
  too_large: 413,
  outdated_client: 426,
  resync_required: 409,
  unavailable: 503,
};
export interface SyncErrorBody {
  error: { kind: SyncErrorKind; message: string };
}

/** Presence: who is looking at or answering a conversation right now. */
export const PresenceState = z.enum(['viewing', 'typing', 'idle']);
export type PresenceState = z.infer<typeof PresenceState>;
/** A desktop re-sends its presence this often; the hub forgets one not refreshed for PRESENCE_TTL_MS. */
export const PRESENCE_HEARTBEAT_MS = 10_000;
export const PRESENCE_TTL_MS = 30_000;

export const ClientSocketMessage = z.object({ type: z.literal('presence'), conversationId: Id.nullable(), state: PresenceState });
export type ClientSocketMessage = z.infer<typeof ClientSocketMessage>;

export interface PresenceEntry {
  agentId: number;
  agentName: string;
  clientId: string;
  conversationId: number | null;
  state: PresenceState;
  at: number;
}
export type HubSocketMessage =
  | { type: 'hello'; version: number }
  /** Only the new version: the desktop pulls. */
  | { type: 'poke'; version: number }
  | ({ type: 'presence' } & PresenceEntry);

/** `GET /hub/info` (no session): what a desktop checks before signing in. */
export interface HubInfo {
  protocolVersion: number;
  schemaVersion: number;
  workspaceName: string;
}
