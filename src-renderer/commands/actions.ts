import type { InboxView } from '../../src-shared/api';
import { canTransition } from '../../src-shared/mutators';
import { useComposerStore } from '../conversation/composerStore';
import { useConversationStore } from '../conversation/conversationStore';
import { rowAt, useInboxStore } from '../inbox/inboxStore';
import { focusInboxList } from './focus';

export function hasOpenConversation(): boolean {
  return useConversationStore.getState().detail !== null;
}

export function canSolve(): boolean {
  const status = useConversationStore.getState().detail?.conversation.status;
  return status !== undefined && canTransition(status, 'solved');
}

const PREFETCH_ROWS = 10;

/** Moves the list selection by `delta` rows. */
export function moveSelection(delta: number): void {
  const inbox = useInboxStore.getState();
  inbox.select(inbox.selectedIndex + delta);
  // Fetch the next rows before the selection reaches them, so stepping past a page boundary never waits.
  const at = useInboxStore.getState().selectedIndex;
  inbox.ensureRange(Math.max(0, at - PREFETCH_ROWS), at + PREFETCH_ROWS);
}

/**
 * Opens the selected row; a row whose page has not arrived yet (moving fast past a page
 * boundary) is fetched and opened when it lands, if it is still the one selected.
 */
export function openSelected(): void {
  const inbox = useInboxStore.getState();
  const index = inbox.selectedIndex;
  const row = rowAt(inbox, index);
  if (row) {
    useConversationStore.getState().open(row.id);
    return;
  }
  inbox.ensureRange(index, index);
  const stop = useInboxStore.subscribe((s) => {
    if (s.selectedIndex !== index) return stop();
    const arrived = rowAt(s, index);
    if (!arrived) return;
    stop();
    useInboxStore.setState({ selectedId: arrived.id });
    useConversationStore.getState().open(arrived.id);
  });
}

/** While reading: open the previous or next conversation of the list. */
export function openRelative(delta: number): void {
  moveSelection(delta);
  openSelected();
}

/** Switches view; the list hides while its first page loads, so focus moves once it is back. */
export function goToView(view: InboxView): void {
  useInboxStore.getState().setView(view);
  if (useInboxStore.getState().total !== null) {
    focusInboxList();
    return;
  }
  const stop = useInboxStore.subscribe((s) => {
    if (s.total === null) return;
    stop();
    requestAnimationFrame(focusInboxList);
  });
}

export function focusComposer(mode: 'reply' | 'note'): void {
  const id = useConversationStore.getState().openId;
  if (id !== null) useComposerStore.getState().requestFocus(id, mode);
}

/**
 * Solves the open conversation, then opens the one after it and hands focus to the list, so
 * the agent keeps going without reaching for the mouse. The next row is noted before solving:
 * once solved, the conversation may leave the view and the list shifts under it.
 */
export async function solveAndAdvance(): Promise<void> {
  const inbox = useInboxStore.getState();
  const conversation = useConversationStore.getState();
  const openId = conversation.openId;
  if (openId === null) return;
  const selected = rowAt(inbox, inbox.selectedIndex);
  // If the open conversation already left the list, the row that took its place is the next one.
  const next = selected?.id === openId ? (rowAt(inbox, inbox.selectedIndex + 1) ?? rowAt(inbox, inbox.selectedIndex - 1)) : selected;
  const ok = await conversation.setStatus('solved');
  if (!ok) return;
  if (next) {
    useConversationStore.getState().open(next.id);
    useInboxStore.getState().selectId(next.id);
  }
  focusInboxList();
}
