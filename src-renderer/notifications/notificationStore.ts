import { create } from 'zustand';
import type { NotificationItem } from '../../src-shared/api';
import { api, describeError } from '../api/api';
import { announceOnDesktop } from './desktopNotifications';

const LIST_LIMIT = 50;

interface NotificationState {
  items: NotificationItem[];
  unread: number;
  loaded: boolean;
  error: string | null;
  refresh(): Promise<void>;
  markRead(ids: number[]): Promise<void>;
  markAllRead(): Promise<void>;
}

/** Notifications already on screen or announced: only ones newer than these reach the desktop. */
const known = new Set<number>();

export const useNotificationStore = create<NotificationState>((set, get) => ({
  items: [],
  unread: 0,
  loaded: false,
  error: null,
  async refresh() {
    try {
      const { notifications, unread } = await api.call('notifications.list', { limit: LIST_LIMIT });
      // The first load is what was waiting when the console opened: shown in the panel, not popped up.
      const fresh = get().loaded ? notifications.filter((n) => n.readAt === null && !known.has(n.id)) : [];
      for (const n of notifications) known.add(n.id);
      set({ items: notifications, unread, loaded: true, error: null });
      for (const n of fresh) announceOnDesktop(n);
    } catch (e) {
      set({ error: describeError(e).message });
    }
  },
  async markRead(ids) {
    const unreadIds = ids.filter((id) => get().items.find((n) => n.id === id)?.readAt === null);
    if (unreadIds.length === 0) return;
    const now = Date.now();
    // Optimistic: the badge drops at once; the refresh that follows the core's event confirms it.
    set({ items: get().items.map((n) => (unreadIds.includes(n.id) ? { ...n, readAt: now } : n)), unread: Math.max(0, get().unread - unreadIds.length) });
    try {
      const { unread } = await api.call('notifications.markRead', { ids: unreadIds });
      set({ unread });
    } catch (e) {
      set({ error: describeError(e).message });
      await get().refresh();
    }
  },
  async markAllRead() {
    try {
      await api.call('notifications.markRead', { all: true });
      await get().refresh();
    } catch (e) {
      set({ error: describeError(e).message });
    }
  },
}));
