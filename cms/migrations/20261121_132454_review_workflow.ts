import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`payload_jobs_log\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`executed_at\` text NOT NULL,
  	\`completed_at\` text NOT NULL,
  	\`task_slug\` text NOT NULL,
  	\`task_i_d\` text NOT NULL,
  	\`input\` text,
  	\`output\` text,
  	\`state\` text NOT NULL,
  	\`error\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`payload_jobs\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_jobs_log_order_idx\` ON \`payload_jobs_log\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_log_parent_id_idx\` ON \`payload_jobs_log\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_jobs\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`input\` text,
  	\`completed_at\` text,
  	\`total_tried\` numeric DEFAULT 0,
  	\`has_error\` integer DEFAULT false,
  	\`error\` text,
  	\`task_slug\` text,
  	\`queue\` text DEFAULT 'default',
  	\`wait_until\` text,
  	\`processing\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_jobs_completed_at_idx\` ON \`payload_jobs\` (\`completed_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_total_tried_idx\` ON \`payload_jobs\` (\`total_tried\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_has_error_idx\` ON \`payload_jobs\` (\`has_error\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_task_slug_idx\` ON \`payload_jobs\` (\`task_slug\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_queue_idx\` ON \`payload_jobs\` (\`queue\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_wait_until_idx\` ON \`payload_jobs\` (\`wait_until\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_processing_idx\` ON \`payload_jobs\` (\`processing\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_updated_at_idx\` ON \`payload_jobs\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_created_at_idx\` ON \`payload_jobs\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`created_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`review_state\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`review_note\` text;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`review_reviewed_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`review_reviewed_at\` text;`)
  await db.run(sql`CREATE INDEX \`articles_created_by_idx\` ON \`articles\` (\`created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_review_review_reviewed_by_idx\` ON \`articles\` (\`review_reviewed_by_id\`);`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_created_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_review_state\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_review_note\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_review_reviewed_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_review_reviewed_at\` text;`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_created_by_idx\` ON \`_articles_v\` (\`version_created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_review_version_review_reviewed_by_idx\` ON \`_articles_v\` (\`version_review_reviewed_by_id\`);`)
  await db.run(sql`ALTER TABLE \`regions\` ADD \`created_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`regions\` ADD \`review_state\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`regions\` ADD \`review_note\` text;`)
  await db.run(sql`ALTER TABLE \`regions\` ADD \`review_reviewed_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`regions\` ADD \`review_reviewed_at\` text;`)
  await db.run(sql`CREATE INDEX \`regions_created_by_idx\` ON \`regions\` (\`created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`regions_review_review_reviewed_by_idx\` ON \`regions\` (\`review_reviewed_by_id\`);`)
  await db.run(sql`ALTER TABLE \`_regions_v\` ADD \`version_created_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_regions_v\` ADD \`version_review_state\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`_regions_v\` ADD \`version_review_note\` text;`)
  await db.run(sql`ALTER TABLE \`_regions_v\` ADD \`version_review_reviewed_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_regions_v\` ADD \`version_review_reviewed_at\` text;`)
  await db.run(sql`CREATE INDEX \`_regions_v_version_version_created_by_idx\` ON \`_regions_v\` (\`version_created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_regions_v_version_review_version_review_reviewed_by_idx\` ON \`_regions_v\` (\`version_review_reviewed_by_id\`);`)
  await db.run(sql`ALTER TABLE \`enterprises\` ADD \`created_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`enterprises\` ADD \`review_state\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`enterprises\` ADD \`review_note\` text;`)
  await db.run(sql`ALTER TABLE \`enterprises\` ADD \`review_reviewed_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`enterprises\` ADD \`review_reviewed_at\` text;`)
  await db.run(sql`CREATE INDEX \`enterprises_created_by_idx\` ON \`enterprises\` (\`created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`enterprises_review_review_reviewed_by_idx\` ON \`enterprises\` (\`review_reviewed_by_id\`);`)
  await db.run(sql`ALTER TABLE \`_enterprises_v\` ADD \`version_created_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_enterprises_v\` ADD \`version_review_state\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`_enterprises_v\` ADD \`version_review_note\` text;`)
  await db.run(sql`ALTER TABLE \`_enterprises_v\` ADD \`version_review_reviewed_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_enterprises_v\` ADD \`version_review_reviewed_at\` text;`)
  await db.run(sql`CREATE INDEX \`_enterprises_v_version_version_created_by_idx\` ON \`_enterprises_v\` (\`version_created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_enterprises_v_version_review_version_review_reviewed_by_idx\` ON \`_enterprises_v\` (\`version_review_reviewed_by_id\`);`)
  await db.run(sql`ALTER TABLE \`metrics\` ADD \`created_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`metrics\` ADD \`review_state\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`metrics\` ADD \`review_note\` text;`)
  await db.run(sql`ALTER TABLE \`metrics\` ADD \`review_reviewed_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`metrics\` ADD \`review_reviewed_at\` text;`)
  await db.run(sql`CREATE INDEX \`metrics_created_by_idx\` ON \`metrics\` (\`created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`metrics_review_review_reviewed_by_idx\` ON \`metrics\` (\`review_reviewed_by_id\`);`)
  await db.run(sql`ALTER TABLE \`_metrics_v\` ADD \`version_created_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_metrics_v\` ADD \`version_review_state\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`_metrics_v\` ADD \`version_review_note\` text;`)
  await db.run(sql`ALTER TABLE \`_metrics_v\` ADD \`version_review_reviewed_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_metrics_v\` ADD \`version_review_reviewed_at\` text;`)
  await db.run(sql`CREATE INDEX \`_metrics_v_version_version_created_by_idx\` ON \`_metrics_v\` (\`version_created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_metrics_v_version_review_version_review_reviewed_by_idx\` ON \`_metrics_v\` (\`version_review_reviewed_by_id\`);`)
  await db.run(sql`ALTER TABLE \`indicators\` ADD \`created_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`indicators\` ADD \`review_state\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`indicators\` ADD \`review_note\` text;`)
  await db.run(sql`ALTER TABLE \`indicators\` ADD \`review_reviewed_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`indicators\` ADD \`review_reviewed_at\` text;`)
  await db.run(sql`CREATE INDEX \`indicators_created_by_idx\` ON \`indicators\` (\`created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`indicators_review_review_reviewed_by_idx\` ON \`indicators\` (\`review_reviewed_by_id\`);`)
  await db.run(sql`ALTER TABLE \`_indicators_v\` ADD \`version_created_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_indicators_v\` ADD \`version_review_state\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`_indicators_v\` ADD \`version_review_note\` text;`)
  await db.run(sql`ALTER TABLE \`_indicators_v\` ADD \`version_review_reviewed_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_indicators_v\` ADD \`version_review_reviewed_at\` text;`)
  await db.run(sql`CREATE INDEX \`_indicators_v_version_version_created_by_idx\` ON \`_indicators_v\` (\`version_created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_indicators_v_version_review_version_review_reviewed_by_idx\` ON \`_indicators_v\` (\`version_review_reviewed_by_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`payload_jobs_log\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_articles\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`slug\` text,
  	\`summary\` text,
  	\`hero_image_id\` text(36),
  	\`body\` text,
  	\`published_at\` text,
  	\`channel_id\` text(36),
  	\`source\` text,
  	\`original_url\` text,
  	\`editor\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`hero_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`channel_id\`) REFERENCES \`channels\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_articles\`("id", "title", "slug", "summary", "hero_image_id", "body", "published_at", "channel_id", "source", "original_url", "editor", "updated_at", "created_at", "_status") SELECT "id", "title", "slug", "summary", "hero_image_id", "body", "published_at", "channel_id", "source", "original_url", "editor", "updated_at", "created_at", "_status" FROM \`articles\`;`)
  await db.run(sql`DROP TABLE \`articles\`;`)
  await db.run(sql`ALTER TABLE \`__new_articles\` RENAME TO \`articles\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`articles_title_idx\` ON \`articles\` (\`title\`);`)
  await db.run(sql`CREATE INDEX \`articles_slug_idx\` ON \`articles\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`articles_hero_image_idx\` ON \`articles\` (\`hero_image_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_published_at_idx\` ON \`articles\` (\`published_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_channel_idx\` ON \`articles\` (\`channel_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_updated_at_idx\` ON \`articles\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_created_at_idx\` ON \`articles\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`articles__status_idx\` ON \`articles\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new__articles_v\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`parent_id\` text(36),
  	\`version_title\` text,
  	\`version_slug\` text,
  	\`version_summary\` text,
  	\`version_hero_image_id\` text(36),
  	\`version_body\` text,
  	\`version_published_at\` text,
  	\`version_channel_id\` text(36),
  	\`version_source\` text,
  	\`version_original_url\` text,
  	\`version_editor\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_hero_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_channel_id\`) REFERENCES \`channels\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__articles_v\`("id", "parent_id", "version_title", "version_slug", "version_summary", "version_hero_image_id", "version_body", "version_published_at", "version_channel_id", "version_source", "version_original_url", "version_editor", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest") SELECT "id", "parent_id", "version_title", "version_slug", "version_summary", "version_hero_image_id", "version_body", "version_published_at", "version_channel_id", "version_source", "version_original_url", "version_editor", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest" FROM \`_articles_v\`;`)
  await db.run(sql`DROP TABLE \`_articles_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__articles_v\` RENAME TO \`_articles_v\`;`)
  await db.run(sql`CREATE INDEX \`_articles_v_parent_idx\` ON \`_articles_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_title_idx\` ON \`_articles_v\` (\`version_title\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_slug_idx\` ON \`_articles_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_hero_image_idx\` ON \`_articles_v\` (\`version_hero_image_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_published_at_idx\` ON \`_articles_v\` (\`version_published_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_channel_idx\` ON \`_articles_v\` (\`version_channel_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_updated_at_idx\` ON \`_articles_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_created_at_idx\` ON \`_articles_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version__status_idx\` ON \`_articles_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_created_at_idx\` ON \`_articles_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_updated_at_idx\` ON \`_articles_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_latest_idx\` ON \`_articles_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`__new_regions\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`slug\` text,
  	\`level\` text,
  	\`parent_id\` text(36),
  	\`admin_code\` text,
  	\`pilot_designation\` text,
  	\`summary\` text,
  	\`body\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`regions\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_regions\`("id", "name", "slug", "level", "parent_id", "admin_code", "pilot_designation", "summary", "body", "updated_at", "created_at", "_status") SELECT "id", "name", "slug", "level", "parent_id", "admin_code", "pilot_designation", "summary", "body", "updated_at", "created_at", "_status" FROM \`regions\`;`)
  await db.run(sql`DROP TABLE \`regions\`;`)
  await db.run(sql`ALTER TABLE \`__new_regions\` RENAME TO \`regions\`;`)
  await db.run(sql`CREATE INDEX \`regions_name_idx\` ON \`regions\` (\`name\`);`)
  await db.run(sql`CREATE INDEX \`regions_slug_idx\` ON \`regions\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`regions_parent_idx\` ON \`regions\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`regions_updated_at_idx\` ON \`regions\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`regions_created_at_idx\` ON \`regions\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`regions__status_idx\` ON \`regions\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new__regions_v\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`parent_id\` text(36),
  	\`version_name\` text,
  	\`version_slug\` text,
  	\`version_level\` text,
  	\`version_parent_id\` text(36),
  	\`version_admin_code\` text,
  	\`version_pilot_designation\` text,
  	\`version_summary\` text,
  	\`version_body\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`regions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_parent_id\`) REFERENCES \`regions\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__regions_v\`("id", "parent_id", "version_name", "version_slug", "version_level", "version_parent_id", "version_admin_code", "version_pilot_designation", "version_summary", "version_body", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest") SELECT "id", "parent_id", "version_name", "version_slug", "version_level", "version_parent_id", "version_admin_code", "version_pilot_designation", "version_summary", "version_body", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest" FROM \`_regions_v\`;`)
  await db.run(sql`DROP TABLE \`_regions_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__regions_v\` RENAME TO \`_regions_v\`;`)
  await db.run(sql`CREATE INDEX \`_regions_v_parent_idx\` ON \`_regions_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_regions_v_version_version_name_idx\` ON \`_regions_v\` (\`version_name\`);`)
  await db.run(sql`CREATE INDEX \`_regions_v_version_version_slug_idx\` ON \`_regions_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_regions_v_version_version_parent_idx\` ON \`_regions_v\` (\`version_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_regions_v_version_version_updated_at_idx\` ON \`_regions_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_regions_v_version_version_created_at_idx\` ON \`_regions_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_regions_v_version_version__status_idx\` ON \`_regions_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_regions_v_created_at_idx\` ON \`_regions_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_regions_v_updated_at_idx\` ON \`_regions_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_regions_v_latest_idx\` ON \`_regions_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`__new_enterprises\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`short_name\` text,
  	\`slug\` text,
  	\`region_id\` text(36),
  	\`industry\` text,
  	\`ownership\` text,
  	\`pilot_level\` text,
  	\`pilot_year\` numeric,
  	\`summary\` text,
  	\`website\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`region_id\`) REFERENCES \`regions\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_enterprises\`("id", "name", "short_name", "slug", "region_id", "industry", "ownership", "pilot_level", "pilot_year", "summary", "website", "updated_at", "created_at", "_status") SELECT "id", "name", "short_name", "slug", "region_id", "industry", "ownership", "pilot_level", "pilot_year", "summary", "website", "updated_at", "created_at", "_status" FROM \`enterprises\`;`)
  await db.run(sql`DROP TABLE \`enterprises\`;`)
  await db.run(sql`ALTER TABLE \`__new_enterprises\` RENAME TO \`enterprises\`;`)
  await db.run(sql`CREATE INDEX \`enterprises_name_idx\` ON \`enterprises\` (\`name\`);`)
  await db.run(sql`CREATE INDEX \`enterprises_short_name_idx\` ON \`enterprises\` (\`short_name\`);`)
  await db.run(sql`CREATE INDEX \`enterprises_slug_idx\` ON \`enterprises\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`enterprises_region_idx\` ON \`enterprises\` (\`region_id\`);`)
  await db.run(sql`CREATE INDEX \`enterprises_updated_at_idx\` ON \`enterprises\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`enterprises_created_at_idx\` ON \`enterprises\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`enterprises__status_idx\` ON \`enterprises\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new__enterprises_v\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`parent_id\` text(36),
  	\`version_name\` text,
  	\`version_short_name\` text,
  	\`version_slug\` text,
  	\`version_region_id\` text(36),
  	\`version_industry\` text,
  	\`version_ownership\` text,
  	\`version_pilot_level\` text,
  	\`version_pilot_year\` numeric,
  	\`version_summary\` text,
  	\`version_website\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`enterprises\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_region_id\`) REFERENCES \`regions\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__enterprises_v\`("id", "parent_id", "version_name", "version_short_name", "version_slug", "version_region_id", "version_industry", "version_ownership", "version_pilot_level", "version_pilot_year", "version_summary", "version_website", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest") SELECT "id", "parent_id", "version_name", "version_short_name", "version_slug", "version_region_id", "version_industry", "version_ownership", "version_pilot_level", "version_pilot_year", "version_summary", "version_website", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest" FROM \`_enterprises_v\`;`)
  await db.run(sql`DROP TABLE \`_enterprises_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__enterprises_v\` RENAME TO \`_enterprises_v\`;`)
  await db.run(sql`CREATE INDEX \`_enterprises_v_parent_idx\` ON \`_enterprises_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_enterprises_v_version_version_name_idx\` ON \`_enterprises_v\` (\`version_name\`);`)
  await db.run(sql`CREATE INDEX \`_enterprises_v_version_version_short_name_idx\` ON \`_enterprises_v\` (\`version_short_name\`);`)
  await db.run(sql`CREATE INDEX \`_enterprises_v_version_version_slug_idx\` ON \`_enterprises_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_enterprises_v_version_version_region_idx\` ON \`_enterprises_v\` (\`version_region_id\`);`)
  await db.run(sql`CREATE INDEX \`_enterprises_v_version_version_updated_at_idx\` ON \`_enterprises_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_enterprises_v_version_version_created_at_idx\` ON \`_enterprises_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_enterprises_v_version_version__status_idx\` ON \`_enterprises_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_enterprises_v_created_at_idx\` ON \`_enterprises_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_enterprises_v_updated_at_idx\` ON \`_enterprises_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_enterprises_v_latest_idx\` ON \`_enterprises_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`__new_metrics\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`indicator_id\` text(36),
  	\`figure_text\` text,
  	\`value\` numeric,
  	\`unit\` text,
  	\`qualifier\` text DEFAULT 'exact',
  	\`comparison\` text DEFAULT 'none',
  	\`display\` text,
  	\`period_kind\` text DEFAULT 'year',
  	\`period_label\` text,
  	\`period_start\` text,
  	\`period_end\` text,
  	\`region_id\` text(36),
  	\`enterprise_id\` text(36),
  	\`source_article_id\` text(36),
  	\`evidence\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`indicator_id\`) REFERENCES \`indicators\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`region_id\`) REFERENCES \`regions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`enterprise_id\`) REFERENCES \`enterprises\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`source_article_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_metrics\`("id", "title", "indicator_id", "figure_text", "value", "unit", "qualifier", "comparison", "display", "period_kind", "period_label", "period_start", "period_end", "region_id", "enterprise_id", "source_article_id", "evidence", "updated_at", "created_at", "_status") SELECT "id", "title", "indicator_id", "figure_text", "value", "unit", "qualifier", "comparison", "display", "period_kind", "period_label", "period_start", "period_end", "region_id", "enterprise_id", "source_article_id", "evidence", "updated_at", "created_at", "_status" FROM \`metrics\`;`)
  await db.run(sql`DROP TABLE \`metrics\`;`)
  await db.run(sql`ALTER TABLE \`__new_metrics\` RENAME TO \`metrics\`;`)
  await db.run(sql`CREATE INDEX \`metrics_indicator_idx\` ON \`metrics\` (\`indicator_id\`);`)
  await db.run(sql`CREATE INDEX \`metrics_region_idx\` ON \`metrics\` (\`region_id\`);`)
  await db.run(sql`CREATE INDEX \`metrics_enterprise_idx\` ON \`metrics\` (\`enterprise_id\`);`)
  await db.run(sql`CREATE INDEX \`metrics_source_article_idx\` ON \`metrics\` (\`source_article_id\`);`)
  await db.run(sql`CREATE INDEX \`metrics_updated_at_idx\` ON \`metrics\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`metrics_created_at_idx\` ON \`metrics\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`metrics__status_idx\` ON \`metrics\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new__metrics_v\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`parent_id\` text(36),
  	\`version_title\` text,
  	\`version_indicator_id\` text(36),
  	\`version_figure_text\` text,
  	\`version_value\` numeric,
  	\`version_unit\` text,
  	\`version_qualifier\` text DEFAULT 'exact',
  	\`version_comparison\` text DEFAULT 'none',
  	\`version_display\` text,
  	\`version_period_kind\` text DEFAULT 'year',
  	\`version_period_label\` text,
  	\`version_period_start\` text,
  	\`version_period_end\` text,
  	\`version_region_id\` text(36),
  	\`version_enterprise_id\` text(36),
  	\`version_source_article_id\` text(36),
  	\`version_evidence\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`metrics\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_indicator_id\`) REFERENCES \`indicators\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_region_id\`) REFERENCES \`regions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_enterprise_id\`) REFERENCES \`enterprises\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_source_article_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__metrics_v\`("id", "parent_id", "version_title", "version_indicator_id", "version_figure_text", "version_value", "version_unit", "version_qualifier", "version_comparison", "version_display", "version_period_kind", "version_period_label", "version_period_start", "version_period_end", "version_region_id", "version_enterprise_id", "version_source_article_id", "version_evidence", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest") SELECT "id", "parent_id", "version_title", "version_indicator_id", "version_figure_text", "version_value", "version_unit", "version_qualifier", "version_comparison", "version_display", "version_period_kind", "version_period_label", "version_period_start", "version_period_end", "version_region_id", "version_enterprise_id", "version_source_article_id", "version_evidence", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest" FROM \`_metrics_v\`;`)
  await db.run(sql`DROP TABLE \`_metrics_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__metrics_v\` RENAME TO \`_metrics_v\`;`)
  await db.run(sql`CREATE INDEX \`_metrics_v_parent_idx\` ON \`_metrics_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_metrics_v_version_version_indicator_idx\` ON \`_metrics_v\` (\`version_indicator_id\`);`)
  await db.run(sql`CREATE INDEX \`_metrics_v_version_version_region_idx\` ON \`_metrics_v\` (\`version_region_id\`);`)
  await db.run(sql`CREATE INDEX \`_metrics_v_version_version_enterprise_idx\` ON \`_metrics_v\` (\`version_enterprise_id\`);`)
  await db.run(sql`CREATE INDEX \`_metrics_v_version_version_source_article_idx\` ON \`_metrics_v\` (\`version_source_article_id\`);`)
  await db.run(sql`CREATE INDEX \`_metrics_v_version_version_updated_at_idx\` ON \`_metrics_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_metrics_v_version_version_created_at_idx\` ON \`_metrics_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_metrics_v_version_version__status_idx\` ON \`_metrics_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_metrics_v_created_at_idx\` ON \`_metrics_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_metrics_v_updated_at_idx\` ON \`_metrics_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_metrics_v_latest_idx\` ON \`_metrics_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`__new_indicators\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`slug\` text,
  	\`kind\` text DEFAULT 'count',
  	\`canonical_unit\` text,
  	\`description\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft'
  );
  `)
  await db.run(sql`INSERT INTO \`__new_indicators\`("id", "name", "slug", "kind", "canonical_unit", "description", "updated_at", "created_at", "_status") SELECT "id", "name", "slug", "kind", "canonical_unit", "description", "updated_at", "created_at", "_status" FROM \`indicators\`;`)
  await db.run(sql`DROP TABLE \`indicators\`;`)
  await db.run(sql`ALTER TABLE \`__new_indicators\` RENAME TO \`indicators\`;`)
  await db.run(sql`CREATE INDEX \`indicators_name_idx\` ON \`indicators\` (\`name\`);`)
  await db.run(sql`CREATE INDEX \`indicators_slug_idx\` ON \`indicators\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`indicators_updated_at_idx\` ON \`indicators\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`indicators_created_at_idx\` ON \`indicators\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`indicators__status_idx\` ON \`indicators\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new__indicators_v\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`parent_id\` text(36),
  	\`version_name\` text,
  	\`version_slug\` text,
  	\`version_kind\` text DEFAULT 'count',
  	\`version_canonical_unit\` text,
  	\`version_description\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`indicators\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__indicators_v\`("id", "parent_id", "version_name", "version_slug", "version_kind", "version_canonical_unit", "version_description", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest") SELECT "id", "parent_id", "version_name", "version_slug", "version_kind", "version_canonical_unit", "version_description", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest" FROM \`_indicators_v\`;`)
  await db.run(sql`DROP TABLE \`_indicators_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__indicators_v\` RENAME TO \`_indicators_v\`;`)
  await db.run(sql`CREATE INDEX \`_indicators_v_parent_idx\` ON \`_indicators_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_indicators_v_version_version_name_idx\` ON \`_indicators_v\` (\`version_name\`);`)
  await db.run(sql`CREATE INDEX \`_indicators_v_version_version_slug_idx\` ON \`_indicators_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_indicators_v_version_version_updated_at_idx\` ON \`_indicators_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_indicators_v_version_version_created_at_idx\` ON \`_indicators_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_indicators_v_version_version__status_idx\` ON \`_indicators_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_indicators_v_created_at_idx\` ON \`_indicators_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_indicators_v_updated_at_idx\` ON \`_indicators_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_indicators_v_latest_idx\` ON \`_indicators_v\` (\`latest\`);`)
}
