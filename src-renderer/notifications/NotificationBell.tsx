import { useEffect, useRef, useState } from 'react';
import type { NotificationItem } from '../../src-shared/api';
import { api } from '../api/api';
import { useConnectionStore } from '../api/connectionStore';
import { useAgentName } from '../app/appInfoStore';
import { useConversationStore } from '../conversation/conversationStore';
import { relativeTime } from '../shared/format';

const WHAT: Record<NotificationItem['kind'], string> = { mention: 'mentioned you', assignment: 'assigned you', reply: 'Customer replied' };

/** Mentions and assignments for me: an unread badge, a short list, and a desktop notification for new ones. */
export function NotificationBell() {
  const [data, setData] = useState<{ unread: number; items: NotificationItem[] }>({ unread: 0, items: [] });
  const [open, setOpen] = useState(false);
  const newest = useRef<number | null>(null);
  const epoch = useConnectionStore((s) => s.epoch);
  const agentName = useAgentName();
  const openConversation = useConversationStore((s) => s.open);

  useEffect(() => {
    if (epoch === 0) return;
    const load = async () => {
      const next = await api.call('notification.list', { limit: 30 }).catch(() => null);
      if (!next) return;
      // Only what arrived after the first load pops up: a restart must not replay the backlog.
      if (newest.current !== null && 'Notification' in window && Notification.permission === 'granted') {
        for (const n of next.items.filter((i) => i.id > newest.current! && i.readAt === null)) {
          new Notification(`${agentName(n.actorId) ?? 'Someone'} ${WHAT[n.kind]}`, { body: n.subject, tag: `outpost-${n.id}` });
        }
      }
      newest.current = Math.max(newest.current ?? 0, ...next.items.map((i) => i.id));
      setData(next);
    };
    void load();
    return api.on('db-changed', () => void load());
  }, [epoch]);

  const markRead = async (ids?: number[]) => {
    await api.call('notification.markRead', { ids }).catch(() => null);
    setData(await api.call('notification.list', { limit: 30 }));
  };

  return (
    <div className="notification-bell popover-anchor">
      <button type="button" aria-expanded={open} aria-controls="notification-list" aria-label={`Notifications, ${data.unread} unread`} onClick={() => setOpen((o) => !o)}>
        <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {data.unread > 0 && <span className="unread-badge">{data.unread > 99 ? '99+' : data.unread}</span>}
      </button>
      {open && (
        <div className="popover notification-popover" id="notification-list" role="group" aria-label="Notifications" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <div className="notification-head">
            <strong>Notifications</strong>
            {'Notification' in window && Notification.permission === 'default' && (
              <button type="button" className="link" onClick={() => void Notification.requestPermission()}>
                Enable desktop notifications
              </button>
            )}
            {data.unread > 0 && (
              <button type="button" className="link" onClick={() => void markRead()}>
                Mark all read
              </button>
            )}
          </div>
          {data.items.length === 0 ? (
            <p className="muted">Mentions and assignments for you will show here.</p>
          ) : (
            data.items.map((n) => (
              <button
                key={n.id}
                type="button"
                className={n.readAt === null ? 'unread' : undefined}
                onClick={() => {
                  openConversation(n.conversationId);
                  setOpen(false);
                  void markRead([n.id]);
                }}
              >
                <span>
                  {n.kind === 'reply' ? WHAT.reply : `${agentName(n.actorId) ?? 'Someone'} ${WHAT[n.kind]}`}: {n.subject}
                </span>
                <span className="muted">{relativeTime(n.createdAt)}</span>
              </button>
            ))
          )}
        </div>
      )}
    </div>
  );
}
