import type { CsatRating, Customer, CustomerIdentity, Order } from '../../../src-shared/domain';
import type { InboxRow } from '../../../src-shared/api';
import type * as schema from '../db/schema';

/** Row → domain mappers for what only the replica reads; the synced ones are in src-shared/sync/row-mappers. */
export { toConversation, toMessage, toNote } from '../../../src-shared/sync/row-mappers';

/** Raw SQL rows for inbox lists use snake_case column names. */
export interface InboxSqlRow {
  id: number;
  customer_name: string;
  channel: string;
  subject: string;
  preview: string;
  status: string;
  priority: string;
  category: string;
  assignee_id: number | null;
  last_activity_at: number;
  message_count: number;
  sla_first_response_due_at: number | null;
  sla_resolution_due_at: number | null;
  first_response_at: number | null;
}

export function toInboxRow(r: InboxSqlRow): InboxRow {
  return {
    id: r.id,
    customerName: r.customer_name,
    channel: r.channel as InboxRow['channel'],
    subject: r.subject,
    preview: r.preview,
    status: r.status as InboxRow['status'],
    priority: r.priority as InboxRow['priority'],
    category: r.category as InboxRow['category'],
    assigneeId: r.assignee_id,
    lastActivityAt: r.last_activity_at,
    messageCount: r.message_count,
    slaFirstResponseDueAt: r.sla_first_response_due_at,
    slaResolutionDueAt: r.sla_resolution_due_at,
    firstResponseAt: r.first_response_at,
  };
}



export function toCustomer(r: typeof schema.customer.$inferSelect, identities: CustomerIdentity[]): Customer {
  return { id: r.id, name: r.name, identities, createdAt: r.createdAt };
}

export function toOrder(r: typeof schema.shopOrder.$inferSelect): Order {
  return {
    id: r.id,
    customerId: r.customerId,
    number: r.number,
    placedAt: r.placedAt,
    status: r.status as Order['status'],
    financialStatus: r.financialStatus as Order['financialStatus'],
    fulfillmentStatus: r.fulfillmentStatus as Order['fulfillmentStatus'],
    currency: r.currency,
    totalCents: r.totalCents,
    items: JSON.parse(r.itemsJson) as Order['items'],
    shipments: JSON.parse(r.shipmentsJson) as Order['shipments'],
    returns: JSON.parse(r.returnsJson) as Order['returns'],
    refunds: JSON.parse(r.refundsJson) as Order['refunds'],
  };
}

export function toCsat(r: typeof schema.csatRating.$inferSelect): CsatRating {
  return { id: r.id, conversationId: r.conversationId, score: r.score, comment: r.comment, createdAt: r.createdAt };
}
