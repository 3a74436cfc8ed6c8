CREATE TABLE `agent` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_email_unique` ON `agent` (`email`);--> statement-breakpoint
CREATE TABLE `attachment_blob` (
	`content_hash` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`mime_type` text NOT NULL,
	`path` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_event` (
	`id` integer PRIMARY KEY NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`data_json` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `conversation` (
	`id` integer PRIMARY KEY NOT NULL,
	`customer_id` integer NOT NULL,
	`channel` text NOT NULL,
	`subject` text NOT NULL,
	`status` text NOT NULL,
	`priority` text NOT NULL,
	`category` text NOT NULL,
	`assignee_id` integer,
	`snoozed_until` integer,
	`sla_first_response_due_at` integer,
	`sla_resolution_due_at` integer,
	`first_response_at` integer,
	`resolved_at` integer,
	`created_at` integer NOT NULL,
	`last_activity_at` integer NOT NULL,
	`message_count` integer DEFAULT 0 NOT NULL,
	`preview` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customer`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `agent`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `conversation_status_activity` ON `conversation` (`status`,`last_activity_at`);--> statement-breakpoint
CREATE INDEX `conversation_assignee_status_activity` ON `conversation` (`assignee_id`,`status`,`last_activity_at`);--> statement-breakpoint
CREATE INDEX `conversation_channel_status_activity` ON `conversation` (`channel`,`status`,`last_activity_at`);--> statement-breakpoint
CREATE INDEX `conversation_category_status_activity` ON `conversation` (`category`,`status`,`last_activity_at`);--> statement-breakpoint
CREATE INDEX `conversation_customer` ON `conversation` (`customer_id`,`last_activity_at`);--> statement-breakpoint
CREATE TABLE `conversation_tag` (
	`conversation_id` integer NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`conversation_id`, `tag`),
	FOREIGN KEY (`conversation_id`) REFERENCES `conversation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `conversation_tag_tag` ON `conversation_tag` (`tag`);--> statement-breakpoint
CREATE TABLE `csat_rating` (
	`id` integer PRIMARY KEY NOT NULL,
	`conversation_id` integer NOT NULL,
	`score` integer NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `csat_conversation` ON `csat_rating` (`conversation_id`);--> statement-breakpoint
CREATE TABLE `customer` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `customer_identity` (
	`id` integer PRIMARY KEY NOT NULL,
	`customer_id` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customer`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_identity_kind_value` ON `customer_identity` (`kind`,`value`);--> statement-breakpoint
CREATE INDEX `customer_identity_customer` ON `customer_identity` (`customer_id`);--> statement-breakpoint
CREATE TABLE `local_session` (
	`id` integer PRIMARY KEY NOT NULL,
	`agent_id` integer NOT NULL,
	`client_id` text NOT NULL,
	FOREIGN KEY (`agent_id`) REFERENCES `agent`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `macro` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`body` text NOT NULL,
	`actions_json` text DEFAULT '[]' NOT NULL,
	`scope` text NOT NULL,
	`owner_id` integer,
	`usage_count` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `agent`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `message` (
	`id` integer PRIMARY KEY NOT NULL,
	`conversation_id` integer NOT NULL,
	`direction` text NOT NULL,
	`channel` text NOT NULL,
	`author_agent_id` integer,
	`text` text NOT NULL,
	`html` text,
	`attachments_json` text DEFAULT '[]' NOT NULL,
	`external_id` text,
	`delivery_status` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_agent_id`) REFERENCES `agent`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `message_conversation` ON `message` (`conversation_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `message_external` ON `message` (`external_id`);--> statement-breakpoint
CREATE TABLE `mutation_outbox` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`args_json` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mutation_outbox_status` ON `mutation_outbox` (`status`,`id`);--> statement-breakpoint
CREATE TABLE `note` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`conversation_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`mentions_json` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `agent`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `note_seq_unique` ON `note` (`seq`);--> statement-breakpoint
CREATE INDEX `note_conversation` ON `note` (`conversation_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `qa_review` (
	`id` integer PRIMARY KEY NOT NULL,
	`conversation_id` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`agent_id` integer NOT NULL,
	`scores_json` text NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `agent`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agent`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `qa_review_conversation` ON `qa_review` (`conversation_id`);--> statement-breakpoint
CREATE TABLE `shop_order` (
	`id` integer PRIMARY KEY NOT NULL,
	`customer_id` integer NOT NULL,
	`number` text NOT NULL,
	`placed_at` integer NOT NULL,
	`status` text NOT NULL,
	`financial_status` text NOT NULL,
	`fulfillment_status` text NOT NULL,
	`currency` text NOT NULL,
	`total_cents` integer NOT NULL,
	`items_json` text NOT NULL,
	`shipments_json` text DEFAULT '[]' NOT NULL,
	`returns_json` text DEFAULT '[]' NOT NULL,
	`refunds_json` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customer`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shop_order_number_unique` ON `shop_order` (`number`);--> statement-breakpoint
CREATE INDEX `shop_order_customer` ON `shop_order` (`customer_id`,`placed_at`);--> statement-breakpoint
CREATE TABLE `workspace` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`timezone` text NOT NULL,
	`created_at` integer NOT NULL
);
