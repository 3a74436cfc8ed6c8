import type { SearchFilters, SearchHit } from '../../../src-shared/api';
import type { ReplicaDb } from '../db/open';
import { toFtsQuery } from './fts-query';
import { buildSnippet, snippetTerms } from './snippet';

/** Newest matching messages (or notes) looked at to fill `limit` distinct conversations. */
const CANDIDATES = 400;
/**
 * With filters most candidates may be refused, so the walk goes on much further, in growing
 * chunks, still newest first and still stopping as soon as `limit` conversations are found.
 */
const FILTERED_CANDIDATES = 200_000;
const FIRST_CHUNK = 100;
const CHUNK_GROWTH = 4;

/** Filters as SQL parameters: every one bound, null meaning "any". */
export interface BoundFilters {
  channel: string | null;
  status: string | null;
  category: string | null;
  /** 1 when the assignee is constrained (then `assignee` null means unassigned). */
  assigneeSet: 0 | 1;
  assignee: number | null;
  from: number | null;
  to: number | null;
}

export function bindFilters(f: SearchFilters | undefined, me: number): BoundFilters {
  const assignee = f?.assigneeId === undefined ? null : f.assigneeId === 'me' ? me : f.assigneeId === 'unassigned' ? null : f.assigneeId;
  return {
    channel: f?.channel ?? null,
    status: f?.status ?? null,
    category: f?.category ?? null,
    assigneeSet: f?.assigneeId === undefined ? 0 : 1,
    assignee,
    from: f?.from ?? null,
    to: f?.to ?? null,
  };
}

function isFiltered(f: BoundFilters): boolean {
  return f.channel !== null || f.status !== null || f.category !== null || f.assigneeSet === 1 || f.from !== null || f.to !== null;
}

/** The conversation filters and the entry's own time window, on alias `x` (message or note). */
const FILTER_SQL = `(@channel IS NULL OR c.channel = @channel) AND (@status IS NULL OR c.status = @status)
  AND (@category IS NULL OR c.category = @category) AND (@assigneeSet = 0 OR c.assignee_id IS @assignee)
  AND (@from IS NULL OR x.created_at >= @from) AND (@to IS NULL OR x.created_at < @to)`;

interface Context {
  rowid: number;
  conversation_id: number;
  created_at: number;
  subject: string;
  channel: SearchHit['channel'];
  customer_id: number;
  name: string;
}
type Kind = 'message' | 'note';

/**
 * Full-text search over customers, notes and messages. Hits come newest first (FTS5 walks its
 * doclists in rowid order, so `ORDER BY rowid DESC LIMIT` stops early even for common words);
 * one hit per conversation, customers first. Filters are applied in SQL to each chunk of
 * candidates as the walk goes. Snippets are built only for the hits returned.
 */
export function createSearch(db: ReplicaDb) {
  const sqlite = db.$client;
  const customers = sqlite.prepare(
    `SELECT cu.id AS customer_id, cu.name, snippet(customer_fts, -1, char(2), char(3), '…', 10) AS snippet, cu.created_at AS at,
            (SELECT id FROM conversation WHERE customer_id = cu.id ORDER BY last_activity_at DESC LIMIT 1) AS conversation_id
     FROM customer_fts JOIN customer cu ON cu.id = customer_fts.rowid
     WHERE customer_fts MATCH ? ORDER BY rank LIMIT 5`,
  );
  const chunks = {
    message: sqlite.prepare('SELECT rowid FROM message_fts WHERE message_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?').pluck(),
    note: sqlite.prepare('SELECT rowid FROM note_fts WHERE note_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?').pluck(),
  };
  const contexts = {
    message: sqlite.prepare(
      `SELECT x.id AS rowid, x.conversation_id, x.created_at, c.subject, c.channel, c.customer_id, cu.name
       FROM json_each(@ids) j JOIN message x ON x.id = j.value JOIN conversation c ON c.id = x.conversation_id JOIN customer cu ON cu.id = c.customer_id
       WHERE ${FILTER_SQL} ORDER BY x.id DESC`,
    ),
    note: sqlite.prepare(
      `SELECT x.seq AS rowid, x.conversation_id, x.created_at, c.subject, c.channel, c.customer_id, cu.name
       FROM json_each(@ids) j JOIN note x ON x.seq = j.value JOIN conversation c ON c.id = x.conversation_id JOIN customer cu ON cu.id = c.customer_id
       WHERE ${FILTER_SQL} ORDER BY x.seq DESC`,
    ),
  };
  const texts = {
    message: sqlite.prepare('SELECT id, text FROM message WHERE id IN (SELECT value FROM json_each(?))'),
    note: sqlite.prepare('SELECT seq AS id, body AS text FROM note WHERE seq IN (SELECT value FROM json_each(?))'),
  };

  /** Newest-first walk over the matches of one kind, keeping the first hit of each conversation. */
  function walk(kind: Kind, match: string, limit: number, filters: BoundFilters): { kind: Kind; ctx: Context }[] {
    const cap = isFiltered(filters) ? FILTERED_CANDIDATES : CANDIDATES;
    const found: { kind: Kind; ctx: Context }[] = [];
    const conversations = new Set<number>();
    let before = Number.MAX_SAFE_INTEGER;
    let scanned = 0;
    let size = FIRST_CHUNK;
    while (conversations.size < limit && scanned < cap) {
      const want = Math.min(size, cap - scanned);
      const ids = chunks[kind].all(match, before, want) as number[];
      if (ids.length === 0) break;
      scanned += ids.length;
      before = ids[ids.length - 1]!;
      for (const ctx of contexts[kind].all({ ...filters, ids: JSON.stringify(ids) }) as Context[]) {
        if (conversations.size >= limit) break;
        if (conversations.has(ctx.conversation_id)) continue;
        conversations.add(ctx.conversation_id);
        found.push({ kind, ctx });
      }
      if (ids.length < want) break;
      size *= CHUNK_GROWTH;
    }
    return found;
  }

  return function search(q: string, limit: number, filters: BoundFilters = bindFilters(undefined, 0)): SearchHit[] {
    const match = toFtsQuery(q);
    if (!match) return [];
    const hits: SearchHit[] = [];
    // Customers have no channel, status or date of their own: a filtered search is about conversations.
    if (!isFiltered(filters)) {
      for (const c of customers.all(match) as { customer_id: number; name: string; snippet: string; at: number; conversation_id: number | null }[]) {
        hits.push({ kind: 'customer', conversationId: c.conversation_id, customerId: c.customer_id, customerName: c.name, subject: null, channel: null, snippet: c.snippet, at: c.at });
      }
    }
    const found = [...walk('note', match, limit, filters), ...walk('message', match, limit, filters)];
    found.sort((a, b) => b.ctx.created_at - a.ctx.created_at);
    const seen = new Set<number>();
    const chosen = found.filter((f) => {
      if (seen.has(f.ctx.conversation_id) || seen.size >= limit - hits.length) return false;
      seen.add(f.ctx.conversation_id);
      return true;
    });
    const terms = snippetTerms(q);
    const snippetOf = new Map<string, string>();
    for (const kind of ['message', 'note'] as const) {
      const ids = chosen.filter((f) => f.kind === kind).map((f) => f.ctx.rowid);
      if (ids.length === 0) continue;
      for (const r of texts[kind].all(JSON.stringify(ids)) as { id: number; text: string }[]) snippetOf.set(`${kind}:${r.id}`, buildSnippet(r.text, terms));
    }
    for (const f of chosen) {
      hits.push({
        kind: f.kind,
        conversationId: f.ctx.conversation_id,
        customerId: f.ctx.customer_id,
        customerName: f.ctx.name,
        subject: f.ctx.subject,
        channel: f.ctx.channel,
        snippet: snippetOf.get(`${f.kind}:${f.ctx.rowid}`) ?? '',
        at: f.ctx.created_at,
      });
    }
    return hits;
  };
}
