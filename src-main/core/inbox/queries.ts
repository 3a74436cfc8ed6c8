import type Database from 'better-sqlite3';
import { BULK_LIMIT, type InboxFilters, type InboxRow, type InboxSort, type InboxView, type SelectedConversation } from '../../../src-shared/api';
import type { ReplicaDb } from '../db/open';
import { SLA_AT_RISK_MS } from '../../../src-shared/domain';
import { toInboxRow, type InboxSqlRow } from '../conversations/rows';

type Param = string | number;

/**
 * Each view is a WHERE clause that matches one of the conversation indexes, so a page is an
 * index walk and a count is an index range scan. Time-based views take `now` as a parameter.
 */
function viewFilter(view: InboxView, me: number, now: number): { where: string; params: Param[] } {
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
    case 'sla_at_risk':
      // slaState() in src-shared/domain/sla.ts is the same rule for one row; a range on
      // (status, sla_first_response_due_at): first response due in the coming hour.
      return {
        where: "status IN ('open', 'pending') AND sla_first_response_due_at > ? AND sla_first_response_due_at <= ? AND first_response_at IS NULL",
        params: [now, now + SLA_AT_RISK_MS],
      };
    case 'sla_breached':
      return {
        where:
          "status IN ('open', 'pending') AND ((first_response_at IS NULL AND sla_first_response_due_at <= ?) OR (resolved_at IS NULL AND sla_resolution_due_at <= ?))",
        params: [now, now],
      };
  }
}

function filterClauses(f: InboxFilters): { where: string; params: Param[] } {
  const clauses: [string, Param[]][] = [];
  if (f.channel !== undefined) clauses.push(['channel = ?', [f.channel]]);
  if (f.category !== undefined) clauses.push(['category = ?', [f.category]]);
  if (f.priority !== undefined) clauses.push(['priority = ?', [f.priority]]);
  if (f.assigneeId === null) clauses.push(['assignee_id IS NULL', []]);
  else if (f.assigneeId !== undefined) clauses.push(['assignee_id = ?', [f.assigneeId]]);
  if (f.tag !== undefined) {
    clauses.push(['EXISTS (SELECT 1 FROM conversation_tag ct WHERE ct.conversation_id = conversation.id AND ct.tag = ?)', [f.tag.toLowerCase()]]);
  }
  return { where: clauses.map(([c]) => ` AND ${c}`).join(''), params: clauses.flatMap(([, p]) => p) };
}

/** Every conversation gets a first-response due time when it opens, so the SLA order needs no NULL handling (and stays an index walk). */
const ORDER: Record<InboxSort, { cols: string; by: (prefix: string) => string }> = {
  last_activity: { cols: 'last_activity_at', by: (p) => `${p}last_activity_at DESC, ${p}id DESC` },
  sla_due: {
    cols: 'sla_first_response_due_at',
    by: (p) => `${p}sla_first_response_due_at ASC, ${p}id ASC`,
  },
  priority: { cols: 'priority_rank, last_activity_at', by: (p) => `${p}priority_rank DESC, ${p}last_activity_at DESC, ${p}id DESC` },
};

export interface InboxQuery {
  view: InboxView;
  sort: InboxSort;
  filters: InboxFilters;
}

export function createInboxQueries(db: ReplicaDb, me: () => number, clock: () => number = Date.now) {
  const sqlite = db.$client;
  const cache = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = sqlite.prepare(sql)));
    return s;
  };

  function where(q: Pick<InboxQuery, 'view' | 'filters'>) {
    const v = viewFilter(q.view, me(), clock());
    const f = filterClauses(q.filters);
    return { where: v.where + f.where, params: [...v.params, ...f.params] };
  }

  function count(q: Pick<InboxQuery, 'view' | 'filters'>): number {
    const w = where(q);
    return prepared(`SELECT count(*) FROM conversation WHERE ${w.where}`).pluck().get(...w.params) as number;
  }

  /** Page the ids first (covering index where possible), then join the page's rows: OFFSET never pays for joins. */
  function pageSql(q: InboxQuery, w: string): string {
    const o = ORDER[q.sort];
    return `WITH page AS (SELECT id, ${o.cols} FROM conversation WHERE ${w} ORDER BY ${o.by('')} LIMIT ? OFFSET ?)
      SELECT c.id, cu.name AS customer_name, c.channel, c.subject, c.preview, c.status, c.priority, c.category,
             c.assignee_id, c.last_activity_at, c.message_count, c.sla_first_response_due_at, c.sla_resolution_due_at, c.first_response_at
      FROM page JOIN conversation c ON c.id = page.id JOIN customer cu ON cu.id = c.customer_id
      ORDER BY ${o.by('page.')}`;
  }

  return {
    list(q: InboxQuery, offset: number, limit: number): { rows: InboxRow[]; total: number } {
      const w = where(q);
      const rows = (prepared(pageSql(q, w.where)).all(...w.params, limit, offset) as InboxSqlRow[]).map(toInboxRow);
      return { rows, total: count(q) };
    },
    ids(q: InboxQuery): { items: SelectedConversation[]; total: number } {
      const w = where(q);
      const sql = `SELECT id, status, assignee_id AS assigneeId FROM conversation WHERE ${w.where} ORDER BY ${ORDER[q.sort].by('')} LIMIT ${BULK_LIMIT}`;
      return { items: prepared(sql).all(...w.params) as SelectedConversation[], total: count(q) };
    },
    count,
    /** The query plan of a page, for tests and for checking which combinations need a sort. */
    explain(q: InboxQuery): string[] {
      const w = where(q);
      return (sqlite.prepare(`EXPLAIN QUERY PLAN ${pageSql(q, w.where)}`).all(...w.params, 50, 0) as { detail: string }[]).map((r) => r.detail);
    },
  };
}
