import { useEffect } from 'react';
import { api } from '../api/api';
import { useConnectionStore } from '../api/connectionStore';
import { useSelectionStore } from '../bulk/selectionStore';
import { useConversationStore } from '../conversation/conversationStore';
import { useCountsStore } from '../inbox/countsStore';
import { useInboxStore } from '../inbox/inboxStore';
import { useNotificationStore } from '../notifications/notificationStore';
import { usePresenceLive, usePresenceStore } from '../presence/presenceStore';
import { useSearchStore } from '../search/searchStore';
import { useSyncLive, useSyncStore, workspaceKey } from '../sync/syncStore';
import { useAppInfoStore } from './appInfoStore';

function reloadAll(): void {
  void useAppInfoStore.getState().load();
  void useCountsStore.getState().refresh();
  useInboxStore.getState().invalidate();
  void useConversationStore.getState().refresh();
}

/**
 * Connecting to a team hub (or leaving it) replaces every synced row: ids on screen now name
 * other conversations, so nothing opened, selected or found before is kept.
 */
function switchWorkspace(): void {
  useConversationStore.getState().close();
  useSelectionStore.getState().clear();
  useSearchStore.getState().clear();
  usePresenceStore.getState().clear();
  void useNotificationStore.getState().refresh();
  reloadAll();
}

/**
 * Loads everything on each (re)connect and keeps it fresh on 'db-changed', so a dropped socket
 * or another agent's change never leaves stale counts or rows on screen.
 */
export function useLiveData(): void {
  const epoch = useConnectionStore((s) => s.epoch);
  useSyncLive();
  usePresenceLive();

  useEffect(() => {
    if (epoch > 0) reloadAll();
  }, [epoch]);

  useEffect(
    () =>
      useSyncStore.subscribe((s, prev) => {
        const now = workspaceKey(s.state);
        const before = workspaceKey(prev.state);
        if (now !== null && before !== null && now !== before) switchWorkspace();
      }),
    [],
  );

  useEffect(
    () =>
      api.on('db-changed', ({ conversationIds }) => {
        void useCountsStore.getState().refresh();
        useInboxStore.getState().invalidate();
        const openId = useConversationStore.getState().openId;
        if (openId !== null && (conversationIds.length === 0 || conversationIds.includes(openId))) {
          void useConversationStore.getState().refresh();
        }
      }),
    [],
  );
}
