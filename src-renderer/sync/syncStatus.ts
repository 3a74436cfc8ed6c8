import type { SyncState } from '../../src-shared/api/sync';
import type { ConnectionStatus } from '../api/connectionStore';

/** How loud the indicator is: quiet when all is well, amber while changes wait, red when sync stopped. */
export type SyncTone = 'quiet' | 'busy' | 'warn' | 'error';

export interface SyncView {
  tone: SyncTone;
  /** The words in the top bar. */
  label: string;
  /** One more line: where, since when, next try, why. */
  detail: string | null;
  /** Whether "Retry now" makes sense (it only skips the wait of an automatic retry). */
  canRetry: boolean;
  /**
   * What a screen reader hears when the status changes: one sentence per kind of status, not per
   * change count, so a long catch-up or a queue draining does not chatter.
   */
  announce: string;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** "in 12 s", "in 3 min", or "now" once the time has come. */
export function untilText(at: number, now: number): string {
  const s = Math.ceil((at - now) / 1000);
  if (s <= 0) return 'now';
  if (s < 60) return `in ${s} s`;
  return `in ${Math.ceil(s / 60)} min`;
}

export function hubHost(hubUrl: string | null): string {
  if (!hubUrl) return 'the team hub';
  try {
    return new URL(hubUrl).host;
  } catch {
    return hubUrl;
  }
}

/**
 * The indicator's words for the core's sync state. It never claims "synced" unless the core
 * said so just now: with the core unreachable or its state unknown, it says that instead.
 */
export function describeSync(state: SyncState | null, core: ConnectionStatus, now: number, loadError: string | null = null): SyncView {
  if (core !== 'online') {
    return {
      tone: 'warn',
      label: 'Sync status unknown',
      detail: 'This window is not connected to Outpost right now; changes you made are kept.',
      canRetry: false,
      announce: 'Sync status unknown while this window reconnects.',
    };
  }
  if (!state) {
    return loadError
      ? { tone: 'error', label: 'Sync status unavailable', detail: loadError, canRetry: false, announce: `Sync status unavailable: ${loadError}` }
      : { tone: 'busy', label: 'Checking sync…', detail: null, canRetry: false, announce: '' };
  }
  const team = state.mode === 'team';
  const where = team ? hubHost(state.hubUrl) : 'this computer';
  const waiting = state.pending > 0 ? plural(state.pending, 'change') + ' waiting' : null;

  if (state.catchUp) {
    return {
      tone: 'busy',
      label: `Catching up — ${plural(state.catchUp.received, 'change')} received`,
      detail: `Downloading the workspace from ${where}.`,
      canRetry: false,
      announce: `Catching up with ${where}.`,
    };
  }
  // Online with changes still queued is not "synced" yet: it is about to send them.
  const status = state.status === 'online' && state.pending > 0 ? 'syncing' : state.status;
  // Offline without a retry planned is the first attempt, not a failure yet (the core starts there).
  if (status === 'offline' && state.retryAt === null) {
    return {
      tone: 'busy',
      label: waiting ? `Connecting — ${waiting}` : 'Connecting…',
      detail: `Connecting to ${where}.`,
      canRetry: false,
      announce: `Connecting to ${where}.`,
    };
  }
  switch (status) {
    case 'offline':
      return {
        tone: 'warn',
        label: waiting ? `Offline — ${waiting}` : 'Offline',
        detail: [
          state.reason ? `${state.reason}.` : `Cannot reach ${where}.`,
          state.retryAt !== null ? `Next try ${untilText(state.retryAt, now)}.` : null,
          state.pending > 0 ? 'Your changes are kept here and sent when the hub is back.' : null,
        ]
          .filter(Boolean)
          .join(' '),
        canRetry: true,
        announce: `Sync offline${waiting ? `, ${waiting}` : ''}.`,
      };
    case 'error':
      return {
        tone: 'error',
        label: state.reason ?? 'Sync stopped',
        detail: state.pending > 0 ? `Sync stopped with ${waiting}. They are kept on this computer.` : 'Sync stopped.',
        canRetry: true,
        announce: `Sync stopped: ${state.reason ?? 'unknown reason'}.`,
      };
    case 'syncing':
      return {
        tone: 'busy',
        label: state.pending > 0 ? `Syncing ${plural(state.pending, 'change')}…` : 'Syncing…',
        detail: `With ${where}.`,
        canRetry: false,
        announce: 'Syncing.',
      };
    case 'online':
      return {
        tone: 'quiet',
        label: team ? 'Synced' : 'On this computer',
        detail: team
          ? `Connected to ${where}${state.lastSyncedAt !== null ? `, last synced ${new Date(state.lastSyncedAt).toLocaleTimeString(undefined, { timeStyle: 'short' })}` : ''}.`
          : 'Solo workspace, kept on this computer. Connect to a team hub to work with your team.',
        canRetry: false,
        announce: team ? 'Synced with the team hub.' : '',
      };
  }
}
