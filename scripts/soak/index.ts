/**
 * npm run soak: a day of editing in minutes, against the product as `npm start` runs it, watching its memory.
 *
 * Runs `npm start` on a fresh SQLite file in a temporary folder — its own process (`main`: publish worker
 * with real portal builds, jobs runner, seeding) and the Next.js server it starts (`admin`: the admin and the
 * REST API) — and drives the REST API over HTTP as editors do: finds at depth 0 and 1, saves of drafts (review
 * hook), saves and publishes of published content (review and rebuild hooks, so the worker builds), imports of
 * saved pages. memory-probe.cjs, loaded into both processes, reports their RSS and JS heap every second; after
 * warm-up the soak prints, per process, the growth per 1,000 operations and the peak against the post-warm-up
 * RSS.
 *
 *   npm run soak -- [--minutes 5] [--warmup 2000] [--concurrency 2] [--keep]
 *
 * Targets (issue #14): per process, RSS growth ≤ 20 MiB per 10,000 operations after warm-up, heap flat, and
 * a 30-minute soak within 1.2× of the post-warm-up RSS.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { fileURLToPath } from 'node:url'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const args = process.argv.slice(2)
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const minutes = option('--minutes', 5)
const warmupOps = option('--warmup', 2000)
const concurrency = option('--concurrency', 2)

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer().on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changai-soak-'))
const [port, sitePort] = [await freePort(), await freePort()]
const probe = `--require=${path.join(repoRoot, 'scripts/soak/memory-probe.cjs')}`
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URI: `file:${path.join(dir, 'soak.db')}`,
  MEDIA_DIR: path.join(dir, 'media'),
  SITE_DIST: path.join(dir, 'site', 'dist'),
  PAYLOAD_SECRET: process.env.PAYLOAD_SECRET || 'soak-only-secret-0123456789',
  PORT: String(port),
  SITE_PORT: String(sitePort),
  SITE_URL: `http://127.0.0.1:${sitePort}`,
  // The portal is built here, from this database, whatever the shell or .env says (empty wins over .env).
  CMS_URL: '',
  CMS_API_KEY: '',
  BUILD_HOOK_URL: '',
  NODE_OPTIONS: [process.env.NODE_OPTIONS, probe].filter(Boolean).join(' '),
  // npm runs the script on the first `node` on the PATH: this one.
  PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
}
for (const key of Object.keys(env)) if (/^(VITEST|NODE_ENV$)/.test(key)) delete env[key]

type Sample = {
  ops: number
  rss: number
  heapUsed: number
  heapTotal: number
  external: number
  arrayBuffers: number
}
const roles = ['main', 'admin'] as const
const samples: Record<(typeof roles)[number], Sample[]> = { main: [], admin: [] }
let ops = 0
let failures = 0
const failureExamples: string[] = []

console.log(`Soak: ${minutes} min, warm-up ${warmupOps} operations, ${concurrency} editors; in ${dir}`)
const logFile = path.join(dir, 'product.log')
const log = fs.createWriteStream(logFile)
const product = spawn('npm', ['start'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
const exited = new Promise<string>((resolve) =>
  product.on('exit', (code, signal) => resolve(`npm start exited with ${signal ?? code}`)),
)
readline.createInterface({ input: product.stdout! }).on('line', (line) => {
  if (!line.startsWith('SOAK-MEM ')) return void log.write(`${line}\n`)
  const { role, ...sample } = JSON.parse(line.slice(9)) as Sample & { role: (typeof roles)[number] }
  samples[role].push({ ...sample, ops })
})
readline.createInterface({ input: product.stderr! }).on('line', (line) => {
  log.write(`${line}\n`)
  if (/ERROR|Error:/.test(line)) console.log(`[npm start] ${line.slice(0, 300)}`)
})

const apiRoot = `http://127.0.0.1:${port}`
const base = `${apiRoot}/api`
let headers: Record<string, string> = {}
const post = (apiPath: string, body: unknown, auth: Record<string, string> = {}) =>
  fetch(`${base}${apiPath}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(async (response) => {
    if (!response.ok) throw new Error(`POST ${apiPath}: ${response.status} ${await response.text()}`)
    return response.json() as Promise<{ token?: string }>
  })

/** Waits for the admin and for the first portal build, then signs in as an editor (made by the first user). */
async function ready() {
  for (;;) {
    const gone = await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 1000))])
    if (gone) throw new Error(`${gone}; see ${logFile}`)
    const answers = await fetch(`http://127.0.0.1:${sitePort}/`).then(
      (response) => response.ok,
      () => false,
    )
    if (answers && fs.readFileSync(logFile, 'utf8').includes('Admin ready')) break
  }
  const admin = { email: 'soak-admin@example.org', password: 'soak-admin-password', name: '压测 管理员' }
  const { token: adminToken } = await post('/users/first-register', admin)
  const editor = { email: 'soak-editor@example.org', password: 'soak-editor-password', name: '压测 编辑' }
  await post('/users', { ...editor, role: 'editor' }, { authorization: `JWT ${adminToken}` })
  const { token } = await post('/users/login', editor)
  headers = { authorization: `JWT ${token}` }
}
await ready().catch(async (error: Error) => {
  product.kill('SIGTERM')
  console.log(`${error.message}\n${fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n')}`)
  process.exit(1)
})
const started = Date.now()
console.log(`npm start is ready (admin on port ${port}); editing …`)

async function call(method: string, apiPath: string, body?: unknown) {
  const response = await fetch(`${base}${apiPath}`, {
    method,
    headers: body instanceof FormData ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${apiPath}: ${response.status} ${text.slice(0, 200)}`)
  return text ? JSON.parse(text) : undefined
}

type Doc = { id: string; _status?: string; figureText?: string; summary?: string }
const list = async (collection: string, query = '') =>
  ((await call('GET', `/${collection}?limit=100&depth=0${query}`)) as { docs: Doc[] }).docs
const articles = await list('articles', '&draft=true')
const published = articles.filter((doc) => doc._status === 'published')
const metrics = await list('metrics')
const fixtures = [
  'news-credits.shtml',
  'gbk-news.shtml',
  'portal-traditional.shtml',
  'digest.txt',
  'forum-thread.txt',
]
const pick = <T>(docs: T[], i: number) => docs[i % docs.length]

/** One editor's action; the mix is a day of editing: mostly reading, some saving, now and then an import. */
async function operate(i: number) {
  const step = i % 20
  if (step < 8)
    return call('GET', `/articles?limit=10&depth=${step % 2}&where[id][equals]=${pick(articles, i).id}`)
  if (step < 10) return call('GET', `/articles?limit=20&depth=${step % 2}&sort=-publishedAt`)
  if (step < 12) return call('GET', `/metrics?limit=20&depth=${step % 2}`)
  if (step < 15) {
    const doc = pick(articles, i)
    return call('PATCH', `/articles/${doc.id}?draft=true`, {
      summary: `${doc.summary ?? ''}`.slice(0, 200) + ` (草稿 ${i})`,
    })
  }
  if (step < 17) {
    const metric = pick(metrics, i)
    return call('PATCH', `/metrics/${metric.id}`, { figureText: metric.figureText })
  }
  if (step < 19) {
    const doc = pick(published, i)
    return call('PATCH', `/articles/${doc.id}`, {
      _status: 'published',
      summary: `${doc.summary ?? ''}`.slice(0, 200),
    })
  }
  if (i % 200 === 19) {
    const name = pick(fixtures, Math.floor(i / 200))
    const form = new FormData()
    form.append(
      'file',
      new Blob([fs.readFileSync(path.join(repoRoot, 'tests/fixtures/import', name))], {
        type: name.endsWith('.txt') ? 'text/plain' : 'text/html',
      }),
      name,
    )
    form.append('_payload', JSON.stringify({}))
    return call('POST', '/saved-pages', form)
  }
  return call('GET', `/regions?limit=50&depth=1`)
}

const deadline = started + minutes * 60_000
let next = 0
let lastReport = started
const mib = (bytes = 0) => (bytes / 2 ** 20).toFixed(0)
const describe = (sample?: Sample) =>
  sample
    ? `RSS ${mib(sample.rss)} MiB (heap ${mib(sample.heapUsed)} of ${mib(sample.heapTotal)}, ` +
      `external ${mib(sample.external)})`
    : 'no sample yet'
const editor = async () => {
  while (Date.now() < deadline) {
    const i = next++
    try {
      await operate(i)
    } catch (error) {
      failures++
      if (failureExamples.length < 5) failureExamples.push((error as Error).message)
    }
    ops++
    if (Date.now() - lastReport > 30_000) {
      lastReport = Date.now()
      const line = roles.map((role) => `${role} ${describe(samples[role].at(-1))}`).join(', ')
      console.log(
        `${((Date.now() - started) / 60_000).toFixed(1)} min, ${ops} operations, ${failures} failed: ${line}`,
      )
    }
  }
}
await Promise.all(Array.from({ length: concurrency }, editor))
const queue = (await call('GET', '/site-builds?limit=1000&depth=0')) as { docs: { status: string }[] }
const buildsByStatus = queue.docs.reduce<Record<string, number>>(
  (counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
  {},
)
product.kill('SIGTERM')
console.log(`${await exited}`)

console.log(`\n${ops} operations in ${((Date.now() - started) / 60_000).toFixed(1)} min, ${failures} failed`)
for (const example of failureExamples) console.log(`  e.g. ${example}`)
console.log(`site builds in the queue by status: ${JSON.stringify(buildsByStatus)}`)
/** Least-squares slope of `value` against operations, in MiB per 1,000 operations: robust to one GC's drop. */
const slope = (after: Sample[], value: (sample: Sample) => number) => {
  const n = after.length
  const mx = after.reduce((sum, s) => sum + s.ops, 0) / n
  const my = after.reduce((sum, s) => sum + value(s), 0) / n
  const sxy = after.reduce((sum, s) => sum + (s.ops - mx) * (value(s) - my), 0)
  const sxx = after.reduce((sum, s) => sum + (s.ops - mx) ** 2, 0)
  return sxx ? (sxy / sxx / 2 ** 20) * 1000 : 0
}
console.log(
  '\n| process | RSS after warm-up | RSS at end | peak RSS | peak ÷ post-warm-up | lowest RSS after warm-up | peak ÷ lowest | RSS growth per 1,000 ops (fit) | per 10,000 ops | heap after warm-up | heap at end | heap growth per 10,000 ops (fit) |',
)
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const role of roles) {
  const after = samples[role].filter((sample) => sample.ops >= warmupOps)
  if (after.length < 2) {
    console.log(`| ${role} | (fewer than ${warmupOps} operations: no figures after warm-up) |`)
    continue
  }
  const first = after[0]!
  const last = after.at(-1)!
  const peak = Math.max(...after.map((sample) => sample.rss))
  // Stricter than the target: a post-warm-up sample taken before V8 first gave memory back flatters the ratio.
  const lowest = Math.min(...after.map((sample) => sample.rss))
  const perThousand = slope(after, (sample) => sample.rss)
  const heapPerTenThousand = slope(after, (sample) => sample.heapUsed) * 10
  console.log(
    `| ${role} | ${mib(first.rss)} MiB | ${mib(last.rss)} MiB | ${mib(peak)} MiB | ${(peak / first.rss).toFixed(2)} | ` +
      `${mib(lowest)} MiB | ${(peak / lowest).toFixed(2)} | ` +
      `${perThousand.toFixed(1)} MiB | ${(perThousand * 10).toFixed(0)} MiB | ${mib(first.heapUsed)} MiB | ` +
      `${mib(last.heapUsed)} MiB | ${heapPerTenThousand.toFixed(0)} MiB |`,
  )
}
console.log('\nEvery 1,000 operations after warm-up, RSS / heap used / heap total / external (MiB):')
for (const role of roles) {
  const marks: string[] = []
  for (let mark = warmupOps; ; mark += 1000) {
    const sample = samples[role].find((s) => s.ops >= mark)
    if (!sample) break
    marks.push(`${mib(sample.rss)}/${mib(sample.heapUsed)}/${mib(sample.heapTotal)}/${mib(sample.external)}`)
  }
  console.log(`  ${role}: ${marks.join(' ')}`)
}
if (!args.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true })
process.exit(failures ? 1 : 0)
