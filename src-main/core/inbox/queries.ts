import type { InboxRow, InboxView } from '../../../src-shared/api';
import type { ReplicaDb } from '../db/open';
import { toInboxRow, type InboxSqlRow } from '../conversations/rows';

/**
 * Each view is a WHERE clause that matches one of the conversation indexes, so a page is an
 * index walk in last-activity order and a count is an index range scan: never a table sort.
 */
function viewFilter(view: InboxView, me: number): { where: string; params: (string | number)[] } {
  switch (view.kind) {
    case 'open':
      return { where: "status = 'open'", params: [] };
    case 'mine':
      return { where: "assignee_id = ? AND status IN ('open', 'pending')", params: [me] };
    case 'unassigned':
      return { where: "assignee_id IS NULL AND status = 'open'", params: [] };
    case 'status':
      return { where: 'status = ?', params: [view.status] };
    case 'channel':
      return { where: "channel = ? AND status = 'open'", params: [view.channel] };
    case 'category':
      return { where: "category = ? AND status = 'open'", params: [view.category] };
  }
}

export function createInboxQueries(db: ReplicaDb, me: () => number) {
  const sqlite = db.$client;
  const cache = new Map<string, { page: import('better-sqlite3').Statement; count: import('better-sqlite3').Statement }>();

  function statements(view: InboxView) {
    const { where } = viewFilter(view, 0);
    let s = cache.get(where);
    if (!s) {
      // Page the ids first (covering index), then join the 50 rows: OFFSET never pays for joins.
      s = {
        page: sqlite.prepare(
          `WITH page AS (SELECT id, last_activity_at FROM conversation WHERE ${where} ORDER BY last_activity_at DESC, id DESC LIMIT ? OFFSET ?)
           SELECT c.id, cu.name AS customer_name, c.channel, c.subject, c.preview, c.status, c.priority, c.category,
                  c.assignee_id, c.last_activity_at, c.message_count, c.sla_first_response_due_at
           FROM page JOIN conversation c ON c.id = page.id JOIN customer cu ON cu.id = c.customer_id
           ORDER BY page.last_activity_at DESC, page.id DESC`,
        ),
        count: sqlite.prepare(`SELECT count(*) AS n FROM conversation WHERE ${where}`).pluck(),
      };
      cache.set(where, s);
    }
    return s;
  }

  return {
    list(view: InboxView, offset: number, limit: number): { rows: InboxRow[]; total: number } {
      const { params } = viewFilter(view, me());
      const s = statements(view);
      const rows = (s.page.all(...params, limit, offset) as InboxSqlRow[]).map(toInboxRow);
      const total = s.count.get(...params) as number;
      return { rows, total };
    },
    count(view: InboxView): number {
      const { params } = viewFilter(view, me());
      return statements(view).count.get(...params) as number;
    },
  };
}
