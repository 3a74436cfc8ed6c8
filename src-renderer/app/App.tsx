import { useRef } from 'react';
import { ConversationView } from '../conversation/ConversationView';
import { InboxList } from '../inbox/InboxList';
import { Sidebar } from '../inbox/Sidebar';
import { SearchBox } from '../search/SearchBox';
import { useAppInfoStore } from './appInfoStore';
import { ConnectionBanner } from './ConnectionBanner';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import { useLiveData } from './useLiveData';

export function App() {
  const searchRef = useRef<HTMLInputElement>(null);
  const infoError = useAppInfoStore((s) => s.error);
  useLiveData();
  useKeyboardShortcuts(searchRef);

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Outpost</span>
        <SearchBox inputRef={searchRef} />
      </header>
      <ConnectionBanner />
      {infoError && (
        <div className="banner banner-error" role="alert">
          Could not load the workspace: {infoError}
        </div>
      )}
      <div className="columns">
        <Sidebar />
        <InboxList />
        <ConversationView />
      </div>
    </div>
  );
}
