import { useEffect } from 'react';
import { api } from '../api/api';
import { useConnectionStore } from '../api/connectionStore';
import { useConversationStore } from '../conversation/conversationStore';
import { useCountsStore } from '../inbox/countsStore';
import { useInboxStore } from '../inbox/inboxStore';
import { useAppInfoStore } from './appInfoStore';

/**
 * Loads everything on each (re)connect and keeps it fresh on 'db-changed', so a dropped socket
 * or another agent's change never leaves stale counts or rows on screen.
 */
export function useLiveData(): void {
  const epoch = useConnectionStore((s) => s.epoch);

  useEffect(() => {
    if (epoch === 0) return;
    void useAppInfoStore.getState().load();
    void useCountsStore.getState().refresh();
    useInboxStore.getState().invalidate();
    void useConversationStore.getState().refresh();
  }, [epoch]);

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
