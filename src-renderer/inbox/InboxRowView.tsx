import { memo } from 'react';
import type { InboxRow } from '../../src-shared/api';
import { CATEGORY_LABELS, slaState, type Category } from '../../src-shared/domain';
import { ChannelBadge, PriorityMarker } from '../shared/Badges';
import { fullDateTime, relativeTime, STATUS_LABELS } from '../shared/format';

interface Props {
  row: InboxRow;
  unread: boolean;
  now: number;
}

/** One conversation in the list: who, where, what, and what needs attention. Memoized: selecting or opening a row re-renders only the rows that change. */
export const InboxRowView = memo(function InboxRowView({ row, unread, now }: Props) {
  const sla = slaState(row, now);
  return (
    <>
      <div className="row-line">
        {unread && <span className="unread-dot" title="Unread" />}
        <span className="row-customer">{row.customerName}</span>
        <ChannelBadge channel={row.channel} />
        <PriorityMarker priority={row.priority} />
        <time className="row-time" dateTime={new Date(row.lastActivityAt).toISOString()} title={fullDateTime(row.lastActivityAt)}>
          {relativeTime(row.lastActivityAt, now)}
        </time>
      </div>
      <div className="row-subject">{row.subject}</div>
      <div className="row-line row-meta">
        <span className="row-preview">{row.preview}</span>
        {sla === 'breached' && <span className="sla-overdue">SLA breached</span>}
        {sla === 'at_risk' && <span className="sla-at-risk">SLA at risk</span>}
        {row.status !== 'open' && <span className={`row-status status-${row.status}`}>{STATUS_LABELS[row.status]}</span>}
        <span className="row-category" title={CATEGORY_LABELS[row.category]}>
          {shortCategory(row.category)}
        </span>
      </div>
    </>
  );
});

export function SkeletonRow() {
  return (
    <div className="skeleton" aria-hidden="true">
      <span className="skeleton-bar w40" />
      <span className="skeleton-bar w70" />
      <span className="skeleton-bar w90" />
    </div>
  );
}

/** Rows are narrow: "Shipping status (WISMO)" reads as "Shipping status" there; the full label is the tooltip. */
function shortCategory(category: Category): string {
  return CATEGORY_LABELS[category].replace(/\s*\(.*\)$/, '');
}
