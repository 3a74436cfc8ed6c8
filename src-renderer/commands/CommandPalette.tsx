import { useEffect, useMemo, useState } from 'react';
import type { SearchHit } from '../../src-shared/api';
import { api } from '../api/api';
import { useConversationStore } from '../conversation/conversationStore';
import { useInboxStore } from '../inbox/inboxStore';
import { COMMANDS, isAvailable } from './commands';
import { Dialog } from '../shared/Dialog';
import { useDialogStore } from './dialogStore';
import { fuzzyScore } from './fuzzy';
import { Keys } from './Keys';

const SEARCH_DEBOUNCE_MS = 120;
const MAX_CONVERSATIONS = 6;

interface Item {
  key: string;
  title: string;
  detail: string | null;
  keys: string | null;
  run(): void;
}

/** Conversations whose subject or customer match, found through the same search as the search box. */
function useConversationMatches(query: string): SearchHit[] {
  const [hits, setHits] = useState<SearchHit[]>([]);
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setHits([]);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      api
        .call('search.query', { q, limit: MAX_CONVERSATIONS })
        .then((r) => live && setHits(r.hits.filter((h) => h.conversationId !== null)))
        .catch(() => live && setHits([]));
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [query]);
  return hits;
}

function goToConversation(id: number): void {
  useConversationStore.getState().open(id);
  useInboxStore.getState().selectId(id);
}

/** Ctrl/Cmd+K: run any command or jump to a conversation by subject or customer. */
export function CommandPalette() {
  const close = useDialogStore((s) => s.close);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const hits = useConversationMatches(query);

  const items = useMemo<Item[]>(() => {
    const commands = COMMANDS.filter((c) => !c.keyOnly && c.id !== 'palette.open' && isAvailable(c))
      .map((c) => ({ c, score: fuzzyScore(query, c.title) }))
      .filter((x): x is { c: (typeof COMMANDS)[number]; score: number } => x.score !== null)
      .sort((a, b) => b.score - a.score)
      .map(({ c }) => ({ key: c.id, title: c.title, detail: c.section, keys: c.keys?.[0] ?? null, run: () => void c.run() }));
    const seen = new Set<number>();
    const conversations = hits
      .filter((h) => !seen.has(h.conversationId!) && seen.add(h.conversationId!))
      .map((h) => ({
        key: `conversation:${h.conversationId}`,
        title: `Go to: ${h.subject ?? h.customerName}`,
        detail: h.customerName,
        keys: null,
        run: () => goToConversation(h.conversationId!),
      }));
    return [...commands, ...conversations];
  }, [query, hits]);

  const current = Math.min(active, Math.max(items.length - 1, 0));

  function choose(item: Item | undefined): void {
    if (!item) return;
    close();
    item.run();
  }

  return (
    <Dialog label="Command palette" onClose={close} className="palette">
      <input
        className="palette-input"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={items[current] ? `palette-${items[current].key}` : undefined}
        aria-label="Type a command or a conversation"
        placeholder="Type a command, a subject or a customer…"
        autoFocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((current + 1) % Math.max(items.length, 1));
          else if (e.key === 'ArrowUp') setActive((current - 1 + items.length) % Math.max(items.length, 1));
          else if (e.key === 'Enter') choose(items[current]);
          else return;
          e.preventDefault();
        }}
      />
      <ul id="palette-list" role="listbox" aria-label="Commands and conversations" className="palette-list">
        {items.map((item, i) => (
          <li
            key={item.key}
            id={`palette-${item.key}`}
            role="option"
            aria-selected={i === current}
            className="palette-item"
            onMouseMove={() => setActive(i)}
            onClick={() => choose(item)}
          >
            <span className="palette-title">{item.title}</span>
            {item.detail && <span className="palette-detail">{item.detail}</span>}
            {item.keys && <Keys keys={item.keys} />}
          </li>
        ))}
        {items.length === 0 && <li className="palette-empty">No command or conversation matches “{query.trim()}”</li>}
      </ul>
    </Dialog>
  );
}
