import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`site_settings\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`organizer\` text NOT NULL,
  	\`contact_email\` text,
  	\`contact_phone\` text,
  	\`icp_number\` text,
  	\`public_security_number\` text,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  // 多 and 逾 are qualifiers of their own now (content-schema/enums.ts): figures the editor wrote with them get
  // them back, read from the figure as written, and their display says the same word.
  for (const [table, prefix] of [
    ['metrics', ''],
    ['_metrics_v', 'version_'],
  ] as const) {
    const column = (name: string) => sql.raw(`\`${prefix}${name}\``)
    await db.run(
      sql`UPDATE ${sql.raw(table)} SET ${column('qualifier')} = 'moreDuo', ${column('display')} = replace(${column('display')}, '余', '多') WHERE ${column('qualifier')} = 'more' AND ${column('figure_text')} LIKE '%多%' AND ${column('figure_text')} NOT LIKE '%余%'`,
    )
    await db.run(
      sql`UPDATE ${sql.raw(table)} SET ${column('qualifier')} = 'overYu', ${column('display')} = replace(${column('display')}, '超过', '逾') WHERE ${column('qualifier')} = 'over' AND ${column('figure_text')} LIKE '%逾%'`,
    )
  }
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  for (const [table, prefix] of [
    ['metrics', ''],
    ['_metrics_v', 'version_'],
  ] as const) {
    const column = (name: string) => sql.raw(`\`${prefix}${name}\``)
    await db.run(
      sql`UPDATE ${sql.raw(table)} SET ${column('qualifier')} = 'more', ${column('display')} = replace(${column('display')}, '多', '余') WHERE ${column('qualifier')} = 'moreDuo'`,
    )
    await db.run(
      sql`UPDATE ${sql.raw(table)} SET ${column('qualifier')} = 'over', ${column('display')} = replace(${column('display')}, '逾', '超过') WHERE ${column('qualifier')} = 'overYu'`,
    )
  }
  await db.run(sql`DROP TABLE \`site_settings\`;`)
}
