/**
 * The same figures as scripts/soak/ops.ts for bare Payload (3.90, @payloadcms/db-sqlite, one collection with
 * versions, no project code): the baseline issue #14 compares the product with. `--transactions` turns
 * transactions on as the product does; `--shared-client` gives the adapter the product's client
 * (cms/sqlite-client.ts) instead of its own.
 *
 *   npx tsx scripts/soak/bare.ts [--transactions] [--shared-client]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { buildConfig, getPayload, type CollectionSlug } from 'payload'

import { SharedSqliteClient } from '../../cms/sqlite-client'

const shared = process.argv.includes('--shared-client')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changai-bare-'))
const file = path.join(dir, 'bare.db')
// Payload's default for SQLite is no transactions; the product turns them on (cms/db.ts), as `--transactions` does.
const transactions = process.argv.includes('--transactions')
const adapter = sqliteAdapter({
  client: { url: `file:${file}` },
  push: true,
  ...(transactions ? { transactionOptions: {} } : {}),
})
const config = buildConfig({
  secret: 'bare-measurement-only',
  db: shared
    ? {
        ...adapter,
        init: (args) => {
          const instance = adapter.init(args)
          ;(instance as unknown as { client: unknown }).client = new SharedSqliteClient({ path: file })
          return instance
        },
      }
    : adapter,
  collections: [
    {
      slug: 'posts',
      versions: { drafts: true },
      fields: [
        { name: 'title', type: 'text', required: true },
        { name: 'summary', type: 'textarea' },
        { name: 'count', type: 'number' },
        { name: 'related', type: 'relationship', relationTo: 'posts' as CollectionSlug, hasMany: true },
      ],
    },
  ],
  telemetry: false,
})
const payload = await getPayload({ config })
// This collection is not in the product's generated types.
type Untyped = (args: Record<string, unknown>) => Promise<{ id: string | number }>
const local = payload as unknown as { find: Untyped; create: Untyped; update: Untyped }
const ids: (string | number)[] = []
for (let i = 0; i < 40; i++) {
  const doc = await local.create({
    collection: 'posts',
    data: {
      title: `Post ${i}`,
      summary: 'x'.repeat(500),
      count: i,
      related: ids.slice(-3),
      _status: 'published',
    },
  })
  ids.push(doc.id)
}
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0)
const phases: [string, number, (i: number) => Promise<unknown>][] = [
  [
    'finds, depth 1',
    2000,
    (i) => local.find({ collection: 'posts', depth: 1, limit: 10, where: { id: { equals: ids[i % 40] } } }),
  ],
  [
    'finds, depth 0',
    2000,
    (i) => local.find({ collection: 'posts', depth: 0, limit: 10, where: { id: { equals: ids[i % 40] } } }),
  ],
  ['updates', 500, (i) => local.update({ collection: 'posts', id: ids[i % 40], data: { count: i } })],
]
for (let i = 0; i < 50; i++) await phases[0][2](i)
const start = process.memoryUsage().rss
console.log(
  `bare Payload, transactions ${transactions ? 'on' : 'off'}, ${shared ? 'shared client' : 'libsql createClient'}: ` +
    `RSS after warm-up ${mib(start)} MiB`,
)
for (const [name, count, run] of phases) {
  const before = process.memoryUsage().rss
  for (let i = 0; i < count; i++) await run(i)
  console.log(`| ${name} | ${count} | +${mib(process.memoryUsage().rss - before)} MiB |`)
}
console.log(`2,000 + 2,000 finds and 500 updates: +${mib(process.memoryUsage().rss - start)} MiB`)
await payload.destroy()
fs.rmSync(dir, { recursive: true, force: true })
process.exit(0)
