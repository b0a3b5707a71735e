/**
 * npm run soak: a day of editing in minutes, against the processes `npm start` runs, watching their memory.
 *
 * Starts the two processes of scripts/soak/process.ts on a fresh SQLite file in a temporary folder — `main`
 * (publish worker with real portal builds, jobs runner, seeding) and `admin` (the REST API the admin uses) —
 * and drives the admin over HTTP as editors do: finds at depth 0 and 1, saves of drafts (review hook), saves
 * and publishes of published content (review and rebuild hooks, so the worker builds), imports of saved pages.
 * Each process reports its RSS and JS heap every second; after warm-up the soak prints, per process, the
 * growth per 1,000 operations and the peak against the post-warm-up RSS.
 *
 *   npm run soak -- [--minutes 5] [--warmup 2000] [--concurrency 2] [--no-builds]
 *
 * Targets (issue #14): per process, RSS growth ≤ 20 MiB per 10,000 operations after warm-up, heap flat, and
 * a 30-minute soak within 1.2× of the post-warm-up RSS.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
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
const builds = !args.includes('--no-builds')

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changai-soak-'))
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URI: `file:${path.join(dir, 'soak.db')}`,
  MEDIA_DIR: path.join(dir, 'media'),
  SITE_DIST: path.join(dir, 'site', 'dist'),
  PAYLOAD_SECRET: process.env.PAYLOAD_SECRET || 'soak-only-secret',
  SOAK_BUILDS: builds ? '1' : '0',
  NODE_ENV: 'production',
}

type Sample = { at: number; ops: number; rss: number; heap: number }
let ops = 0
let failures = 0
const failureExamples: string[] = []

function startProcess(role: 'main' | 'admin') {
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'scripts/soak/process.ts', role],
    {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const samples: Sample[] = []
  const ready = new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('MEM ')) {
        const { rss, heap } = JSON.parse(line.slice(4))
        samples.push({ at: Date.now(), ops, rss, heap })
      } else if (line.startsWith('READY')) resolve(line.slice(6))
    })
    readline.createInterface({ input: child.stderr! }).on('line', (line) => {
      if (/ERROR/.test(line)) console.log(`[${role}] ${line.slice(0, 300)}`)
    })
    child.on('exit', (code) => reject(new Error(`${role} exited with ${code} before it was ready`)))
  })
  return { role, child, samples, ready }
}

const stopProcess = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.on('exit', () => resolve())
    child.kill('SIGTERM')
  })

console.log(
  `Soak: ${minutes} min, warm-up ${warmupOps} operations, ${concurrency} editors, builds ${builds ? 'on' : 'off'}; in ${dir}`,
)
const main = startProcess('main')
await main.ready
const admin = startProcess('admin')
const { port, token } = JSON.parse(await admin.ready) as { port: number; token: string }
const base = `http://127.0.0.1:${port}/api`
const headers = { authorization: `JWT ${token}` }

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

const started = Date.now()
const deadline = started + minutes * 60_000
let next = 0
let lastReport = started
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
      const line = [main, admin]
        .map(({ role, samples }) => {
          const last = samples.at(-1)
          return `${role} RSS ${mib(last?.rss)} MiB heap ${mib(last?.heap)} MiB`
        })
        .join(', ')
      console.log(
        `${((Date.now() - started) / 60_000).toFixed(1)} min, ${ops} operations, ${failures} failed: ${line}`,
      )
    }
  }
}
const mib = (bytes = 0) => (bytes / 2 ** 20).toFixed(0)
await Promise.all(Array.from({ length: concurrency }, editor))
const queue = (await call('GET', '/site-builds?limit=1000&depth=0')) as { docs: { status: string }[] }
const buildsByStatus = queue.docs.reduce<Record<string, number>>(
  (counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
  {},
)
await Promise.all([stopProcess(admin.child), stopProcess(main.child)])

console.log(`\n${ops} operations in ${((Date.now() - started) / 60_000).toFixed(1)} min, ${failures} failed`)
for (const example of failureExamples) console.log(`  e.g. ${example}`)
console.log(`site builds in the queue by status: ${JSON.stringify(buildsByStatus)}`)
/** Least-squares slope of `value` against operations, in MiB per 1,000 operations: robust to one GC's drop. */
const slope = (samples: Sample[], value: (sample: Sample) => number) => {
  const n = samples.length
  const mx = samples.reduce((sum, s) => sum + s.ops, 0) / n
  const my = samples.reduce((sum, s) => sum + value(s), 0) / n
  const sxy = samples.reduce((sum, s) => sum + (s.ops - mx) * (value(s) - my), 0)
  const sxx = samples.reduce((sum, s) => sum + (s.ops - mx) ** 2, 0)
  return sxx ? (sxy / sxx / 2 ** 20) * 1000 : 0
}
console.log(
  '\n| process | RSS after warm-up | RSS at end | peak RSS | peak ÷ post-warm-up | RSS growth per 1,000 ops (fit) | per 10,000 ops | heap after warm-up | heap at end | heap growth per 10,000 ops (fit) |',
)
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const { role, samples } of [main, admin]) {
  const after = samples.filter((sample) => sample.ops >= warmupOps)
  if (after.length < 2) {
    console.log(`| ${role} | (fewer than ${warmupOps} operations: no figures after warm-up) |`)
    continue
  }
  const first = after[0]
  const last = after.at(-1)!
  const peak = Math.max(...after.map((sample) => sample.rss))
  const perThousand = slope(after, (sample) => sample.rss)
  const heapPerTenThousand = slope(after, (sample) => sample.heap) * 10
  console.log(
    `| ${role} | ${mib(first.rss)} MiB | ${mib(last.rss)} MiB | ${mib(peak)} MiB | ${(peak / first.rss).toFixed(2)} | ` +
      `${perThousand.toFixed(1)} MiB | ${(perThousand * 10).toFixed(0)} MiB | ${mib(first.heap)} MiB | ${mib(last.heap)} MiB | ` +
      `${heapPerTenThousand.toFixed(0)} MiB |`,
  )
}
console.log('\nRSS by 1,000 operations after warm-up (MiB):')
for (const { role, samples } of [main, admin]) {
  const marks: string[] = []
  for (let mark = warmupOps; ; mark += 1000) {
    const sample = samples.find((s) => s.ops >= mark)
    if (!sample) break
    marks.push(mib(sample.rss))
  }
  console.log(`  ${role}: ${marks.join(' → ')}`)
}
if (!args.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true })
process.exit(failures ? 1 : 0)
