import { openMacroPickerForOpenConversation } from '../macros/MacroButtons';
import { useMacroUiStore } from '../macros/macroUiStore';
import { useSearchStore } from '../search/searchStore';
import { useSyncStore } from '../sync/syncStore';
import {
  canSolve,
  focusComposer,
  goToView,
  hasOpenConversation,
  moveSelection,
  openRelative,
  openSelected,
  solveAndAdvance,
} from './actions';
import { useDialogStore } from './dialogStore';
import { focusCommandTarget, focusInboxList } from './focus';
import type { Command } from './types';

function focusSearch(): void {
  document.querySelector<HTMLInputElement>('input[aria-label="Search conversations"]')?.focus();
}

function leaveField(): void {
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  focusInboxList();
}

function canRetrySync(): boolean {
  const status = useSyncStore.getState().state?.status;
  return status === 'offline' || status === 'error';
}

/**
 * Every command of the console. One line adds one: its shortcut, palette entry and cheat-sheet
 * row follow. Order here is the order shown within a section.
 */
export const COMMANDS: Command[] = [
  { id: 'list.next', title: 'Next conversation in the list', section: 'Navigation', keys: ['j', 'ArrowDown'], run: () => moveSelection(1) },
  { id: 'list.previous', title: 'Previous conversation in the list', section: 'Navigation', keys: ['k', 'ArrowUp'], run: () => moveSelection(-1) },
  { id: 'list.open', title: 'Open the selected conversation', section: 'Navigation', keys: ['Enter', 'o'], run: openSelected },
  { id: 'conversation.next', title: 'Open the next conversation', section: 'Navigation', keys: [']'], when: hasOpenConversation, run: () => openRelative(1) },
  { id: 'conversation.previous', title: 'Open the previous conversation', section: 'Navigation', keys: ['['], when: hasOpenConversation, run: () => openRelative(-1) },
  { id: 'go.open', title: 'Go to All open', section: 'Navigation', keys: ['g i'], run: () => goToView({ kind: 'open' }) },
  { id: 'go.mine', title: 'Go to Mine', section: 'Navigation', keys: ['g m'], run: () => goToView({ kind: 'mine' }) },
  { id: 'go.unassigned', title: 'Go to Unassigned', section: 'Navigation', keys: ['g u'], run: () => goToView({ kind: 'unassigned' }) },
  { id: 'conversation.reply', title: 'Reply', section: 'Conversation', keys: ['r'], when: hasOpenConversation, run: () => focusComposer('reply') },
  { id: 'conversation.note', title: 'Add an internal note', section: 'Conversation', keys: ['n'], when: hasOpenConversation, run: () => focusComposer('note') },
  { id: 'conversation.send', title: 'Send the reply or note', section: 'Conversation', keys: ['Mod+Enter'], keyOnly: true, run: () => {} },
  { id: 'conversation.macro', title: 'Apply a macro…', section: 'Conversation', keys: ['m'], when: hasOpenConversation, run: () => void openMacroPickerForOpenConversation() },
  { id: 'macros.manage', title: 'Manage macros', section: 'Conversation', run: () => useMacroUiStore.getState().openManager() },
  { id: 'conversation.status', title: 'Change status…', section: 'Conversation', keys: ['s'], when: hasOpenConversation, run: () => void focusCommandTarget('status') },
  { id: 'conversation.solve', title: 'Solve and open the next', section: 'Conversation', keys: ['e'], when: canSolve, run: solveAndAdvance },
  { id: 'conversation.assign', title: 'Assign…', section: 'Conversation', keys: ['a'], when: hasOpenConversation, run: () => void focusCommandTarget('assign') },
  { id: 'focus.list', title: 'Leave the field, back to the list', section: 'Navigation', keys: ['Escape'], run: leaveField },
  { id: 'search.focus', title: 'Search messages, notes and customers', section: 'Search', keys: ['/'], run: focusSearch },
  { id: 'search.clear', title: 'Clear the search', section: 'Search', when: () => useSearchStore.getState().query !== '', run: () => useSearchStore.getState().clear() },
  { id: 'team.hub', title: 'Team hub: connect, sign in or disconnect', section: 'Team', run: () => useDialogStore.getState().show('team-hub') },
  { id: 'mail.health', title: 'Mail health: mailboxes, sync progress, outbound queue', section: 'Team', keys: ['g h'], run: () => useDialogStore.getState().show('mail-health') },
  { id: 'team.retry', title: 'Retry sync now', section: 'Team', when: canRetrySync, run: () => useSyncStore.getState().retry() },
  { id: 'palette.open', title: 'Command palette', section: 'Help', keys: ['Mod+k'], run: () => useDialogStore.getState().show('palette') },
  { id: 'help.shortcuts', title: 'Keyboard shortcuts', section: 'Help', keys: ['?'], run: () => useDialogStore.getState().show('cheatsheet') },
];

export function isAvailable(c: Command): boolean {
  return c.when?.() ?? true;
}
