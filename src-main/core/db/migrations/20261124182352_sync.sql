CREATE TABLE `sync_capture` (
	`id` integer PRIMARY KEY NOT NULL,
	`active` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`client_no` integer NOT NULL,
	`mode` text NOT NULL,
	`hub_url` text,
	`hub_email` text,
	`token` text,
	`cursor` text DEFAULT '' NOT NULL,
	`acked_mutation_id` integer DEFAULT 0 NOT NULL,
	`last_mutation_id` integer DEFAULT 0 NOT NULL,
	`last_synced_at` integer,
	`hub_version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_undo` (
	`kind` text NOT NULL,
	`entity_id` text NOT NULL,
	`before_json` text,
	PRIMARY KEY(`kind`, `entity_id`)
);
