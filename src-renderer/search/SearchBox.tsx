import { useRef, type KeyboardEvent, type RefObject } from 'react';
import type { SearchHit } from '../../src-shared/api';
import { useConversationStore } from '../conversation/conversationStore';
import { ChannelBadge } from '../shared/Badges';
import { relativeTime } from '../shared/format';
import { Highlighted } from '../shared/Highlighted';
import { useInboxStore } from '../inbox/inboxStore';
import { useMatchHighlight } from './matchHighlight';
import { SearchFilterChips } from './SearchFilterChips';
import { activeFilterCount, searchKey, useSearchStore } from './searchStore';

const KIND_LABELS: Record<SearchHit['kind'], string> = { message: 'Message', note: 'Note', customer: 'Customer' };

/** As-you-type search across messages, notes and customers; a hit opens its conversation. */
export function SearchBox({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const { query, filters, hits, answered, tookMs, error, setQuery, clear, clearFilters } = useSearchStore();
  const filterCount = activeFilterCount(filters);
  const open = useConversationStore((s) => s.open);
  const resultsRef = useRef<HTMLUListElement>(null);
  const showResults = query.trim() !== '';
  const searching = answered !== searchKey({ query, filters });

  function openHit(hit: SearchHit): void {
    if (hit.conversationId === null) return;
    useMatchHighlight.getState().set(hit.conversationId, query);
    open(hit.conversationId);
    useInboxStore.getState().selectId(hit.conversationId);
    clear();
  }

  function focusHit(index: number): void {
    const buttons = resultsRef.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)');
    if (!buttons || buttons.length === 0) return;
    buttons[Math.max(0, Math.min(index, buttons.length - 1))]?.focus();
  }

  function onResultsKey(e: KeyboardEvent<HTMLUListElement>): void {
    const buttons = Array.from(resultsRef.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? []);
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') focusHit(i + 1);
    else if (e.key === 'ArrowUp') {
      if (i <= 0) inputRef.current?.focus();
      else focusHit(i - 1);
    } else return;
    e.preventDefault();
  }

  return (
    <div className="search" role="search">
      <input
        ref={inputRef}
        type="search"
        aria-label="Search conversations"
        placeholder="Search messages, notes, customers…  ( / )"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            clear();
            e.currentTarget.blur();
          } else if (e.key === 'ArrowDown') {
            e.preventDefault();
            focusHit(0);
          } else if (e.key === 'Enter') {
            const first = hits.find((h) => h.conversationId !== null);
            if (first && !searching) openHit(first);
          }
        }}
      />
      {showResults && (
        <div className="search-results" aria-label="Search results" role="region" onKeyDown={(e) => e.key === 'Escape' && clear()}>
          <SearchFilterChips />
          <div className="search-status" aria-live="polite">
            {error
              ? `Search failed: ${error}`
              : searching
                ? 'Searching…'
                : hits.length === 0
                  ? `No results for “${query.trim()}”${filterCount > 0 ? ` with ${filterCount === 1 ? 'this filter' : `these ${filterCount} filters`}` : ''}`
                  : `${hits.length} result${hits.length === 1 ? '' : 's'} in ${Math.max(1, Math.round(tookMs ?? 0))} ms`}
            {!searching && !error && hits.length === 0 && filterCount > 0 && (
              <>
                {' '}
                <button type="button" className="link" onClick={clearFilters}>
                  Remove filters and search everything
                </button>
              </>
            )}
          </div>
          {hits.length > 0 && (
            <ul ref={resultsRef} onKeyDown={onResultsKey}>
              {hits.map((hit, i) => (
                <li key={`${hit.kind}:${hit.conversationId ?? ''}:${hit.customerId}:${i}`}>
                  <button type="button" className="search-hit" disabled={hit.conversationId === null} onClick={() => openHit(hit)}>
                    <span className="hit-line">
                      <span className={`hit-kind kind-${hit.kind}`}>{KIND_LABELS[hit.kind]}</span>
                      <span className="hit-customer">{hit.customerName}</span>
                      {hit.channel && <ChannelBadge channel={hit.channel} />}
                      <span className="hit-time">{relativeTime(hit.at)}</span>
                    </span>
                    {hit.subject && <span className="hit-subject">{hit.subject}</span>}
                    <span className="hit-snippet">
                      <Highlighted text={hit.snippet} />
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
