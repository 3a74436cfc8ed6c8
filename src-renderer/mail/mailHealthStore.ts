import { useEffect } from 'react';
import { create } from 'zustand';
import type { ApiResultOf } from '../../src-shared/api';
import type { MailAccountHealth } from '../../src-shared/sync/mail-health';
import { api, describeError } from '../api/api';
import { useSyncStore } from '../sync/syncStore';

export type MailHealthView = ApiResultOf<'mail.health'>;

interface MailHealthState {
  health: MailHealthView | null;
  /** The last check failed: why, and whether the hub could not be reached (`unavailable`) or refused. */
  error: { kind: string; message: string } | null;
  loading: boolean;
  /** Accounts whose resync this console asked for, with when: the panel shows its progress. */
  resyncs: Record<string, { at: number; error: string | null }>;
  load(): Promise<void>;
  resync(accountId: string): Promise<boolean>;
}

export const useMailHealthStore = create<MailHealthState>((set, get) => ({
  health: null,
  error: null,
  loading: false,
  resyncs: {},
  async load() {
    if (get().loading) return;
    set({ loading: true });
    try {
      set({ health: await api.call('mail.health', {}), error: null, loading: false });
    } catch (e) {
      set({ error: describeError(e), loading: false });
    }
  },
  async resync(accountId) {
    set((s) => ({ resyncs: { ...s.resyncs, [accountId]: { at: Date.now(), error: null } } }));
    try {
      await api.call('mail.resync', { accountId });
      await get().load();
      return true;
    } catch (e) {
      set((s) => ({ resyncs: { ...s.resyncs, [accountId]: { at: Date.now(), error: describeError(e).message } } }));
      return false;
    }
  },
}));

/** Accounts in error, for the top bar's warning. */
export const accountsInError = (h: MailHealthView | null): MailAccountHealth[] => h?.accounts.filter((a) => a.state === 'error') ?? [];

/**
 * Keeps mail health fresh: every few seconds while the panel is open (backfill and resync
 * progress), otherwise once a minute and whenever sync comes back online (for the warning).
 */
export function useMailHealthLive(intervalMs: number): void {
  const online = useSyncStore((s) => s.state?.status === 'online');
  const hubUrl = useSyncStore((s) => s.state?.hubUrl);
  useEffect(() => {
    const load = () => void useMailHealthStore.getState().load();
    load();
    const t = setInterval(load, intervalMs);
    return () => clearInterval(t);
  }, [intervalMs, online, hubUrl]);
}
