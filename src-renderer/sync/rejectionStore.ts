import { useEffect } from 'react';
import { create } from 'zustand';
import type { SyncApiEvents } from '../../src-shared/api/sync';
import type { MutationName } from '../../src-shared/mutators';
import { api } from '../api/api';

export type Rejection = SyncApiEvents['mutation-rejected'];

/** What was refused, in the agent's words; a record, so a new mutation cannot go unnamed. */
const WHAT: Record<MutationName, string> = {
  reply: 'your reply',
  addNote: 'your note',
  setStatus: 'a status change',
  assign: 'an assignment',
  addTag: 'a new tag',
  removeTag: 'a tag removal',
  setPriority: 'a priority change',
  setCategory: 'a category change',
  saveMacro: 'a macro edit',
  deleteMacro: 'a macro deletion',
  recordMacroUse: 'a macro use',
  merge: 'a merge',
  wake: 'a snooze wake-up',
  markSpam: 'a spam mark',
  unmarkSpam: 'a “not spam” mark',
  split: 'a split',
  retrySend: 'a retry of a failed send',
};

export function whatWasRefused(name: string): string {
  return (WHAT as Record<string, string>)[name] ?? `a change (${name})`;
}

/** Only the latest few stay on screen: an agent back online after a long trip reads them, not a wall. */
const MAX_SHOWN = 3;

interface RejectionStore {
  notices: Rejection[];
  dismiss(outboxId: number): void;
}

export const useRejectionStore = create<RejectionStore>((set) => ({
  notices: [],
  dismiss: (outboxId) => set((s) => ({ notices: s.notices.filter((n) => n.outboxId !== outboxId) })),
}));

/** Follows the core's 'mutation-rejected' events. Mounted once, by the notices. */
export function useRejectionsLive(): void {
  useEffect(
    () =>
      api.on('mutation-rejected', (r) =>
        useRejectionStore.setState((s) => ({ notices: [...s.notices.filter((n) => n.outboxId !== r.outboxId), r].slice(-MAX_SHOWN) })),
      ),
    [],
  );
}
