/**
 * What the hub stores and syncs: one row per entity, in the replica's column shape (camelCase,
 * JSON columns as text). The replica's schema is checked against these types at compile time
 * (src-main/core/db/sync-rows-check.ts), so a column added on one side and not the other fails
 * the build. Columns that are local to a desktop (conversation.version, note.seq,
 * notification.readAt, the generated priority_rank) are not part of the synced row.
 */

export interface WorkspaceRow { id: number; name: string; timezone: string; createdAt: number }
export interface AgentRow { id: number; name: string; email: string; role: 'agent' | 'onboarding' | 'supervisor' | 'admin'; createdAt: number }
export interface CustomerRow { id: number; name: string; createdAt: number }
export interface CustomerIdentityRow { id: number; customerId: number; kind: string; value: string }
export interface ConversationRow {
  id: number;
  customerId: number;
  channel: string;
  subject: string;
  status: string;
  priority: string;
  category: string;
  assigneeId: number | null;
  snoozedUntil: number | null;
  slaFirstResponseDueAt: number | null;
  slaResolutionDueAt: number | null;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  createdAt: number;
  lastActivityAt: number;
  messageCount: number;
  preview: string;
  mergedIntoId: number | null;
  snoozedUntilReply: boolean;
}
export interface ConversationTagRow { conversationId: number; tag: string }
export interface MessageRow {
  id: number;
  conversationId: number;
  direction: string;
  channel: string;
  authorAgentId: number | null;
  text: string;
  html: string | null;
  attachmentsJson: string;
  externalId: string | null;
  deliveryStatus: string;
  createdAt: number;
  /** Inbound email: which threading rule placed it and on what evidence (and whether it was an auto-reply or bounce). Null otherwise. */
  threadReason: string | null;
  /** Failed outbound email: the receiving server's reason. Null otherwise. */
  deliveryError: string | null;
  /** Inbound automated mail: 'auto-reply' or 'bounce'; null for mail a person wrote. */
  autoKind: string | null;
  /** Email: the mailbox copy's IMAP flags as a JSON array; null when not from a mailbox. */
  mailboxFlagsJson: string | null;
  /** Email: when the mailbox copy was deleted from every synced folder; the message stays. */
  mailboxRemovedAt: number | null;
}
export interface NoteRow { id: string; conversationId: number; authorId: number; kind: string; body: string; mentionsJson: string; createdAt: number }
export interface MacroRow { id: number; name: string; body: string; actionsJson: string; scope: string; ownerId: number | null; usageCount: number }
export interface ShopOrderRow {
  id: number;
  customerId: number;
  number: string;
  placedAt: number;
  status: string;
  financialStatus: string;
  fulfillmentStatus: string;
  currency: string;
  totalCents: number;
  itemsJson: string;
  shipmentsJson: string;
  returnsJson: string;
  refundsJson: string;
}
export interface CsatRatingRow { id: number; conversationId: number; score: number; comment: string | null; createdAt: number }
export interface QaReviewRow { id: number; conversationId: number; reviewerId: number; agentId: number; scoresJson: string; comment: string | null; createdAt: number }
export interface NotificationRow {
  id: number;
  agentId: number;
  kind: 'mention' | 'assignment' | 'reply';
  conversationId: number;
  actorId: number | null;
  noteId: string | null;
  messageId: number | null;
  createdAt: number;
}

/** Entity kind → its row. The kind is also the replica's table name. */
export interface SyncedRows {
  workspace: WorkspaceRow;
  agent: AgentRow;
  customer: CustomerRow;
  customer_identity: CustomerIdentityRow;
  conversation: ConversationRow;
  conversation_tag: ConversationTagRow;
  message: MessageRow;
  note: NoteRow;
  macro: MacroRow;
  shop_order: ShopOrderRow;
  csat_rating: CsatRatingRow;
  qa_review: QaReviewRow;
  notification: NotificationRow;
}
export type EntityKind = keyof SyncedRows;

/** In dependency order: a replica applying a page in this order never breaks a foreign key. */
export const ENTITY_KINDS = [
  'workspace',
  'agent',
  'customer',
  'customer_identity',
  'conversation',
  'conversation_tag',
  'message',
  'note',
  'macro',
  'shop_order',
  'csat_rating',
  'qa_review',
  'notification',
] as const satisfies readonly EntityKind[];

/** One stored entity: its key, the row it hangs off (for listing children) and who may read it. */
export interface Entity<K extends EntityKind = EntityKind> {
  kind: K;
  id: string;
  /** The conversation a message, note, tag, rating or review belongs to; the customer of an identity or order. */
  parent: string | null;
  /** null: every agent of the workspace. A number: only that agent (and, for QA reviews, supervisors and admins). */
  audience: number | null;
  data: SyncedRows[K];
}

/** The entity's id as stored: the row's primary key as text (composite keys joined by ':'). */
export function entityId<K extends EntityKind>(kind: K, row: SyncedRows[K]): string {
  if (kind === 'conversation_tag') {
    const r = row as ConversationTagRow;
    return `${r.conversationId}:${r.tag}`;
  }
  return String((row as { id: number | string }).id);
}

export function toEntity<K extends EntityKind>(kind: K, row: SyncedRows[K]): Entity<K> {
  const r = row as unknown as Record<string, unknown>;
  const parent =
    kind === 'customer_identity' || kind === 'shop_order'
      ? String(r.customerId)
      : 'conversationId' in r && kind !== 'notification'
        ? String(r.conversationId)
        : null;
  const audience = kind === 'notification' ? (r.agentId as number) : kind === 'qa_review' ? (r.agentId as number) : null;
  return { kind, id: entityId(kind, row), parent, audience, data: row };
}
