import { useRef } from 'react';
import { ConversationView } from '../conversation/ConversationView';
import { InboxList } from '../inbox/InboxList';
import { NotificationBell } from '../notifications/NotificationBell';
import { Sidebar } from '../inbox/Sidebar';
import { SearchBox } from '../search/SearchBox';
import { CommandDialogs } from '../commands/CommandDialogs';
import { TopbarHelp } from '../commands/TopbarHelp';
import { useConnectionStore } from '../api/connectionStore';
import { useAppInfoStore } from './appInfoStore';
import { ConnectionBanner } from './ConnectionBanner';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import { useLiveData } from './useLiveData';
import { MacroLayer } from '../macros/MacroLayer';
import { RejectionNotices } from '../sync/RejectionNotices';
import { SyncIndicator } from '../sync/SyncIndicator';

export function App() {
  const searchRef = useRef<HTMLInputElement>(null);
  const infoError = useAppInfoStore((s) => s.error);
  const unauthorized = useConnectionStore((s) => s.status === 'unauthorized');
  useLiveData();
  useKeyboardShortcuts();

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Outpost</span>
        <SearchBox inputRef={searchRef} />
        <SyncIndicator />
        <TopbarHelp />
        <NotificationBell />
      </header>
      <CommandDialogs />
      <ConnectionBanner />
      <RejectionNotices />
      {infoError && (
        <div className="banner banner-error" role="alert">
          Could not load the workspace: {infoError}
        </div>
      )}
      {unauthorized ? (
        // Nothing can load without a session: one clear instruction instead of a screen of errors.
        <main className="not-connected" aria-label="Not connected">
          <h1>This console is not connected to Outpost</h1>
          <p>
            Open it with the link printed by the core when it started, e.g. <code>http://127.0.0.1:5173/#token=…</code>
          </p>
        </main>
      ) : (
        <div className="columns">
          <Sidebar />
          <InboxList />
          <ConversationView />
        </div>
      )}
      <MacroLayer />
    </div>
  );
}
