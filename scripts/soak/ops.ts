/**
 * RSS per operation on the embedded database (issue #14's table): one process, the product's Payload config,
 * a freshly seeded SQLite file, Local API only. Each phase prints how much resident memory and JS heap it
 * added. Figures, not a test: run it before and after a change to compare.
 *
 *   npx tsx scripts/soak/ops.ts [--scale 1] [--mixed]
 *
 * `--scale 0.5` halves every count; `--mixed` adds the long mixed phase (12,000 finds + 3,000 updates at scale 1),
 * printing RSS every 1,000 operations (after a full collection with `--gc` and node --expose-gc).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const args = process.argv.slice(2)
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const scale = flag('--scale', 1)
const n = (count: number) => Math.max(1, Math.round(count * scale))

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changai-ops-'))
process.env.DATABASE_URI = `file:${path.join(dir, 'ops.db')}`
process.env.PAYLOAD_SECRET ||= 'ops-measurement-only'
process.env.MEDIA_DIR = path.join(dir, 'media')

const { default: config } = await import('../../cms/payload.config')
const { getPayload } = await import('payload')
const { seedDemoContent } = await import('../seed/index')
const payload = await getPayload({ config })
await seedDemoContent(payload)

const mib = (bytes: number) => bytes / 2 ** 20
const articles = (await payload.find({ collection: 'articles', depth: 0, limit: 100, draft: true })).docs
const metrics = (await payload.find({ collection: 'metrics', depth: 0, limit: 100 })).docs
const client = (payload.db as unknown as { client: { execute: (sql: string) => Promise<unknown> } }).client

const findArticle = (i: number, depth: number) =>
  payload.find({
    collection: 'articles',
    depth,
    limit: 10,
    where: { id: { equals: articles[i % articles.length].id } },
  })
const saveMetric = (i: number) => {
  const metric = metrics[i % metrics.length]
  return payload.update({ collection: 'metrics', id: metric.id, data: { figureText: metric.figureText } })
}

type Phase = { name: string; count: number; run: (i: number) => Promise<unknown> }
const phases: Phase[] = [
  { name: 'article finds, depth 1', count: n(2000), run: (i) => findArticle(i, 1) },
  { name: 'article finds, depth 0', count: n(2000), run: (i) => findArticle(i, 0) },
  { name: 'figure (metrics) updates', count: n(500), run: saveMetric },
  { name: 'raw select 1', count: n(2000), run: () => client.execute('select 1') },
]
if (args.includes('--mixed')) {
  phases.push({
    name: 'mixed: finds + updates (4:1)',
    count: n(15000),
    run: (i) => (i % 5 === 4 ? saveMetric(i) : findArticle(i, i % 2)),
  })
}

// Warm up: the first calls load code and fill caches; growth is counted from after this.
for (let i = 0; i < 50; i++) {
  await findArticle(i, 1)
  await saveMetric(i)
}

const started = process.memoryUsage()
console.log(
  `after warm-up: RSS ${mib(started.rss).toFixed(0)} MiB, heap ${mib(started.heapUsed).toFixed(0)} MiB ` +
    `(committed ${mib(started.heapTotal).toFixed(0)} MiB), external ${mib(started.external).toFixed(0)} MiB`,
)
console.log(
  '| operation | count | RSS before (MiB) | RSS after (MiB) | RSS growth (MiB) | heap after (MiB) | ms |',
)
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const phase of phases) {
  const before = process.memoryUsage().rss
  const t0 = performance.now()
  const curve: string[] = []
  for (let i = 0; i < phase.count; i++) {
    await phase.run(i)
    if (phase.count > 5000 && (i + 1) % 1000 === 0) {
      if (args.includes('--gc')) (globalThis as { gc?: () => void }).gc?.()
      const status = fs.readFileSync('/proc/self/status', 'utf8')
      const kb = (field: string) =>
        Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024)
      curve.push(
        `${mib(process.memoryUsage().rss).toFixed(0)} (anon ${kb('RssAnon')}, file ${kb('RssFile')}, shm ${kb('RssShmem')})`,
      )
    }
  }
  if (curve.length) console.log(`  ${phase.name}, RSS every 1,000 operations (MiB): ${curve.join(' → ')}`)
  const ms = performance.now() - t0
  const after = process.memoryUsage()
  console.log(
    `| ${phase.name} | ${phase.count} | ${mib(before).toFixed(0)} | ${mib(after.rss).toFixed(0)} | ` +
      `${(mib(after.rss) - mib(before)).toFixed(0)} | ${mib(after.heapUsed).toFixed(0)} | ${ms.toFixed(0)} |`,
  )
}
for (const suffix of ['', '-wal', '-shm']) {
  const file = path.join(dir, `ops.db${suffix}`)
  if (fs.existsSync(file)) console.log(`ops.db${suffix}: ${mib(fs.statSync(file).size).toFixed(1)} MiB`)
}
const gc = (globalThis as { gc?: () => void }).gc
if (gc) {
  gc()
  const collected = process.memoryUsage()
  console.log(
    `after a full GC: RSS ${mib(collected.rss).toFixed(0)} MiB, heap ${mib(collected.heapUsed).toFixed(0)} MiB ` +
      `(committed ${mib(collected.heapTotal).toFixed(0)} MiB), external ${mib(collected.external).toFixed(0)} MiB`,
  )
}
console.log(
  'database client:',
  JSON.stringify((client as { stats?: unknown }).stats ?? 'libsql createClient'),
)
await payload.destroy()
fs.rmSync(dir, { recursive: true, force: true })
process.exit(0)
