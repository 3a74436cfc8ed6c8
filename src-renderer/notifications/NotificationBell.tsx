import { useEffect, useRef, useState } from 'react';
import { api } from '../api/api';
import { useConnectionStore } from '../api/connectionStore';
import { useAppInfoStore } from '../app/appInfoStore';
import { focusInboxList } from '../commands/focus';
import { useConversationStore } from '../conversation/conversationStore';
import { useInboxStore } from '../inbox/inboxStore';
import { relativeTime } from '../shared/format';
import { describeNotification } from './describe';
import { useDesktopPermission } from './desktopNotifications';
import { useNotificationStore } from './notificationStore';

/** Loads on each (re)connect and refreshes when the core reports notification changes. */
function useNotificationsLive(): void {
  const epoch = useConnectionStore((s) => s.epoch);
  useEffect(() => {
    if (epoch > 0) void useNotificationStore.getState().refresh();
  }, [epoch]);
  useEffect(
    () =>
      api.on('db-changed', ({ tables }) => {
        if (tables.includes('notification')) void useNotificationStore.getState().refresh();
      }),
    [],
  );
}

/** The top bar's bell: unread badge, and a panel of my mentions, assignments and replies. */
export function NotificationBell() {
  useNotificationsLive();
  const unread = useNotificationStore((s) => s.unread);
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  function close(): void {
    setOpen(false);
    buttonRef.current?.focus();
  }

  useEffect(() => {
    if (!open) return;
    panelRef.current?.querySelector<HTMLElement>('button')?.focus();
    function onPointer(e: PointerEvent): void {
      const t = e.target as Node;
      if (!panelRef.current?.contains(t) && !buttonRef.current?.contains(t)) setOpen(false);
    }
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  return (
    <div className="notifications">
      <button
        ref={buttonRef}
        type="button"
        className="topbar-button bell"
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 && (
          <span className="badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div
          ref={panelRef}
          className="notification-panel"
          role="region"
          aria-label="Notifications"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              close();
            }
          }}
        >
          <NotificationPanel onOpened={() => setOpen(false)} />
        </div>
      )}
    </div>
  );
}

function NotificationPanel({ onOpened }: { onOpened(): void }) {
  const { items, unread, loaded, error, markRead, markAllRead } = useNotificationStore();
  const agents = useAppInfoStore((s) => s.info?.agents ?? []);
  const { permission, request } = useDesktopPermission();

  function openOne(id: number, conversationId: number): void {
    void markRead([id]);
    useConversationStore.getState().open(conversationId);
    useInboxStore.getState().selectId(conversationId);
    onOpened();
    focusInboxList();
  }

  return (
    <>
      <header className="notification-header">
        <h2>Notifications</h2>
        <button type="button" className="link" onClick={() => void markAllRead()} disabled={unread === 0}>
          Mark all read
        </button>
      </header>
      {error && (
        <p className="inline-error" role="alert">
          Could not load notifications: {error}
        </p>
      )}
      {!loaded && !error && <p className="loading-state">Loading…</p>}
      {loaded && items.length === 0 && <p className="empty-state">Nothing yet. Mentions, assignments and customer replies on your conversations show up here.</p>}
      <ul className="notification-list">
        {items.map((n) => {
          const { title, body } = describeNotification(n, agents);
          return (
            <li key={n.id}>
              <button type="button" className={`notification-item${n.readAt === null ? ' unread' : ''}`} onClick={() => openOne(n.id, n.conversationId)}>
                <span className="notification-title">
                  {n.readAt === null && <span className="notification-unread-dot" aria-label="Unread" />}
                  {title}
                  <span className="notification-time">{relativeTime(n.createdAt)}</span>
                </span>
                <span className="notification-body">{body}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <footer className="notification-footer">
        {permission === 'default' && (
          <button type="button" onClick={() => void request()}>
            Turn on desktop notifications
          </button>
        )}
        {permission === 'granted' && <span className="muted">Desktop notifications are on</span>}
        {permission === 'denied' && <span className="muted">Desktop notifications are blocked in this browser’s settings</span>}
      </footer>
    </>
  );
}
