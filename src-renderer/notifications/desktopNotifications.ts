import { create } from 'zustand';
import type { NotificationItem } from '../../src-shared/api';
import { useAppInfoStore } from '../app/appInfoStore';
import { useConversationStore } from '../conversation/conversationStore';
import { describeNotification } from './describe';

type Permission = NotificationPermission | 'unsupported';

function currentPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

interface DesktopPermissionState {
  permission: Permission;
  /** Must be called from a user gesture (a click): browsers refuse to ask otherwise. */
  request(): Promise<void>;
}

export const useDesktopPermission = create<DesktopPermissionState>((set) => ({
  permission: currentPermission(),
  async request() {
    if (typeof Notification === 'undefined') return;
    set({ permission: await Notification.requestPermission() });
  },
}));

/** One desktop notification per new notification, never for my own actions; clicking it opens the conversation. */
export function announceOnDesktop(n: NotificationItem): void {
  const me = useAppInfoStore.getState().info?.me.id;
  if (currentPermission() !== 'granted' || n.actorId === me) return;
  const agents = useAppInfoStore.getState().info?.agents ?? [];
  const { title, body } = describeNotification(n, agents);
  const shown = new Notification(title, { body, tag: `outpost-notification-${n.id}` });
  shown.onclick = () => {
    window.focus();
    useConversationStore.getState().open(n.conversationId);
  };
}
