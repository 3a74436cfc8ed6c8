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
    /** Bumped on every local change; this desktop's own counter (the hub neither sends nor reads it). */
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
    /** Inbound email: why it joined its conversation (the threading rule and its evidence). Written by the hub. */
    threadReason: text('thread_reason'),
    /** Failed outbound email: the server's reason (e.g. "550 5.1.1 mailbox unavailable"). Written by the hub. */
    deliveryError: text('delivery_error'),
    /** Inbound automated mail: 'auto-reply' or 'bounce'. Such mail never reopens, notifies, or counts as a customer contact. */
    autoKind: text('auto_kind'),
    /** Email: the IMAP flags of the mailbox copy, as a JSON array (for example ["\Seen"]). Null when not from a mailbox. */
    mailboxFlagsJson: text('mailbox_flags_json'),
    /** Email: when the mailbox copy was deleted (expunged from every synced folder). The message itself is kept. */
    mailboxRemovedAt: integer('mailbox_removed_at'),
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

/** Written by releases before sync; kept for the record. The hub keeps the audit log now. */
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

/**
 * This desktop's link to its hub (one row): the embedded hub on this machine or a team's.
 * Ids and versions are 64-bit INTEGERs like everywhere else.
 */
export const syncState = sqliteTable('sync_state', {
  id: integer('id').primaryKey(),
  /** Random per data folder: the hub knows this desktop by it. */
  clientId: text('client_id').notNull(),
  /** Given by the hub at login; part of every id this desktop's mutations create (src-shared/sync/ids.ts). */
  clientNo: integer('client_no').notNull(),
  mode: text('mode', { enum: ['embedded', 'team'] }).notNull(),
  /** The team hub's address; null in embedded mode (its port changes every start). */
  hubUrl: text('hub_url'),
  /** The team hub's login email, shown in the sync indicator; null in embedded mode. */
  hubEmail: text('hub_email'),
  /** Session token for the team hub; null in embedded mode (issued again at every start). */
  token: text('token'),
  /** Opaque pull cursor; '' pulls everything. */
  cursor: text('cursor').notNull().default(''),
  /** Highest mutation id the current hub has settled (applied or rejected). */
  ackedMutationId: integer('acked_mutation_id').notNull().default(0),
  /** Highest mutation id ever given out here: never reused, even after the outbox is emptied. */
  lastMutationId: integer('last_mutation_id').notNull().default(0),
  lastSyncedAt: integer('last_synced_at'),
  /** The newest hub version this replica has seen: a hub that answers with less was reset. */
  hubVersion: integer('hub_version').notNull().default(0),
});

/**
 * Before-images of the rows local mutations touched since the replica last matched the hub:
 * the JSON row (every column but generated ones), or NULL when the row did not exist. A rebase
 * puts them back, applies the hub's changes, and runs the pending mutations again on top.
 * Filled by triggers on every synced table while `sync_capture.active` is 1.
 */
export const syncUndo = sqliteTable(
  'sync_undo',
  {
    kind: text('kind').notNull(),
    entityId: text('entity_id').notNull(),
    beforeJson: text('before_json'),
  },
  (t) => [primaryKey({ columns: [t.kind, t.entityId] })],
);

/** One row: 1 while a local mutation runs (its before-images are wanted), 0 while the hub's changes are applied. */
export const syncCapture = sqliteTable('sync_capture', {
  id: integer('id').primaryKey(),
  active: integer('active', { mode: 'boolean' }).notNull().default(false),
});
