import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  // Slugs become unique (cms/fields/slug.ts). Where two documents share one, the published one (else the
  // oldest) keeps it; the others get their id's first characters appended, so the index can be created.
  for (const table of ['articles', 'regions', 'enterprises', 'indicators', 'channels', 'topics']) {
    await db.run(
      sql.raw(`UPDATE \`${table}\` SET slug = slug || '-' || substr(id, 1, 8)
        WHERE id IN (SELECT id FROM (SELECT id, ROW_NUMBER() OVER (
          PARTITION BY slug ORDER BY (_status = 'published') DESC, created_at, id) AS n
          FROM \`${table}\` WHERE slug IS NOT NULL) WHERE n > 1);`),
    )
  }
  await db.run(sql`DROP INDEX \`articles_slug_idx\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`articles_slug_idx\` ON \`articles\` (\`slug\`);`)
  await db.run(sql`DROP INDEX \`regions_slug_idx\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`regions_slug_idx\` ON \`regions\` (\`slug\`);`)
  await db.run(sql`DROP INDEX \`enterprises_slug_idx\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`enterprises_slug_idx\` ON \`enterprises\` (\`slug\`);`)
  await db.run(sql`DROP INDEX \`indicators_slug_idx\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`indicators_slug_idx\` ON \`indicators\` (\`slug\`);`)
  await db.run(sql`DROP INDEX \`channels_slug_idx\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`channels_slug_idx\` ON \`channels\` (\`slug\`);`)
  await db.run(sql`DROP INDEX \`topics_slug_idx\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`topics_slug_idx\` ON \`topics\` (\`slug\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`articles_slug_idx\`;`)
  await db.run(sql`CREATE INDEX \`articles_slug_idx\` ON \`articles\` (\`slug\`);`)
  await db.run(sql`DROP INDEX \`regions_slug_idx\`;`)
  await db.run(sql`CREATE INDEX \`regions_slug_idx\` ON \`regions\` (\`slug\`);`)
  await db.run(sql`DROP INDEX \`enterprises_slug_idx\`;`)
  await db.run(sql`CREATE INDEX \`enterprises_slug_idx\` ON \`enterprises\` (\`slug\`);`)
  await db.run(sql`DROP INDEX \`indicators_slug_idx\`;`)
  await db.run(sql`CREATE INDEX \`indicators_slug_idx\` ON \`indicators\` (\`slug\`);`)
  await db.run(sql`DROP INDEX \`channels_slug_idx\`;`)
  await db.run(sql`CREATE INDEX \`channels_slug_idx\` ON \`channels\` (\`slug\`);`)
  await db.run(sql`DROP INDEX \`topics_slug_idx\`;`)
  await db.run(sql`CREATE INDEX \`topics_slug_idx\` ON \`topics\` (\`slug\`);`)
}
