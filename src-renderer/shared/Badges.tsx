import { CATEGORY_LABELS, CHANNEL_LABELS, type Category, type Channel, type Priority } from '../../src-shared/domain';
import { PRIORITY_LABELS } from './format';

export function ChannelBadge({ channel }: { channel: Channel }) {
  return <span className={`badge channel channel-${channel}`}>{CHANNEL_LABELS[channel]}</span>;
}

export function CategoryBadge({ category }: { category: Category }) {
  return <span className="badge category">{CATEGORY_LABELS[category]}</span>;
}

/** Low and normal priority stay quiet; only what needs attention gets a marker. */
export function PriorityMarker({ priority, always = false }: { priority: Priority; always?: boolean }) {
  if (!always && (priority === 'low' || priority === 'normal')) return null;
  return (
    <span className={`priority priority-${priority}`} title={`${PRIORITY_LABELS[priority]} priority`}>
      {PRIORITY_LABELS[priority]}
    </span>
  );
}
