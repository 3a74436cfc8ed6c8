import { create } from 'zustand';
import type { z } from 'zod';
import type { ApiArgsOf, ConversationDetail } from '../../src-shared/api';
import type { MutationArgs, MutationName } from '../../src-shared/mutators';
import type { AttachmentRef, ConversationStatus } from '../../src-shared/domain';
import { api, describeError } from '../api/api';

export interface ActionError {
  action: string;
  kind: string;
  message: string;
}

interface ConversationState {
  openId: number | null;
  detail: ConversationDetail | null;
  loading: boolean;
  loadError: string | null;
  /** Which action is running, to disable its button and show progress. */
  pending: 'reply' | 'note' | 'status' | 'workflow' | null;
  actionError: ActionError | null;
  open(id: number): void;
  /** Nothing open (the workspace it belonged to was replaced). */
  close(): void;
  refresh(): Promise<void>;
  reply(text: string, thenStatus?: 'pending' | 'solved', conversationId?: number, extra?: { attachments?: AttachmentRef[]; html?: string; afterMessageId?: number }): Promise<boolean>;
  addNote(body: string, mentions?: number[]): Promise<boolean>;
  setStatus(to: ConversationStatus, snoozedUntil?: number, untilReply?: boolean): Promise<boolean>;
  /** Any other mutation on the open conversation (assign, spam, split...), with the same progress and errors. */
  runMutation<N extends MutationName>(label: string, name: N, args: Omit<z.input<(typeof MutationArgs)[N]>, 'conversationId'>): Promise<boolean>;
  dismissError(): void;
}

export const useConversationStore = create<ConversationState>((set, get) => {
  async function load(id: number, quiet: boolean): Promise<void> {
    if (!quiet) set({ loading: true, loadError: null });
    try {
      const detail = await api.call('conversation.get', { id });
      if (get().openId === id) set({ detail, loading: false, loadError: null });
    } catch (e) {
      if (get().openId === id) set({ loading: false, loadError: describeError(e).message });
    }
  }

  /** Runs a mutation, then reloads so the agent sees its effect without waiting for the event. */
  async function mutate(
    action: NonNullable<ConversationState['pending']>,
    label: string,
    run: (conversationId: number) => Promise<unknown>,
    conversationId?: number,
  ): Promise<boolean> {
    const id = conversationId ?? get().openId;
    if (id === null) return false;
    set({ pending: action, actionError: null });
    try {
      await run(id);
      if (get().openId === id) await load(id, true);
      return true;
    } catch (e) {
      set({ actionError: { action: label, ...describeError(e) } });
      return false;
    } finally {
      set({ pending: null });
    }
  }

  return {
    openId: null,
    detail: null,
    loading: false,
    loadError: null,
    pending: null,
    actionError: null,
    open(id) {
      if (get().openId === id) return;
      set({ openId: id, detail: null, actionError: null });
      void load(id, false);
    },
    close: () => set({ openId: null, detail: null, loading: false, loadError: null, actionError: null }),
    async refresh() {
      const id = get().openId;
      if (id !== null) await load(id, true);
    },
    reply: (text, thenStatus, conversationId, extra) =>
      mutate('reply', 'Send reply', (id) => api.call('mutate', { name: 'reply', args: { conversationId: id, text, thenStatus, ...extra } }), conversationId),
    addNote: (body, mentions = []) =>
      mutate('note', 'Add note', (conversationId) =>
        api.call('mutate', {
          name: 'addNote',
          args: { id: crypto.randomUUID(), conversationId, kind: 'note', body, mentions },
        }),
      ),
    setStatus: (to, snoozedUntil, untilReply) =>
      mutate('status', 'Change status', (conversationId) =>
        api.call('mutate', {
          name: 'setStatus',
          args: { conversationId, to, expectedFrom: get().detail?.conversation.status, snoozedUntil, untilReply },
        }),
      ),
    runMutation: (label, name, args) =>
      mutate('workflow', label, (conversationId) => api.call('mutate', { name, args: { ...args, conversationId } } as ApiArgsOf<'mutate'>)),
    dismissError: () => set({ actionError: null }),
  };
});
