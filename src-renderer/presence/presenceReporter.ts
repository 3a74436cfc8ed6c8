import { useEffect } from 'react';
import type { PresenceState } from '../../src-shared/sync/protocol';
import { api } from '../api/api';
import { useConnectionStore } from '../api/connectionStore';
import { usePresenceStore } from './presenceStore';

/** Typing goes back to viewing after this long without a keystroke. */
export const TYPING_PAUSE_MS = 4_000;

let sent: { conversationId: number | null; state: PresenceState } | null = null;
let typingTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Sends only changes: keystrokes arrive many times a second, the hub needs one "typing" per
 * burst (the core repeats the last state as a heartbeat on its own).
 */
function send(conversationId: number | null, state: PresenceState): void {
  if (sent?.conversationId === conversationId && sent.state === state) return;
  sent = { conversationId, state };
  // Presence is a courtesy to others: a failed send changes nothing here, and a reconnect re-sends.
  api.call('presence.set', { conversationId, state }).catch(() => undefined);
}

export function reportViewing(conversationId: number): void {
  clearTimeout(typingTimer);
  send(conversationId, 'viewing');
}

/** Called on every edit of a reply. */
export function reportTyping(conversationId: number): void {
  send(conversationId, 'typing');
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => send(conversationId, 'viewing'), TYPING_PAUSE_MS);
}

export function reportIdle(): void {
  clearTimeout(typingTimer);
  send(null, 'idle');
}

/**
 * Tells the team which conversation this agent has open: viewing while it is open and the window
 * has focus, idle when it closes or the window is left. Asks who else is there on open.
 */
export function usePresenceReport(conversationId: number | null): void {
  const epoch = useConnectionStore((s) => s.epoch);

  useEffect(() => {
    if (conversationId === null || epoch === 0) return;
    // A reconnect to the core starts from nothing: say it again.
    sent = null;
    if (document.hasFocus()) reportViewing(conversationId);
    else reportIdle();
    void usePresenceStore.getState().load(conversationId);

    const back = () => document.visibilityState === 'visible' && reportViewing(conversationId);
    const away = () => reportIdle();
    const visibility = () => (document.visibilityState === 'visible' ? back() : away());
    window.addEventListener('focus', back);
    window.addEventListener('blur', away);
    document.addEventListener('visibilitychange', visibility);
    return () => {
      window.removeEventListener('focus', back);
      window.removeEventListener('blur', away);
      document.removeEventListener('visibilitychange', visibility);
      reportIdle();
    };
  }, [conversationId, epoch]);
}
