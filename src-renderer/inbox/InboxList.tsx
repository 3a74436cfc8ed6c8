import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { BULK_LIMIT, viewKey } from '../../src-shared/api';
import { api, describeError } from '../api/api';
import { BulkActionBar } from '../bulk/BulkActionBar';
import { BulkToast } from '../bulk/BulkToast';
import { useSelectionStore } from '../bulk/selectionStore';
import { useSelectionKeys } from '../bulk/useSelectionKeys';
import { useConversationStore } from '../conversation/conversationStore';
import { useNow } from '../shared/useNow';
import { listKeyOf, rowAt, useInboxStore } from './inboxStore';
import { ListControls } from './ListControls';
import { InboxRowView, SkeletonRow } from './InboxRowView';
import { useSeenStore } from './seenStore';
import { ALL_VIEWS } from './views';

const ROW_HEIGHT = 78;
/** Pages are requested once scrolling settles this long, so a fling through 100k rows fetches only where it stops. */
const FETCH_SETTLE_MS = 60;
/** Set once, when the first real rows are on screen: the UI benchmark's cold-start end point. */
export const INBOX_INTERACTIVE_MARK = 'outpost:inbox-interactive';

export function InboxList() {
  const view = useInboxStore((s) => s.view);
  const total = useInboxStore((s) => s.total);
  const pages = useInboxStore((s) => s.pages);
  const generation = useInboxStore((s) => s.generation);
  const error = useInboxStore((s) => s.error);
  const selectedIndex = useInboxStore((s) => s.selectedIndex);
  const ensureRange = useInboxStore((s) => s.ensureRange);
  const select = useInboxStore((s) => s.select);
  const selectId = useInboxStore((s) => s.selectId);
  const openId = useConversationStore((s) => s.openId);
  const open = useConversationStore((s) => s.open);
  const seen = useSeenStore((s) => s.seen);
  const now = useNow();
  const listKey = useInboxStore(listKeyOf);
  const checked = useSelectionStore((s) => s.selected);
  const toggleAt = useSelectionStore((s) => s.toggleAt);
  const extendTo = useSelectionStore((s) => s.extendTo);
  const setAll = useSelectionStore((s) => s.setAll);
  const clearSelection = useSelectionStore((s) => s.clear);
  const [selectAllError, setSelectAllError] = useState<string | null>(null);
  useSelectionKeys();
  const scrollRef = useRef<HTMLDivElement>(null);
  const label = ALL_VIEWS.find((e) => viewKey(e.view) === viewKey(view))?.label ?? 'Inbox';

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    const t = setTimeout(() => ensureRange(first, last), FETCH_SETTLE_MS);
    return () => clearTimeout(t);
  }, [first, last, generation, view, ensureRange]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    // Checked rows belong to the list they were picked in.
    clearSelection();
    setSelectAllError(null);
  }, [listKey, clearSelection]);

  async function selectAll() {
    const { view: v, sort, filters } = useInboxStore.getState();
    try {
      const { items, total: n } = await api.call('inbox.ids', { view: v, sort, filters });
      setAll(items, n);
    } catch (e) {
      setSelectAllError(describeError(e).message);
    }
  }

  useEffect(() => {
    if (openId !== null) selectId(openId);
  }, [openId, selectId]);

  useEffect(() => {
    if (total) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, total, virtualizer]);

  const activeRow = rowAt({ pages }, selectedIndex);
  const hasRows = rowAt({ pages }, 0) !== undefined;
  useEffect(() => {
    if (hasRows && performance.getEntriesByName(INBOX_INTERACTIVE_MARK).length === 0) performance.mark(INBOX_INTERACTIVE_MARK);
  }, [hasRows]);

  return (
    <section className="inbox" aria-label="Conversation list">
      <header className="inbox-header">
        <h1>{label}</h1>
        <span className="inbox-total">{total === null ? '' : `${total.toLocaleString()} conversations`}</span>
        {!!total && (
          <button type="button" className="link select-all" onClick={() => void selectAll()}>
            {total > BULK_LIMIT ? `Select the first ${BULK_LIMIT.toLocaleString()}` : `Select all ${total.toLocaleString()} in this view`}
          </button>
        )}
      </header>
      <ListControls />
      <BulkActionBar />
      {selectAllError && (
        <div className="inline-error" role="alert">
          Could not select the view: {selectAllError}
        </div>
      )}
      {error && (
        <div className="inline-error" role="alert">
          Could not load conversations: {error}
        </div>
      )}
      {total === 0 && <p className="empty-state">No conversations in this view</p>}
      {total === null && !error && <p className="loading-state">Loading conversations…</p>}
      <div
        ref={scrollRef}
        className="inbox-scroll"
        role="listbox"
        aria-label={`${label} conversations`}
        tabIndex={0}
        aria-activedescendant={activeRow ? `row-${activeRow.id}` : undefined}
        hidden={!total}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rowAt({ pages }, item.index);
            const style = { transform: `translateY(${item.start}px)`, height: item.size };
            if (!row) {
              return (
                <div key={`s${item.index}`} className="inbox-row" style={style} role="option" aria-selected={false} aria-busy="true" aria-label="Loading conversation">
                  <SkeletonRow />
                </div>
              );
            }
            const unread = row.status === 'open' && (seen[row.id] ?? 0) < row.lastActivityAt;
            return (
              <div
                key={row.id}
                id={`row-${row.id}`}
                role="option"
                aria-selected={item.index === selectedIndex}
                aria-current={row.id === openId ? 'true' : undefined}
                aria-setsize={total ?? undefined}
                aria-posinset={item.index + 1}
                aria-label={`${row.customerName}: ${row.subject}`}
                className={`inbox-row${unread ? ' unread' : ''}${row.id === openId ? ' is-open' : ''}${checked.has(row.id) ? ' is-checked' : ''}`}
                style={style}
                onClick={(e) => {
                  if (e.shiftKey) return extendTo(item.index);
                  select(item.index);
                  open(row.id);
                }}
              >
                <input
                  type="checkbox"
                  className="row-check"
                  aria-label={`Select ${row.customerName} – ${row.subject}`}
                  checked={checked.has(row.id)}
                  readOnly
                  onClick={(e) => {
                    // Checking never opens the conversation; shift extends from the last checked row.
                    e.stopPropagation();
                    if (e.shiftKey) extendTo(item.index);
                    else toggleAt(item.index);
                  }}
                />
                <InboxRowView row={row} unread={unread} now={now} />
              </div>
            );
          })}
        </div>
      </div>
      <BulkToast />
    </section>
  );
}
