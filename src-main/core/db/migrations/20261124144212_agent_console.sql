CREATE TABLE `draft` (
	`conversation_id` integer PRIMARY KEY NOT NULL,
	`mode` text NOT NULL,
	`body` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `notification` (
	`id` integer PRIMARY KEY NOT NULL,
	`agent_id` integer NOT NULL,
	`kind` text NOT NULL,
	`conversation_id` integer NOT NULL,
	`actor_id` integer,
	`note_id` text,
	`message_id` integer,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`agent_id`) REFERENCES `agent`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notification_agent_unread` ON `notification` (`agent_id`,`read_at`,`created_at`);--> statement-breakpoint
ALTER TABLE `conversation` ADD `merged_into_id` integer;--> statement-breakpoint
ALTER TABLE `conversation` ADD `snoozed_until_reply` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `conversation` ADD `priority_rank` integer GENERATED ALWAYS AS (CASE priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END) VIRTUAL;--> statement-breakpoint
CREATE INDEX `conversation_status_sla` ON `conversation` (`status`,`sla_first_response_due_at`);--> statement-breakpoint
CREATE INDEX `conversation_status_priority_activity` ON `conversation` (`status`,`priority_rank`,`last_activity_at`);