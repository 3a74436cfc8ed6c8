import { z } from 'zod';
import type { PresenceEntry } from '../sync/protocol';
import { PresenceState } from '../sync/protocol';

export const SyncApiArgs = {
  'sync.state': z.object({}),
  /** Connects this desktop to a team hub: logs in, then replaces the replica with the hub's workspace (pending changes are kept and pushed). */
  'sync.connect': z.object({ hubUrl: z.string().url().max(500), email: z.string().email(), password: z.string().min(1).max(1024) }),
  /** Back to the embedded hub on this machine. */
  'sync.disconnect': z.object({}),
  /** Try now instead of waiting for the next backoff step. */
  'sync.retry': z.object({}),
  'presence.set': z.object({ conversationId: z.number().int().nonnegative().nullable(), state: PresenceState }),
  'presence.list': z.object({ conversationId: z.number().int().nonnegative() }),
} as const;

/** What the console shows in its sync indicator. */
export interface SyncState {
  mode: 'embedded' | 'team';
  hubUrl: string | null;
  status: 'online' | 'offline' | 'syncing' | 'error';
  /** Local changes not yet accepted by the hub. */
  pending: number;
  /** Set when status is offline or error: the reason in words. */
  reason: string | null;
  lastSyncedAt: number | null;
  /** Next automatic attempt while offline. */
  retryAt: number | null;
  /** Catch-up progress of a fresh replica, or null. */
  catchUp: { received: number } | null;
}

export interface SyncApiResults {
  'sync.state': SyncState;
  'sync.connect': SyncState;
  'sync.disconnect': SyncState;
  'sync.retry': SyncState;
  'presence.set': { ok: true };
  'presence.list': { others: PresenceEntry[] };
}

export interface SyncApiEvents {
  'sync-state': SyncState;
  /** Someone else's presence changed (never this desktop's own). */
  presence: PresenceEntry;
  /** A mutation made here was refused by the hub: what and why (a refused reply goes back to its draft). */
  'mutation-rejected': { outboxId: number; name: string; conversationId: number | null; message: string };
}
