import { useState } from 'react';
import { InboxSort, type InboxFilters } from '../../src-shared/api';
import { Category, CATEGORY_LABELS, Channel, CHANNEL_LABELS, Priority } from '../../src-shared/domain';
import { useAppInfoStore } from '../app/appInfoStore';
import { PRIORITY_LABELS } from '../shared/format';
import { useInboxStore } from './inboxStore';

const SORT_LABELS: Record<InboxSort, string> = { last_activity: 'Last activity', sla_due: 'SLA due', priority: 'Priority' };
const TAG_OPTION = 'tag';

/** Sort menu and filter chips of the current view; both are remembered per view. */
export function ListControls() {
  const sort = useInboxStore((s) => s.sort);
  const filters = useInboxStore((s) => s.filters);
  const setSort = useInboxStore((s) => s.setSort);
  const setFilters = useInboxStore((s) => s.setFilters);
  const agents = useAppInfoStore((s) => s.info)?.agents ?? [];
  const [tagDraft, setTagDraft] = useState<string | null>(null);

  const agentName = (id: number | null) => (id === null ? 'Unassigned' : (agents.find((a) => a.id === id)?.name ?? `#${id}`));
  const chips: { key: keyof InboxFilters; label: string }[] = [];
  if (filters.channel) chips.push({ key: 'channel', label: `Channel: ${CHANNEL_LABELS[filters.channel]}` });
  if (filters.category) chips.push({ key: 'category', label: `Category: ${CATEGORY_LABELS[filters.category]}` });
  if (filters.priority) chips.push({ key: 'priority', label: `Priority: ${PRIORITY_LABELS[filters.priority]}` });
  if (filters.assigneeId !== undefined) chips.push({ key: 'assigneeId', label: `Assignee: ${agentName(filters.assigneeId)}` });
  if (filters.tag) chips.push({ key: 'tag', label: `Tag: ${filters.tag}` });

  function addFilter(value: string) {
    const [kind, v = ''] = value.split(':');
    if (kind === TAG_OPTION) return setTagDraft('');
    if (kind === 'channel') setFilters({ ...filters, channel: Channel.parse(v) });
    if (kind === 'category') setFilters({ ...filters, category: Category.parse(v) });
    if (kind === 'priority') setFilters({ ...filters, priority: Priority.parse(v) });
    if (kind === 'assignee') setFilters({ ...filters, assigneeId: v === 'none' ? null : Number(v) });
  }

  function removeFilter(key: keyof InboxFilters) {
    const next = { ...filters };
    delete next[key];
    setFilters(next);
  }

  return (
    <div className="list-controls">
      <label className="sort-control">
        <span className="field-label">Sort</span>
        <select aria-label="Sort by" value={sort} onChange={(e) => setSort(InboxSort.parse(e.target.value))}>
          {InboxSort.options.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <select aria-label="Add filter" value="" onChange={(e) => addFilter(e.target.value)}>
        <option value="" disabled>
          + Filter
        </option>
        <optgroup label="Channel">
          {Channel.options.map((c) => (
            <option key={c} value={`channel:${c}`}>
              {CHANNEL_LABELS[c]}
            </option>
          ))}
        </optgroup>
        <optgroup label="Category">
          {Category.options.map((c) => (
            <option key={c} value={`category:${c}`}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </optgroup>
        <optgroup label="Priority">
          {Priority.options.map((p) => (
            <option key={p} value={`priority:${p}`}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </optgroup>
        <optgroup label="Assignee">
          <option value="assignee:none">Unassigned</option>
          {agents.map((a) => (
            <option key={a.id} value={`assignee:${a.id}`}>
              {a.name}
            </option>
          ))}
        </optgroup>
        <option value={TAG_OPTION}>Tag…</option>
      </select>
      {tagDraft !== null && (
        <form
          className="tag-filter-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (tagDraft.trim()) setFilters({ ...filters, tag: tagDraft.trim().toLowerCase() });
            setTagDraft(null);
          }}
        >
          <input aria-label="Filter by tag" autoFocus value={tagDraft} maxLength={64} onChange={(e) => setTagDraft(e.target.value)} onBlur={() => !tagDraft.trim() && setTagDraft(null)} />
        </form>
      )}
      {chips.map((c) => (
        <button key={c.key} type="button" className="filter-chip" aria-label={`Remove filter ${c.label}`} onClick={() => removeFilter(c.key)}>
          {c.label} <span aria-hidden="true">✕</span>
        </button>
      ))}
    </div>
  );
}
