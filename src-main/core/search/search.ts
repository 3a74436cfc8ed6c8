import type { SearchHit } from '../../../src-shared/api';
import type { ReplicaDb } from '../db/open';
import { toFtsQuery } from './fts-query';
import { buildSnippet, snippetTerms } from './snippet';

const CANDIDATES = 400; // newest matching messages looked at to fill `limit` distinct conversations

/**
 * Full-text search over customers, notes and messages. Hits come newest first (FTS5 walks its
 * doclists in rowid order, so `ORDER BY rowid DESC LIMIT` stops early even for common words);
 * one hit per conversation, customers first. Snippets are built only for the hits returned.
 */
export function createSearch(db: ReplicaDb) {
  const sqlite = db.$client;
  const customers = sqlite.prepare(
    `SELECT cu.id AS customer_id, cu.name, snippet(customer_fts, -1, char(2), char(3), '…', 10) AS snippet, cu.created_at AS at,
            (SELECT id FROM conversation WHERE customer_id = cu.id ORDER BY last_activity_at DESC LIMIT 1) AS conversation_id
     FROM customer_fts JOIN customer cu ON cu.id = customer_fts.rowid
     WHERE customer_fts MATCH ? ORDER BY rank LIMIT 5`,
  );
  const messageIds = sqlite.prepare('SELECT rowid FROM message_fts WHERE message_fts MATCH ? ORDER BY rowid DESC LIMIT ?').pluck();
  const noteSeqs = sqlite.prepare('SELECT rowid FROM note_fts WHERE note_fts MATCH ? ORDER BY rowid DESC LIMIT ?').pluck();
  const texts = {
    message: sqlite.prepare('SELECT id, text FROM message WHERE id IN (SELECT value FROM json_each(?))'),
    note: sqlite.prepare('SELECT seq AS id, body AS text FROM note WHERE seq IN (SELECT value FROM json_each(?))'),
  };
  const messageContext = sqlite.prepare(
    `SELECT m.conversation_id, m.created_at, c.subject, c.channel, c.customer_id, cu.name
     FROM message m JOIN conversation c ON c.id = m.conversation_id JOIN customer cu ON cu.id = c.customer_id WHERE m.id = ?`,
  );
  const noteContext = sqlite.prepare(
    `SELECT n.conversation_id, n.created_at, c.subject, c.channel, c.customer_id, cu.name
     FROM note n JOIN conversation c ON c.id = n.conversation_id JOIN customer cu ON cu.id = c.customer_id WHERE n.seq = ?`,
  );

  interface Context {
    conversation_id: number;
    created_at: number;
    subject: string;
    channel: SearchHit['channel'];
    customer_id: number;
    name: string;
  }

  return function search(q: string, limit: number): SearchHit[] {
    const match = toFtsQuery(q);
    if (!match) return [];
    const hits: SearchHit[] = [];
    const seen = new Set<number>();
    for (const c of customers.all(match) as { customer_id: number; name: string; snippet: string; at: number; conversation_id: number | null }[]) {
      hits.push({ kind: 'customer', conversationId: c.conversation_id, customerId: c.customer_id, customerName: c.name, subject: null, channel: null, snippet: c.snippet, at: c.at });
    }
    const found: { kind: 'message' | 'note'; rowid: number; ctx: Context }[] = [];
    for (const seq of noteSeqs.all(match, limit) as number[]) {
      const ctx = noteContext.get(seq) as Context | undefined;
      if (ctx) found.push({ kind: 'note', rowid: seq, ctx });
    }
    const conversations = new Set<number>();
    for (const id of messageIds.all(match, CANDIDATES) as number[]) {
      if (conversations.size >= limit) break;
      const ctx = messageContext.get(id) as Context | undefined;
      if (!ctx || conversations.has(ctx.conversation_id)) continue;
      conversations.add(ctx.conversation_id);
      found.push({ kind: 'message', rowid: id, ctx });
    }
    found.sort((a, b) => b.ctx.created_at - a.ctx.created_at);
    const chosen = found.filter((f) => {
      if (seen.has(f.ctx.conversation_id) || seen.size >= limit - hits.length) return false;
      seen.add(f.ctx.conversation_id);
      return true;
    });
    const terms = snippetTerms(q);
    const snippetOf = new Map<string, string>();
    for (const kind of ['message', 'note'] as const) {
      const ids = chosen.filter((f) => f.kind === kind).map((f) => f.rowid);
      if (ids.length === 0) continue;
      for (const r of texts[kind].all(JSON.stringify(ids)) as { id: number; text: string }[]) snippetOf.set(`${kind}:${r.id}`, buildSnippet(r.text, terms));
    }
    for (const f of chosen) {
      const snippet = snippetOf.get(`${f.kind}:${f.rowid}`) ?? '';
      hits.push({
        kind: f.kind,
        conversationId: f.ctx.conversation_id,
        customerId: f.ctx.customer_id,
        customerName: f.ctx.name,
        subject: f.ctx.subject,
        channel: f.ctx.channel,
        snippet,
        at: f.ctx.created_at,
      });
    }
    return hits;
  };
}
