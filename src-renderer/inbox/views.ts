import type { InboxView } from '../../src-shared/api';
import { Category, CATEGORY_LABELS, Channel, CHANNEL_LABELS } from '../../src-shared/domain';

export interface ViewEntry {
  view: InboxView;
  label: string;
}

export interface ViewGroup {
  title: string | null;
  entries: ViewEntry[];
}

/** The sidebar's views, in display order. Counts are fetched for exactly this flat list. */
export const VIEW_GROUPS: ViewGroup[] = [
  {
    title: null,
    entries: [
      { view: { kind: 'open' }, label: 'All open' },
      { view: { kind: 'mine' }, label: 'Mine' },
      { view: { kind: 'unassigned' }, label: 'Unassigned' },
      { view: { kind: 'status', status: 'pending' }, label: 'Pending' },
      { view: { kind: 'status', status: 'snoozed' }, label: 'Snoozed' },
      { view: { kind: 'status', status: 'solved' }, label: 'Solved' },
      { view: { kind: 'status', status: 'closed' }, label: 'Closed' },
    ],
  },
  {
    title: 'SLA',
    entries: [
      { view: { kind: 'sla_at_risk' }, label: 'SLA at risk' },
      { view: { kind: 'sla_breached' }, label: 'SLA breached' },
    ],
  },
  {
    title: 'By channel',
    entries: Channel.options.map((channel) => ({ view: { kind: 'channel', channel }, label: CHANNEL_LABELS[channel] })),
  },
  {
    title: 'By category',
    entries: Category.options.map((category) => ({
      view: { kind: 'category', category },
      label: CATEGORY_LABELS[category],
    })),
  },
];

export const ALL_VIEWS: ViewEntry[] = VIEW_GROUPS.flatMap((g) => g.entries);

export const DEFAULT_VIEW: InboxView = { kind: 'open' };
