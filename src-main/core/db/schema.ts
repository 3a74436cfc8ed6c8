import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The local replica. Ids and versions are SQLite INTEGER (64-bit). JSON columns hold data the
 * shop owns (order lines, shipments) that we read whole and never query inside.
 * Full-text tables and their triggers live in a hand-written migration (drizzle cannot express FTS5).
 */

export const workspace = sqliteTable('workspace', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const agent = sqliteTable('agent', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  role: text('role', { enum: ['agent', 'onboarding', 'supervisor', 'admin'] }).notNull(),
  createdAt: integer('created_at').notNull(),
});

/** Which agent this desktop acts as. One row. */
export const localSession = sqliteTable('local_session', {
  id: integer('id').primaryKey(),
  agentId: integer('agent_id').notNull().references(() => agent.id),
  clientId: text('client_id').notNull(),
});

export const customer = sqliteTable('customer', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const customerIdentity = sqliteTable(
  'customer_identity',
  {
    id: integer('id').primaryKey(),
    customerId: integer('customer_id').notNull().references(() => customer.id),
    kind: text('kind').notNull(),
    /** Normalized with normalizeIdentity() so lookups across channels match. */
    value: text('value').notNull(),
  },
  (t) => [uniqueIndex('customer_identity_kind_value').on(t.kind, t.value), index('customer_identity_customer').on(t.customerId)],
);

export const conversation = sqliteTable(
  'conversation',
  {
    id: integer('id').primaryKey(),
    customerId: integer('customer_id').notNull().references(() => customer.id),
    channel: text('channel').notNull(),
    subject: text('subject').notNull(),
    status: text('status').notNull(),
    priority: text('priority').notNull(),
    category: text('category').notNull(),
    assigneeId: integer('assignee_id').references(() => agent.id),
    snoozedUntil: integer('snoozed_until'),
    slaFirstResponseDueAt: integer('sla_first_response_due_at'),
    slaResolutionDueAt: integer('sla_resolution_due_at'),
    firstResponseAt: integer('first_response_at'),
    resolvedAt: integer('resolved_at'),
    createdAt: integer('created_at').notNull(),
    lastActivityAt: integer('last_activity_at').notNull(),
    messageCount: integer('message_count').notNull().default(0),
    preview: text('preview').notNull().default(''),
    /** Bumped on every local change; the sync protocol compares it. */
    version: integer('version').notNull().default(1),
    /** Set when this conversation was merged into another; it is then closed and kept for the record. */
    mergedIntoId: integer('merged_into_id'),
    /** Snoozed until the customer writes again (as well as, or instead of, until a time). */
    snoozedUntilReply: integer('snoozed_until_reply', { mode: 'boolean' }).notNull().default(false),
    /** urgent 3, high 2, normal 1, low 0: a number so "sort by priority" can walk an index. */
    priorityRank: integer('priority_rank').generatedAlwaysAs(
      sql`CASE priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END`,
      { mode: 'virtual' },
    ),
  },
  // One index per inbox view shape so each page is a short index walk, never a sort.
  (t) => [
    index('conversation_status_activity').on(t.status, t.lastActivityAt),
    index('conversation_assignee_status_activity').on(t.assigneeId, t.status, t.lastActivityAt),
    index('conversation_channel_status_activity').on(t.channel, t.status, t.lastActivityAt),
    index('conversation_category_status_activity').on(t.category, t.status, t.lastActivityAt),
    index('conversation_customer').on(t.customerId, t.lastActivityAt),
    index('conversation_status_sla').on(t.status, t.slaFirstResponseDueAt),
    index('conversation_status_priority_activity').on(t.status, t.priorityRank, t.lastActivityAt),
  ],
);

export const conversationTag = sqliteTable(
  'conversation_tag',
  {
    conversationId: integer('conversation_id').notNull().references(() => conversation.id),
    tag: text('tag').notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.tag] }), index('conversation_tag_tag').on(t.tag)],
);

export const message = sqliteTable(
  'message',
  {
    id: integer('id').primaryKey(),
    conversationId: integer('conversation_id').notNull().references(() => conversation.id),
    direction: text('direction').notNull(),
    channel: text('channel').notNull(),
    authorAgentId: integer('author_agent_id').references(() => agent.id),
    text: text('text').notNull(),
    html: text('html'),
    attachmentsJson: text('attachments_json').notNull().default('[]'),
    externalId: text('external_id'),
    deliveryStatus: text('delivery_status').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('message_conversation').on(t.conversationId, t.createdAt), index('message_external').on(t.externalId)],
);

/** Attachment bodies, stored once per content hash however many messages carry them. */
export const attachmentBlob = sqliteTable('attachment_blob', {
  contentHash: text('content_hash').primaryKey(),
  size: integer('size').notNull(),
  mimeType: text('mime_type').notNull(),
  path: text('path').notNull(),
});

export const note = sqliteTable(
  'note',
  {
    /** Client-made UUID: notes are append-only and must not collide across desktops. */
    id: text('id').primaryKey(),
    /** Integer alias for the full-text index, which needs integer rowids. */
    seq: integer('seq').notNull().unique(),
    conversationId: integer('conversation_id').notNull().references(() => conversation.id),
    authorId: integer('author_id').notNull().references(() => agent.id),
    kind: text('kind').notNull(),
    body: text('body').notNull(),
    mentionsJson: text('mentions_json').notNull().default('[]'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('note_conversation').on(t.conversationId, t.createdAt)],
);

export const macro = sqliteTable('macro', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  body: text('body').notNull(),
  actionsJson: text('actions_json').notNull().default('[]'),
  scope: text('scope').notNull(),
  ownerId: integer('owner_id').references(() => agent.id),
  usageCount: integer('usage_count').notNull().default(0),
});

export const shopOrder = sqliteTable(
  'shop_order',
  {
    id: integer('id').primaryKey(),
    customerId: integer('customer_id').notNull().references(() => customer.id),
    number: text('number').notNull().unique(),
    placedAt: integer('placed_at').notNull(),
    status: text('status').notNull(),
    financialStatus: text('financial_status').notNull(),
    fulfillmentStatus: text('fulfillment_status').notNull(),
    currency: text('currency').notNull(),
    totalCents: integer('total_cents').notNull(),
    itemsJson: text('items_json').notNull(),
    shipmentsJson: text('shipments_json').notNull().default('[]'),
    returnsJson: text('returns_json').notNull().default('[]'),
    refundsJson: text('refunds_json').notNull().default('[]'),
  },
  (t) => [index('shop_order_customer').on(t.customerId, t.placedAt)],
);

export const csatRating = sqliteTable(
  'csat_rating',
  {
    id: integer('id').primaryKey(),
    conversationId: integer('conversation_id').notNull().references(() => conversation.id),
    score: integer('score').notNull(),
    comment: text('comment'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('csat_conversation').on(t.conversationId)],
);

export const qaReview = sqliteTable(
  'qa_review',
  {
    id: integer('id').primaryKey(),
    conversationId: integer('conversation_id').notNull().references(() => conversation.id),
    reviewerId: integer('reviewer_id').notNull().references(() => agent.id),
    agentId: integer('agent_id').notNull().references(() => agent.id),
    scoresJson: text('scores_json').notNull(),
    comment: text('comment'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('qa_review_conversation').on(t.conversationId)],
);

export const auditEvent = sqliteTable('audit_event', {
  id: integer('id').primaryKey(),
  actorId: integer('actor_id'),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id').notNull(),
  dataJson: text('data_json').notNull(),
  at: integer('at').notNull(),
});

/**
 * Local changes waiting for the hub, written in the same transaction as the change itself
 * so a crash can never leave one without the other.
 */
export const mutationOutbox = sqliteTable(
  'mutation_outbox',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    argsJson: text('args_json').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'rejected'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [index('mutation_outbox_status').on(t.status, t.id)],
);

/** Unsent replies and notes, kept on this desktop so nothing typed is lost offline or on a crash. */
export const draft = sqliteTable('draft', {
  conversationId: integer('conversation_id').primaryKey().references(() => conversation.id),
  mode: text('mode', { enum: ['reply', 'note'] }).notNull(),
  body: text('body').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** What an agent should look at: a mention, an assignment, a customer's reply on their conversation. */
export const notification = sqliteTable(
  'notification',
  {
    id: integer('id').primaryKey(),
    agentId: integer('agent_id').notNull().references(() => agent.id),
    kind: text('kind', { enum: ['mention', 'assignment', 'reply'] }).notNull(),
    conversationId: integer('conversation_id').notNull().references(() => conversation.id),
    actorId: integer('actor_id'),
    noteId: text('note_id'),
    messageId: integer('message_id'),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
  },
  (t) => [index('notification_agent_unread').on(t.agentId, t.readAt, t.createdAt)],
);
