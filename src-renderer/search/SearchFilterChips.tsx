import type { ReactNode } from 'react';
import { Category, CATEGORY_LABELS, Channel, CHANNEL_LABELS, ConversationStatus } from '../../src-shared/domain';
import { useAppInfoStore } from '../app/appInfoStore';
import { STATUS_LABELS } from '../shared/format';
import { activeFilterCount, DATE_RANGES, useSearchStore, type DateRange, type FilterChoice } from './searchStore';

const RANGE_LABELS: Record<DateRange, string> = { any: 'Any time', '7d': 'Last 7 days', '30d': 'Last 30 days', '1y': 'Last year' };
const ANY = '';

/** One filter as a chip: a native select, so it is keyboard- and screen-reader-friendly as is. */
function Chip({ label, value, onChange, children }: { label: string; value: string; onChange(v: string): void; children: ReactNode }) {
  return (
    <label className={`filter-chip${value === ANY || value === 'any' ? '' : ' active'}`}>
      <span className="filter-chip-label">{label}</span>
      <select aria-label={`${label} filter`} value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </label>
  );
}

function parseAssignee(v: string): FilterChoice['assigneeId'] {
  return v === ANY ? undefined : v === 'me' || v === 'unassigned' ? v : Number(v);
}

/** Channel, status, category, assignee and date filters under the search box. */
export function SearchFilterChips() {
  const filters = useSearchStore((s) => s.filters);
  const setFilters = useSearchStore((s) => s.setFilters);
  const clearFilters = useSearchStore((s) => s.clearFilters);
  const info = useAppInfoStore((s) => s.info);
  const others = info?.agents.filter((a) => a.id !== info.me.id) ?? [];

  return (
    <div className="filter-chips" role="group" aria-label="Search filters">
      <Chip label="Channel" value={filters.channel ?? ANY} onChange={(v) => setFilters({ channel: v === ANY ? undefined : Channel.parse(v) })}>
        <option value={ANY}>Any</option>
        {Channel.options.map((c) => (
          <option key={c} value={c}>
            {CHANNEL_LABELS[c]}
          </option>
        ))}
      </Chip>
      <Chip label="Status" value={filters.status ?? ANY} onChange={(v) => setFilters({ status: v === ANY ? undefined : ConversationStatus.parse(v) })}>
        <option value={ANY}>Any</option>
        {ConversationStatus.options.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </Chip>
      <Chip label="Category" value={filters.category ?? ANY} onChange={(v) => setFilters({ category: v === ANY ? undefined : Category.parse(v) })}>
        <option value={ANY}>Any</option>
        {Category.options.map((c) => (
          <option key={c} value={c}>
            {CATEGORY_LABELS[c]}
          </option>
        ))}
      </Chip>
      <Chip label="Assignee" value={filters.assigneeId === undefined ? ANY : String(filters.assigneeId)} onChange={(v) => setFilters({ assigneeId: parseAssignee(v) })}>
        <option value={ANY}>Anyone</option>
        <option value="me">Me</option>
        <option value="unassigned">Unassigned</option>
        {others.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </Chip>
      <Chip label="Date" value={filters.range} onChange={(v) => setFilters({ range: v as DateRange })}>
        {(Object.keys(DATE_RANGES) as DateRange[]).map((r) => (
          <option key={r} value={r}>
            {RANGE_LABELS[r]}
          </option>
        ))}
      </Chip>
      {activeFilterCount(filters) > 0 && (
        <button type="button" className="link filter-clear" onClick={clearFilters}>
          Clear filters
        </button>
      )}
    </div>
  );
}
