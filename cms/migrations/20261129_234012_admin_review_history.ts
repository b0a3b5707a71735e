import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`articles_review_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`decision\` text,
  	\`by_id\` text(36),
  	\`at\` text,
  	\`note\` text,
  	FOREIGN KEY (\`by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`articles_review_history_order_idx\` ON \`articles_review_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`articles_review_history_parent_id_idx\` ON \`articles_review_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_review_history_by_idx\` ON \`articles_review_history\` (\`by_id\`);`)
  await db.run(sql`CREATE TABLE \`_articles_v_version_review_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`decision\` text,
  	\`by_id\` text(36),
  	\`at\` text,
  	\`note\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_articles_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_articles_v_version_review_history_order_idx\` ON \`_articles_v_version_review_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_review_history_parent_id_idx\` ON \`_articles_v_version_review_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_review_history_by_idx\` ON \`_articles_v_version_review_history\` (\`by_id\`);`)
  await db.run(sql`CREATE TABLE \`regions_review_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`decision\` text,
  	\`by_id\` text(36),
  	\`at\` text,
  	\`note\` text,
  	FOREIGN KEY (\`by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`regions\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`regions_review_history_order_idx\` ON \`regions_review_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`regions_review_history_parent_id_idx\` ON \`regions_review_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`regions_review_history_by_idx\` ON \`regions_review_history\` (\`by_id\`);`)
  await db.run(sql`CREATE TABLE \`_regions_v_version_review_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`decision\` text,
  	\`by_id\` text(36),
  	\`at\` text,
  	\`note\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_regions_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_regions_v_version_review_history_order_idx\` ON \`_regions_v_version_review_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_regions_v_version_review_history_parent_id_idx\` ON \`_regions_v_version_review_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_regions_v_version_review_history_by_idx\` ON \`_regions_v_version_review_history\` (\`by_id\`);`)
  await db.run(sql`CREATE TABLE \`enterprises_review_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`decision\` text,
  	\`by_id\` text(36),
  	\`at\` text,
  	\`note\` text,
  	FOREIGN KEY (\`by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`enterprises\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`enterprises_review_history_order_idx\` ON \`enterprises_review_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`enterprises_review_history_parent_id_idx\` ON \`enterprises_review_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`enterprises_review_history_by_idx\` ON \`enterprises_review_history\` (\`by_id\`);`)
  await db.run(sql`CREATE TABLE \`_enterprises_v_version_review_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`decision\` text,
  	\`by_id\` text(36),
  	\`at\` text,
  	\`note\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_enterprises_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_enterprises_v_version_review_history_order_idx\` ON \`_enterprises_v_version_review_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_enterprises_v_version_review_history_parent_id_idx\` ON \`_enterprises_v_version_review_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_enterprises_v_version_review_history_by_idx\` ON \`_enterprises_v_version_review_history\` (\`by_id\`);`)
  await db.run(sql`CREATE TABLE \`metrics_review_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`decision\` text,
  	\`by_id\` text(36),
  	\`at\` text,
  	\`note\` text,
  	FOREIGN KEY (\`by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`metrics\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`metrics_review_history_order_idx\` ON \`metrics_review_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`metrics_review_history_parent_id_idx\` ON \`metrics_review_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`metrics_review_history_by_idx\` ON \`metrics_review_history\` (\`by_id\`);`)
  await db.run(sql`CREATE TABLE \`_metrics_v_version_review_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`decision\` text,
  	\`by_id\` text(36),
  	\`at\` text,
  	\`note\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_metrics_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_metrics_v_version_review_history_order_idx\` ON \`_metrics_v_version_review_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_metrics_v_version_review_history_parent_id_idx\` ON \`_metrics_v_version_review_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_metrics_v_version_review_history_by_idx\` ON \`_metrics_v_version_review_history\` (\`by_id\`);`)
  await db.run(sql`CREATE TABLE \`indicators_review_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`decision\` text,
  	\`by_id\` text(36),
  	\`at\` text,
  	\`note\` text,
  	FOREIGN KEY (\`by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`indicators\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`indicators_review_history_order_idx\` ON \`indicators_review_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`indicators_review_history_parent_id_idx\` ON \`indicators_review_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`indicators_review_history_by_idx\` ON \`indicators_review_history\` (\`by_id\`);`)
  await db.run(sql`CREATE TABLE \`_indicators_v_version_review_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`decision\` text,
  	\`by_id\` text(36),
  	\`at\` text,
  	\`note\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_indicators_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_indicators_v_version_review_history_order_idx\` ON \`_indicators_v_version_review_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_indicators_v_version_review_history_parent_id_idx\` ON \`_indicators_v_version_review_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_indicators_v_version_review_history_by_idx\` ON \`_indicators_v_version_review_history\` (\`by_id\`);`)
  // Published ⇒ reviewed (issue #17): content published before the review hook recorded it on every
  // publish (demo content, imports published by hand) said 草稿 beside 已发布.
  for (const table of ['articles', 'regions', 'enterprises', 'metrics', 'indicators']) {
    await db.run(
      sql.raw(`UPDATE \`${table}\` SET \`review_state\` = 'published' WHERE \`_status\` = 'published'`),
    )
    await db.run(
      sql.raw(
        `UPDATE \`_${table}_v\` SET \`version_review_state\` = 'published' WHERE \`version__status\` = 'published'`,
      ),
    )
  }
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`articles_review_history\`;`)
  await db.run(sql`DROP TABLE \`_articles_v_version_review_history\`;`)
  await db.run(sql`DROP TABLE \`regions_review_history\`;`)
  await db.run(sql`DROP TABLE \`_regions_v_version_review_history\`;`)
  await db.run(sql`DROP TABLE \`enterprises_review_history\`;`)
  await db.run(sql`DROP TABLE \`_enterprises_v_version_review_history\`;`)
  await db.run(sql`DROP TABLE \`metrics_review_history\`;`)
  await db.run(sql`DROP TABLE \`_metrics_v_version_review_history\`;`)
  await db.run(sql`DROP TABLE \`indicators_review_history\`;`)
  await db.run(sql`DROP TABLE \`_indicators_v_version_review_history\`;`)
}
