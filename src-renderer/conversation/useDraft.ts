import { useEffect, useRef, useState } from 'react';
import { api } from '../api/api';

export const DRAFT_SAVE_DELAY_MS = 400;
type Mode = 'reply' | 'note';
export type DraftState = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * Keeps the composer's text in the local replica: restored when the conversation opens, saved
 * a moment after typing stops, so a reload or a crash loses nothing.
 */
export function useDraft(conversationId: number, restore: (mode: Mode, body: string) => void) {
  const [state, setState] = useState<DraftState>('idle');
  const restoreRef = useRef(restore);
  restoreRef.current = restore;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pendingSave = useRef<(() => Promise<void>) | null>(null);

  useEffect(() => {
    let live = true;
    void api.call('draft.get', { conversationId }).then(
      ({ draft }) => {
        if (!live || !draft || draft.body === '') return;
        restoreRef.current(draft.mode, draft.body);
        setState('saved');
      },
      () => {},
    );
    return () => {
      live = false;
      // Leaving the conversation mid-debounce: save now rather than drop the last keystrokes.
      clearTimeout(timer.current);
      void pendingSave.current?.();
    };
  }, [conversationId]);

  const write = async (mode: Mode, body: string) => {
    pendingSave.current = null;
    setState('saving');
    try {
      if (body.trim() === '') await api.call('draft.delete', { conversationId });
      else await api.call('draft.save', { conversationId, mode, body });
      setState(body.trim() === '' ? 'idle' : 'saved');
    } catch {
      setState('failed');
    }
  };

  return {
    state,
    /** Called on every edit: saves once typing pauses. */
    schedule(mode: Mode, body: string) {
      clearTimeout(timer.current);
      pendingSave.current = () => write(mode, body);
      timer.current = setTimeout(() => void pendingSave.current?.(), DRAFT_SAVE_DELAY_MS);
    },
    /** Saves at once (before a held send), so the text is on disk while Undo is possible. */
    async flush(mode: Mode, body: string) {
      clearTimeout(timer.current);
      await write(mode, body);
    },
    /** Forgets any unsaved edit without writing it (the composer was cleared by a send). */
    cancel() {
      clearTimeout(timer.current);
      pendingSave.current = null;
      setState('idle');
    },
  };
}

/** Deletes a conversation's draft once a send is committed, unless it already holds newer text. */
export async function dropSentDraft(conversationId: number, sentBody: string): Promise<void> {
  const { draft } = await api.call('draft.get', { conversationId });
  if (draft && draft.body === sentBody) await api.call('draft.delete', { conversationId });
}

/**
 * A reply the hub refused is put back into its conversation's draft by the core; an open
 * composer shows it at once instead of waiting for the conversation to be reopened.
 */
export function useRefusedReplyRestore(conversationId: number, restore: (body: string) => void): void {
  const restoreRef = useRef(restore);
  restoreRef.current = restore;
  useEffect(
    () =>
      api.on('mutation-rejected', (r) => {
        if (r.name !== 'reply' || r.conversationId !== conversationId) return;
        void api.call('draft.get', { conversationId }).then(
          ({ draft }) => draft && draft.body.trim() !== '' && restoreRef.current(draft.body),
          // The text is safe in the draft either way; reopening the conversation shows it.
          () => undefined,
        );
      }),
    [conversationId],
  );
}
