import { create } from 'zustand';
import type { ApiArgsOf, BatchItemResult } from '../../src-shared/api';
import { api, describeError } from '../api/api';

export type BatchMutation = ApiArgsOf<'mutate.batch'>['mutations'][number];

/** Batches are sent in chunks this size so progress shows and no single call blocks the core long. */
const CHUNK = 200;
export const UNDO_MS = 10_000;

export interface BulkOutcome {
  id: number;
  message: string;
  /** The inverse batch, with compare-and-set expectations; absent when the action cannot be undone. */
  undo?: BatchMutation[];
  isUndo: boolean;
}

interface BulkState {
  progress: { label: string; done: number; total: number } | null;
  outcome: BulkOutcome | null;
  error: string | null;
  /** Runs mutations in chunks; `inverse` builds the undo batch from the items that applied. */
  run(label: string, mutations: BatchMutation[], inverse?: (applied: BatchMutation[]) => BatchMutation[]): Promise<BatchItemResult[]>;
  undo(): Promise<void>;
  dismiss(): void;
}

let outcomeSeq = 0;

export const useBulkStore = create<BulkState>((set, get) => {
  async function send(label: string, mutations: BatchMutation[]): Promise<BatchItemResult[] | null> {
    const results: BatchItemResult[] = [];
    set({ progress: { label, done: 0, total: mutations.length }, error: null, outcome: null });
    try {
      for (let i = 0; i < mutations.length; i += CHUNK) {
        const chunk = await api.call('mutate.batch', { mutations: mutations.slice(i, i + CHUNK) });
        results.push(...chunk.results);
        set({ progress: { label, done: results.length, total: mutations.length } });
      }
      return results;
    } catch (e) {
      // Chunks already sent stay applied; say how far it got so nothing is silently lost.
      set({ error: `${label}: stopped after ${results.length} of ${mutations.length} — ${describeError(e).message}` });
      return null;
    } finally {
      set({ progress: null });
    }
  }

  return {
    progress: null,
    outcome: null,
    error: null,
    async run(label, mutations, inverse) {
      const results = await send(label, mutations);
      if (!results) return [];
      const applied = mutations.filter((_, i) => results[i]?.ok);
      set({
        outcome: {
          id: ++outcomeSeq,
          message: describeOutcome(label, results),
          undo: inverse && applied.length > 0 ? inverse(applied) : undefined,
          isUndo: false,
        },
      });
      return results;
    },
    async undo() {
      const undo = get().outcome?.undo;
      if (!undo) return;
      const results = await send('Undo', undo);
      if (!results) return;
      set({ outcome: { id: ++outcomeSeq, message: describeOutcome('Undone', results, 'changed by someone since'), isUndo: true } });
    },
    dismiss() {
      set({ outcome: null, error: null });
    },
  };
});

/** "Set status pending: 48 updated, 2 skipped (2 closed conversations cannot become pending)". */
export function describeOutcome(label: string, results: BatchItemResult[], conflictReason = 'changed meanwhile'): string {
  const ok = results.filter((r) => r.ok).length;
  const failed = results.filter((r): r is Extract<BatchItemResult, { ok: false }> => !r.ok);
  if (failed.length === 0) return `${label}: ${ok.toLocaleString()} updated`;
  const reasons = new Map<string, number>();
  for (const f of failed) {
    const reason = f.kind === 'conflict' ? conflictReason : f.message.replace(/#?\d+\s*/g, '').trim();
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const why = [...reasons].map(([reason, n]) => `${n.toLocaleString()} ${reason}`).join('; ');
  return `${label}: ${ok.toLocaleString()} updated, ${failed.length.toLocaleString()} skipped (${why})`;
}
