import { describe, expect, it } from 'vitest';
import type { SyncState } from '../../src-shared/api/sync';
import { describeSync, untilText } from './syncStatus';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

function state(patch: Partial<SyncState>): SyncState {
  return { mode: 'team', hubUrl: 'https://hub.example.com:8443', status: 'online', pending: 0, reason: null, lastSyncedAt: NOW - 5_000, retryAt: null, catchUp: null, ...patch };
}

describe('describeSync', () => {
  it('is quiet when the team hub has everything', () => {
    const v = describeSync(state({}), 'online', NOW);
    expect(v).toMatchObject({ tone: 'quiet', label: 'Synced', canRetry: false });
    expect(v.detail).toContain('hub.example.com:8443');
  });

  it('says solo when syncing only to the hub on this computer', () => {
    expect(describeSync(state({ mode: 'embedded', hubUrl: null }), 'online', NOW).label).toBe('On this computer');
  });

  it('never says synced while changes are still queued, even if the core reports online', () => {
    const v = describeSync(state({ pending: 2 }), 'online', NOW);
    expect(v.label).toBe('Syncing 2 changes…');
    expect(v.tone).toBe('busy');
  });

  it('offline: how many changes wait, the reason, when it tries next, and a retry', () => {
    const v = describeSync(state({ status: 'offline', pending: 3, reason: 'The hub is not reachable', retryAt: NOW + 12_400 }), 'online', NOW);
    expect(v.label).toBe('Offline — 3 changes waiting');
    expect(v.detail).toContain('The hub is not reachable.');
    expect(v.detail).toContain('Next try in 13 s.');
    expect(v.canRetry).toBe(true);
    expect(v.tone).toBe('warn');
    expect(describeSync(state({ status: 'offline', pending: 1, retryAt: NOW }), 'online', NOW).label).toBe('Offline — 1 change waiting');
    expect(describeSync(state({ status: 'offline', retryAt: NOW }), 'online', NOW).label).toBe('Offline');
  });

  it('the first attempt, before anything failed, is connecting rather than offline', () => {
    const v = describeSync(state({ status: 'offline', reason: 'Connecting to the hub', retryAt: null }), 'online', NOW);
    expect(v).toMatchObject({ tone: 'busy', label: 'Connecting…', canRetry: false });
  });

  it('an error shows its reason in words', () => {
    const signedOut = describeSync(state({ status: 'error', reason: 'Signed out: your session expired' }), 'online', NOW);
    expect(signedOut).toMatchObject({ tone: 'error', label: 'Signed out: your session expired' });
    const outdated = describeSync(state({ status: 'error', reason: 'This desktop speaks sync protocol 1; this hub speaks 2. Update Outpost.' }), 'online', NOW);
    expect(outdated.label).toContain('Update Outpost');
    expect(outdated.announce).toContain('Update Outpost');
  });

  it('shows catch-up progress ahead of the status', () => {
    const v = describeSync(state({ status: 'syncing', catchUp: { received: 12_345 } }), 'online', NOW);
    expect(v.label).toBe(`Catching up — ${(12_345).toLocaleString()} changes received`);
  });

  it('claims nothing when the core is unreachable or its state is not known yet', () => {
    for (const core of ['offline', 'connecting', 'unauthorized'] as const) {
      const v = describeSync(state({}), core, NOW);
      expect(v.label).toBe('Sync status unknown');
      expect(v.label).not.toContain('Synced');
    }
    expect(describeSync(null, 'online', NOW).label).toBe('Checking sync…');
    expect(describeSync(null, 'online', NOW, 'no such call').tone).toBe('error');
  });

  it('announces a change of status, not every change of count', () => {
    const a = describeSync(state({ status: 'syncing', catchUp: { received: 10 } }), 'online', NOW);
    const b = describeSync(state({ status: 'syncing', catchUp: { received: 5_000 } }), 'online', NOW);
    expect(a.announce).toBe(b.announce);
    expect(a.label).not.toBe(b.label);
  });
});

describe('untilText', () => {
  it('counts seconds, then minutes, and says now once due', () => {
    expect(untilText(NOW + 900, NOW)).toBe('in 1 s');
    expect(untilText(NOW + 61_000, NOW)).toBe('in 2 min');
    expect(untilText(NOW - 1, NOW)).toBe('now');
  });
});
