ALTER TABLE `message` ADD `delivery_error` text;--> statement-breakpoint
ALTER TABLE `message` ADD `auto_kind` text;--> statement-breakpoint
ALTER TABLE `message` ADD `mailbox_flags_json` text;--> statement-breakpoint
ALTER TABLE `message` ADD `mailbox_removed_at` integer;
--> statement-breakpoint
-- The rebase before-images (see 20261124182354_sync_capture.sql) must carry the new columns too.
DROP TRIGGER message_undo_au;
--> statement-breakpoint
DROP TRIGGER message_undo_ad;
--> statement-breakpoint
CREATE TRIGGER message_undo_au AFTER UPDATE ON message WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'message', CAST(old.id AS TEXT), json_object('id', old.id, 'conversationId', old.conversation_id, 'direction', old.direction, 'channel', old.channel, 'authorAgentId', old.author_agent_id, 'text', old.text, 'html', old.html, 'attachmentsJson', old.attachments_json, 'externalId', old.external_id, 'deliveryStatus', old.delivery_status, 'createdAt', old.created_at, 'threadReason', old.thread_reason, 'deliveryError', old.delivery_error, 'autoKind', old.auto_kind, 'mailboxFlagsJson', old.mailbox_flags_json, 'mailboxRemovedAt', old.mailbox_removed_at)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'message' AND entity_id = CAST(old.id AS TEXT));
END;
--> statement-breakpoint
CREATE TRIGGER message_undo_ad AFTER DELETE ON message WHEN (SELECT active FROM sync_capture WHERE id = 1) BEGIN
  INSERT INTO sync_undo (kind, entity_id, before_json) SELECT 'message', CAST(old.id AS TEXT), json_object('id', old.id, 'conversationId', old.conversation_id, 'direction', old.direction, 'channel', old.channel, 'authorAgentId', old.author_agent_id, 'text', old.text, 'html', old.html, 'attachmentsJson', old.attachments_json, 'externalId', old.external_id, 'deliveryStatus', old.delivery_status, 'createdAt', old.created_at, 'threadReason', old.thread_reason, 'deliveryError', old.delivery_error, 'autoKind', old.auto_kind, 'mailboxFlagsJson', old.mailbox_flags_json, 'mailboxRemovedAt', old.mailbox_removed_at)
  WHERE NOT EXISTS (SELECT 1 FROM sync_undo WHERE kind = 'message' AND entity_id = CAST(old.id AS TEXT));
END;
