import { viewKey } from '../../src-shared/api';
import { useAppInfoStore } from '../app/appInfoStore';
import { initials } from '../shared/format';
import { ManageMacrosLink } from '../macros/MacroButtons';
import { useCountsStore } from './countsStore';
import { useInboxStore } from './inboxStore';
import { VIEW_GROUPS } from './views';

export function Sidebar() {
  const info = useAppInfoStore((s) => s.info);
  const counts = useCountsStore((s) => s.counts);
  const current = useInboxStore((s) => viewKey(s.view));
  const setView = useInboxStore((s) => s.setView);

  return (
    <nav className="sidebar" aria-label="Views">
      <div className="workspace">
        <div className="workspace-name">{info?.workspace.name ?? 'Outpost'}</div>
        {info && (
          <div className="me" title={info.me.email}>
            <span className="avatar" aria-hidden="true">
              {initials(info.me.name)}
            </span>
            {info.me.name}
          </div>
        )}
      </div>
      {VIEW_GROUPS.map((group, gi) => (
        <section key={group.title ?? gi} className="view-group" aria-label={group.title ?? 'Inbox'}>
          {group.title && <h2 className="view-group-title">{group.title}</h2>}
          <ul>
            {group.entries.map((entry) => {
              const key = viewKey(entry.view);
              const count = counts[key];
              return (
                <li key={key}>
                  <button
                    type="button"
                    className="view-link"
                    aria-current={key === current ? 'page' : undefined}
                    onClick={() => setView(entry.view)}
                  >
                    <span className="view-label">{entry.label}</span>
                    <span className="view-count">
                      {count === undefined ? '' : count.toLocaleString()}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      <ManageMacrosLink />
    </nav>
  );
}
