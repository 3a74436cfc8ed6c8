-- Before-images for rebase (see sync_undo in schema.ts). While sync_capture.active is 1, the FIRST
-- touch of a synced row records what it was (NULL: it did not exist); later touches keep that one.
-- JSON keys are the row's camelCase fields, every column but generated ones. Primary keys are never
-- updated, so an update records its old key only. The hub's changes are applied with capture off.
INSERT INTO sync_capture (id, active) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER workspace_undo_ai AFTER INSERT ON workspace WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'workspace', CAST(new.id AS TEXT), NULL
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'workspace' AND entity_id = CAST(new.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER workspace_undo_au AFTER UPDATE ON workspace WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'workspace', CAST(old.id AS TEXT), json_object('id', old.id, 'name', old.name, 'timezone', old.timezone, 'createdAt', old.created_at)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'workspace' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER workspace_undo_ad AFTER DELETE ON workspace WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'workspace', CAST(old.id AS TEXT), json_object('id', old.id, 'name', old.name, 'timezone', old.timezone, 'createdAt', old.created_at)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'workspace' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER agent_undo_ai AFTER INSERT ON agent WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'agent', CAST(new.id AS TEXT), NULL
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'agent' AND entity_id = CAST(new.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER agent_undo_au AFTER UPDATE ON agent WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'agent', CAST(old.id AS TEXT), json_object('id', old.id, 'name', old.name, 'email', old.email, 'role', old.role, 'createdAt', old.created_at)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'agent' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER agent_undo_ad AFTER DELETE ON agent WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'agent', CAST(old.id AS TEXT), json_object('id', old.id, 'name', old.name, 'email', old.email, 'role', old.role, 'createdAt', old.created_at)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'agent' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER customer_undo_ai AFTER INSERT ON customer WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'customer', CAST(new.id AS TEXT), NULL
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'customer' AND entity_id = CAST(new.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER customer_undo_au AFTER UPDATE ON customer WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'customer', CAST(old.id AS TEXT), json_object('id', old.id, 'name', old.name, 'createdAt', old.created_at)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'customer' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER customer_undo_ad AFTER DELETE ON customer WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'customer', CAST(old.id AS TEXT), json_object('id', old.id, 'name', old.name, 'createdAt', old.created_at)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'customer' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER customer_identity_undo_ai AFTER INSERT ON customer_identity WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'customer_identity', CAST(new.id AS TEXT), NULL
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'customer_identity' AND entity_id = CAST(new.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER customer_identity_undo_au AFTER UPDATE ON customer_identity WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'customer_identity', CAST(old.id AS TEXT), json_object('id', old.id, 'customerId', old.customer_id, 'kind', old.kind, 'value', old.value)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'customer_identity' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER customer_identity_undo_ad AFTER DELETE ON customer_identity WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'customer_identity', CAST(old.id AS TEXT), json_object('id', old.id, 'customerId', old.customer_id, 'kind', old.kind, 'value', old.value)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'customer_identity' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER conversation_undo_ai AFTER INSERT ON conversation WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'conversation', CAST(new.id AS TEXT), NULL
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'conversation' AND entity_id = CAST(new.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER conversation_undo_au AFTER UPDATE ON conversation WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'conversation', CAST(old.id AS TEXT), json_object('id', old.id, 'customerId', old.customer_id, 'channel', old.channel, 'subject', old.subject, 'status', old.status, 'priority', old.priority, 'category', old.category, 'assigneeId', old.assignee_id, 'snoozedUntil', old.snoozed_until, 'slaFirstResponseDueAt', old.sla_first_response_due_at, 'slaResolutionDueAt', old.sla_resolution_due_at, 'firstResponseAt', old.first_response_at, 'resolvedAt', old.resolved_at, 'createdAt', old.created_at, 'lastActivityAt', old.last_activity_at, 'messageCount', old.message_count, 'preview', old.preview, 'version', old.version, 'mergedIntoId', old.merged_into_id, 'snoozedUntilReply', old.snoozed_until_reply)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'conversation' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER conversation_undo_ad AFTER DELETE ON conversation WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'conversation', CAST(old.id AS TEXT), json_object('id', old.id, 'customerId', old.customer_id, 'channel', old.channel, 'subject', old.subject, 'status', old.status, 'priority', old.priority, 'category', old.category, 'assigneeId', old.assignee_id, 'snoozedUntil', old.snoozed_until, 'slaFirstResponseDueAt', old.sla_first_response_due_at, 'slaResolutionDueAt', old.sla_resolution_due_at, 'firstResponseAt', old.first_response_at, 'resolvedAt', old.resolved_at, 'createdAt', old.created_at, 'lastActivityAt', old.last_activity_at, 'messageCount', old.message_count, 'preview', old.preview, 'version', old.version, 'mergedIntoId', old.merged_into_id, 'snoozedUntilReply', old.snoozed_until_reply)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'conversation' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER conversation_tag_undo_ai AFTER INSERT ON conversation_tag WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'conversation_tag', new.conversation_id || ':' || new.tag, NULL
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'conversation_tag' AND entity_id = new.conversation_id || ':' || new.tag);
END;
--> statement-breakpoint
CREATE TRIGGER conversation_tag_undo_au AFTER UPDATE ON conversation_tag WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'conversation_tag', old.conversation_id || ':' || old.tag, json_object('conversationId', old.conversation_id, 'tag', old.tag)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'conversation_tag' AND entity_id = old.conversation_id || ':' || old.tag);
END;
--> statement-breakpoint
CREATE TRIGGER conversation_tag_undo_ad AFTER DELETE ON conversation_tag WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'conversation_tag', old.conversation_id || ':' || old.tag, json_object('conversationId', old.conversation_id, 'tag', old.tag)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'conversation_tag' AND entity_id = old.conversation_id || ':' || old.tag);
END;
--> statement-breakpoint
CREATE TRIGGER message_undo_ai AFTER INSERT ON message WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'message', CAST(new.id AS TEXT), NULL
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'message' AND entity_id = CAST(new.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER message_undo_au AFTER UPDATE ON message WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'message', CAST(old.id AS TEXT), json_object('id', old.id, 'conversationId', old.conversation_id, 'direction', old.direction, 'channel', old.channel, 'authorAgentId', old.author_agent_id, 'text', old.text, 'html', old.html, 'attachmentsJson', old.attachments_json, 'externalId', old.external_id, 'deliveryStatus', old.delivery_status, 'createdAt', old.created_at)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'message' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER message_undo_ad AFTER DELETE ON message WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'message', CAST(old.id AS TEXT), json_object('id', old.id, 'conversationId', old.conversation_id, 'direction', old.direction, 'channel', old.channel, 'authorAgentId', old.author_agent_id, 'text', old.text, 'html', old.html, 'attachmentsJson', old.attachments_json, 'externalId', old.external_id, 'deliveryStatus', old.delivery_status, 'createdAt', old.created_at)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'message' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER note_undo_ai AFTER INSERT ON note WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'note', CAST(new.id AS TEXT), NULL
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'note' AND entity_id = CAST(new.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER note_undo_au AFTER UPDATE ON note WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'note', CAST(old.id AS TEXT), json_object('id', old.id, 'seq', old.seq, 'conversationId', old.conversation_id, 'authorId', old.author_id, 'kind', old.kind, 'body', old.body, 'mentionsJson', old.mentions_json, 'createdAt', old.created_at)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'note' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER note_undo_ad AFTER DELETE ON note WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'note', CAST(old.id AS TEXT), json_object('id', old.id, 'seq', old.seq, 'conversationId', old.conversation_id, 'authorId', old.author_id, 'kind', old.kind, 'body', old.body, 'mentionsJson', old.mentions_json, 'createdAt', old.created_at)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'note' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER macro_undo_ai AFTER INSERT ON macro WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'macro', CAST(new.id AS TEXT), NULL
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'macro' AND entity_id = CAST(new.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER macro_undo_au AFTER UPDATE ON macro WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'macro', CAST(old.id AS TEXT), json_object('id', old.id, 'name', old.name, 'body', old.body, 'actionsJson', old.actions_json, 'scope', old.scope, 'ownerId', old.owner_id, 'usageCount', old.usage_count)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'macro' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER macro_undo_ad AFTER DELETE ON macro WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'macro', CAST(old.id AS TEXT), json_object('id', old.id, 'name', old.name, 'body', old.body, 'actionsJson', old.actions_json, 'scope', old.scope, 'ownerId', old.owner_id, 'usageCount', old.usage_count)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'macro' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER shop_order_undo_ai AFTER INSERT ON shop_order WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'shop_order', CAST(new.id AS TEXT), NULL
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'shop_order' AND entity_id = CAST(new.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER shop_order_undo_au AFTER UPDATE ON shop_order WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'shop_order', CAST(old.id AS TEXT), json_object('id', old.id, 'customerId', old.customer_id, 'number', old.number, 'placedAt', old.placed_at, 'status', old.status, 'financialStatus', old.financial_status, 'fulfillmentStatus', old.fulfillment_status, 'currency', old.currency, 'totalCents', old.total_cents, 'itemsJson', old.items_json, 'shipmentsJson', old.shipments_json, 'returnsJson', old.returns_json, 'refundsJson', old.refunds_json)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'shop_order' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER shop_order_undo_ad AFTER DELETE ON shop_order WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'shop_order', CAST(old.id AS TEXT), json_object('id', old.id, 'customerId', old.customer_id, 'number', old.number, 'placedAt', old.placed_at, 'status', old.status, 'financialStatus', old.financial_status, 'fulfillmentStatus', old.fulfillment_status, 'currency', old.currency, 'totalCents', old.total_cents, 'itemsJson', old.items_json, 'shipmentsJson', old.shipments_json, 'returnsJson', old.returns_json, 'refundsJson', old.refunds_json)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'shop_order' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER csat_rating_undo_ai AFTER INSERT ON csat_rating WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'csat_rating', CAST(new.id AS TEXT), NULL
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'csat_rating' AND entity_id = CAST(new.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER csat_rating_undo_au AFTER UPDATE ON csat_rating WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'csat_rating', CAST(old.id AS TEXT), json_object('id', old.id, 'conversationId', old.conversation_id, 'score', old.score, 'comment', old.comment, 'createdAt', old.created_at)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'csat_rating' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER csat_rating_undo_ad AFTER DELETE ON csat_rating WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'csat_rating', CAST(old.id AS TEXT), json_object('id', old.id, 'conversationId', old.conversation_id, 'score', old.score, 'comment', old.comment, 'createdAt', old.created_at)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'csat_rating' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER qa_review_undo_ai AFTER INSERT ON qa_review WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'qa_review', CAST(new.id AS TEXT), NULL
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'qa_review' AND entity_id = CAST(new.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER qa_review_undo_au AFTER UPDATE ON qa_review WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'qa_review', CAST(old.id AS TEXT), json_object('id', old.id, 'conversationId', old.conversation_id, 'reviewerId', old.reviewer_id, 'agentId', old.agent_id, 'scoresJson', old.scores_json, 'comment', old.comment, 'createdAt', old.created_at)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'qa_review' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER qa_review_undo_ad AFTER DELETE ON qa_review WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'qa_review', CAST(old.id AS TEXT), json_object('id', old.id, 'conversationId', old.conversation_id, 'reviewerId', old.reviewer_id, 'agentId', old.agent_id, 'scoresJson', old.scores_json, 'comment', old.comment, 'createdAt', old.created_at)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'qa_review' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER notification_undo_ai AFTER INSERT ON notification WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'notification', CAST(new.id AS TEXT), NULL
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'notification' AND entity_id = CAST(new.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER notification_undo_au AFTER UPDATE ON notification WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'notification', CAST(old.id AS TEXT), json_object('id', old.id, 'agentId', old.agent_id, 'kind', old.kind, 'conversationId', old.conversation_id, 'actorId', old.actor_id, 'noteId', old.note_id, 'messageId', old.message_id, 'createdAt', old.created_at, 'readAt', old.read_at)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'notification' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER notification_undo_ad AFTER DELETE ON notification WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'notification', CAST(old.id AS TEXT), json_object('id', old.id, 'agentId', old.agent_id, 'kind', old.kind, 'conversationId', old.conversation_id, 'actorId', old.actor_id, 'noteId', old.note_id, 'messageId', old.message_id, 'createdAt', old.created_at, 'readAt', old.read_at)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'notification' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
-- A customer inserted after its identities (a catch-up page in the hub's order) indexes them too.
DROP TRIGGER customer_fts_ai;
--> statement-breakpoint
CREATE TRIGGER customer_fts_ai AFTER INSERT ON customer BEGIN
  INSERT INTO customer_fts(rowid, name, identities)
  VALUES (new.id, new.name, coalesce((SELECT group_concat(value, ' ') FROM customer_identity WHERE customer_id = new.id), ''));
END;
--> statement-breakpoint
-- The hub may change an identity's value or owner: both customers' index rows follow.
CREATE TRIGGER customer_identity_fts_au AFTER UPDATE ON customer_identity BEGIN
  UPDATE customer_fts SET identities = coalesce((SELECT group_concat(value, ' ') FROM customer_identity WHERE customer_id = old.customer_id), '') WHERE rowid = old.customer_id;
  UPDATE customer_fts SET identities = coalesce((SELECT group_concat(value, ' ') FROM customer_identity WHERE customer_id = new.customer_id), '') WHERE rowid = new.customer_id;
END;
