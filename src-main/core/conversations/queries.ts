import { asc, desc, eq } from 'drizzle-orm';
import type { ConversationDetail } from '../../../src-shared/api';
import { ApiError } from '../../../src-shared/api';
import type { Conversation, CustomerIdentity } from '../../../src-shared/domain';
import type { ReplicaDb } from '../db/open';
import * as t from '../db/schema';
import { toConversation, toCsat, toCustomer, toInboxRow, toMessage, toNote, toOrder, type InboxSqlRow } from './rows';

const HISTORY_LIMIT = 50;

export function createConversationQueries(db: ReplicaDb) {
  const sqlite = db.$client;
  const tagsOf = sqlite.prepare('SELECT tag FROM conversation_tag WHERE conversation_id = ? ORDER BY tag').pluck();
  const history = sqlite.prepare(
    `SELECT c.id, cu.name AS customer_name, c.channel, c.subject, c.preview, c.status, c.priority, c.category,
            c.assignee_id, c.last_activity_at, c.message_count, c.sla_first_response_due_at, c.sla_resolution_due_at, c.first_response_at
     FROM conversation c JOIN customer cu ON cu.id = c.customer_id
     WHERE c.customer_id = ? AND c.id != ? ORDER BY c.last_activity_at DESC LIMIT ?`,
  );

  function getConversation(id: number): Conversation | undefined {
    const row = db.select().from(t.conversation).where(eq(t.conversation.id, id)).get();
    return row ? toConversation(row, tagsOf.all(id) as string[]) : undefined;
  }

  function getDetail(id: number): ConversationDetail {
    // One read transaction so the thread, notes and counters are from the same moment.
    return db.transaction((tx) => {
      const conversation = getConversation(id);
      if (!conversation) throw new ApiError('not_found', `conversation ${id} does not exist`);
      const customerRow = tx.select().from(t.customer).where(eq(t.customer.id, conversation.customerId)).get();
      if (!customerRow) throw new ApiError('internal', `customer ${conversation.customerId} of conversation ${id} is missing`);
      const identities = tx
        .select({ kind: t.customerIdentity.kind, value: t.customerIdentity.value })
        .from(t.customerIdentity)
        .where(eq(t.customerIdentity.customerId, customerRow.id))
        .orderBy(asc(t.customerIdentity.id))
        .all() as CustomerIdentity[];
      return {
        conversation,
        messages: tx.select().from(t.message).where(eq(t.message.conversationId, id)).orderBy(asc(t.message.createdAt), asc(t.message.id)).all().map(toMessage),
        notes: tx.select().from(t.note).where(eq(t.note.conversationId, id)).orderBy(asc(t.note.createdAt), asc(t.note.seq)).all().map(toNote),
        customer: toCustomer(customerRow, identities),
        orders: tx.select().from(t.shopOrder).where(eq(t.shopOrder.customerId, customerRow.id)).orderBy(desc(t.shopOrder.placedAt)).all().map(toOrder),
        csat: tx.select().from(t.csatRating).where(eq(t.csatRating.conversationId, id)).all().map(toCsat),
        history: (history.all(customerRow.id, id, HISTORY_LIMIT) as InboxSqlRow[]).map(toInboxRow),
      };
    });
  }

  return { getConversation, getDetail, tagsOf: (id: number) => tagsOf.all(id) as string[] };
}
