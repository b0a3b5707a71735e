/**
 * `npm start` as an operator meets it: every setting validated before anything starts, secrets on disk readable
 * by their owner only, progress the whole way, loopback by default, and a stop on SIGTERM that leaves no
 * process, no open port, no scratch folder, and the portal build it interrupted queued for the next start.
 *
 * Slow: the product test builds the admin if no other test file has since the code changed.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { fileURLToPath } from 'node:url'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { readSettings, SETTING_NAMES, SettingsError } from '../config/settings'
import { startTestCms } from './helpers/cms'
import { isRunning, startProduct, type Product } from './helpers/product'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const MAIL = {
  SMTP_HOST: 'smtp.example.org',
  SMTP_FROM: 'changai@example.org',
  SERVER_URL: 'https://cms.example.org',
}

/** A bad value for every setting config/settings.ts reads, with what else it needs to be read at all. */
const BAD_VALUES: Record<string, Record<string, string>> = {
  CHANGAI_ROOT: { CHANGAI_ROOT: 'relative/checkout' },
  DATABASE_URI: { DATABASE_URI: 'postgres://cms:s3cret@db.example.net/changai' },
  PAYLOAD_SECRET: { PAYLOAD_SECRET: 'too-short' },
  HOST: { HOST: 'not a host!' },
  PORT: { PORT: '70000' },
  SITE_PORT: { SITE_PORT: 'http' },
  SITE_URL: { SITE_URL: 'localhost:4321' },
  SITE_DIST: { SITE_DIST: fileURLToPath(import.meta.url) },
  MEDIA_DIR: { MEDIA_DIR: fileURLToPath(import.meta.url) },
  CMS_URL: { CMS_URL: 'cms.example.org' },
  CMS_API_KEY: { CMS_URL: 'https://cms.example.org', CMS_API_KEY: 'secret key' },
  BUILD_HOOK_URL: { BUILD_HOOK_URL: 'ftp://ci.example.org/hook', BUILD_HOOK_SECRET: 'a-long-enough-secret' },
  BUILD_HOOK_SECRET: { BUILD_HOOK_URL: 'https://ci.example.org/hook', BUILD_HOOK_SECRET: 'short' },
  BUILD_HOOK_TOKEN: {
    BUILD_HOOK_URL: 'https://ci.example.org/hook',
    BUILD_HOOK_SECRET: 'a-long-enough-secret',
    BUILD_HOOK_TOKEN: 'Bearer abc',
  },
  BUILD_QUIET_MS: { BUILD_QUIET_MS: '1s' },
  BUILD_MAX_WAIT_MS: { BUILD_MAX_WAIT_MS: '-5' },
  PAYLOAD_JOBS_AUTORUN: { PAYLOAD_JOBS_AUTORUN: 'yes' },
  SERVER_URL: { SERVER_URL: 'cms.example.org' },
  CSRF_ORIGINS: { CSRF_ORIGINS: 'https://a.example.org,b.example.org' },
  SMTP_HOST: { SMTP_HOST: 'not a host!', SMTP_FROM: 'changai@example.org' },
  SMTP_PORT: { ...MAIL, SMTP_PORT: '25a' },
  SMTP_USER: { ...MAIL, SMTP_USER: 'two words' },
  SMTP_PASSWORD: { SMTP_PASSWORD: 'hunter2-secret' },
  SMTP_FROM: { SMTP_HOST: 'smtp.example.org', SMTP_FROM: 'not-an-address' },
}
const SECRET_VALUES = ['too-short', 'secret key', 'short', 'Bearer abc', 's3cret', 'hunter2-secret']

/** The test runner's environment without any of the product's settings (a developer's shell may set some). */
const withoutSettings = (env: NodeJS.ProcessEnv) => {
  const rest = { ...env }
  for (const name of SETTING_NAMES) delete rest[name]
  return rest
}

/** Runs `npm start`'s script with `env` on a fresh folder; resolves with its exit code and output. */
function runStart(env: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changai-start-'))
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start/index.ts'],
    {
      cwd: repoRoot,
      env: {
        ...withoutSettings(process.env),
        DATABASE_URI: `file:${path.join(dir, 'cms.db')}`,
        SITE_DIST: path.join(dir, 'dist'),
        MEDIA_DIR: path.join(dir, 'media'),
        PAYLOAD_SECRET: 'a-secret-for-the-settings-test',
        ...env,
      },
    },
  )
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  return new Promise<{ code: number | null; output: string; dir: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, output, dir })),
  )
}

describe('settings', () => {
  it('has a bad example for every setting the product reads', () => {
    expect(Object.keys(BAD_VALUES).sort()).toEqual([...SETTING_NAMES].sort())
  })

  it('reads defaults: loopback, ports 3000 and 4321, paths from the repository root', () => {
    const settings = readSettings({ PAYLOAD_SECRET: 'x'.repeat(16), SITE_DIST: '', MEDIA_DIR: 'data/m' })
    expect(settings).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      sitePort: 4321,
      siteUrl: 'http://localhost:4321',
      siteDist: path.join(repoRoot, 'site/dist'),
      mediaDir: path.join(repoRoot, 'data/m'),
      database: { kind: 'sqlite', file: path.join(repoRoot, 'data/changai.db') },
      buildQuietMs: 1000,
      buildMaxWaitMs: 5000,
    })
    expect(readSettings({ HOST: '0.0.0.0', SITE_PORT: '8080' })).toMatchObject({
      host: '0.0.0.0',
      siteUrl: 'http://localhost:8080',
    })
  })

  it.each(Object.entries(BAD_VALUES))(
    'refuses a bad %s, naming it, without repeating a secret',
    (name, env) => {
      const attempt = () => readSettings(env)
      expect(attempt).toThrow(SettingsError)
      const message = (() => {
        try {
          attempt()
        } catch (error) {
          return (error as Error).message
        }
      })()!
      expect(message).toContain(`${name}`)
      expect(message).toMatch(/is not (valid|set): expected |is set but SMTP_HOST is not/)
      for (const secret of SECRET_VALUES) expect(message).not.toContain(secret)
    },
  )

  it('stops npm start at once, before it touches the database, for a bad value of each setting', async () => {
    for (const [name, env] of Object.entries(BAD_VALUES)) {
      const { code, output, dir } = await runStart(env)
      expect({ name, code }).toEqual({ name, code: 1 })
      expect(output).toContain('Invalid settings:')
      expect(output).toContain(name)
      expect(fs.existsSync(path.join(dir, 'cms.db'))).toBe(false)
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 300_000)

  it('never lets a content hook run with a bad value: the CMS config refuses to load', async () => {
    process.env.PAYLOAD_SECRET = 'test-secret-not-for-production'
    process.env.BUILD_QUIET_MS = '1s'
    vi.resetModules()
    try {
      await expect(import('../cms/payload.config')).rejects.toThrow('BUILD_QUIET_MS="1s" is not valid')
    } finally {
      delete process.env.BUILD_QUIET_MS
      vi.resetModules()
    }
  })
})

/** The machine's own Node (Debian's, on CI: older than the project needs), if there is one and it is old. */
const oldNode = (() => {
  const node = '/usr/bin/node'
  if (!fs.existsSync(node)) return undefined
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
  const [major, minor] = version.slice(1).split('.').map(Number)
  return major! < 22 || (major === 22 && minor! < 12) ? version : undefined
})()

describe.skipIf(!oldNode)(`on an older Node (${oldNode})`, () => {
  it.each(['start', 'test', 'run build'])(
    'npm %s stops at once with one line saying what is needed',
    (command) => {
      const result = spawnSync('npm', command.split(' '), {
        cwd: repoRoot,
        env: { ...withoutSettings(process.env), PATH: '/usr/bin:/bin' },
        encoding: 'utf8',
        timeout: 60_000,
      })
      expect(result.status).toBe(1)
      const lines = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.includes('Node.js'))
      expect(lines).toEqual([
        `This project needs Node.js >=22.12.0 (this is ${oldNode}): install Node.js 24 (e.g. \`nvm install\`, which reads .nvmrc, or https://nodejs.org), then run the command again.`,
      ])
    },
  )
})

describe('secrets on disk', () => {
  it('writes a new PAYLOAD_SECRET to .env readable by its owner only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changai-env-'))
    const envFile = path.join(dir, '.env')
    const secret = process.env.PAYLOAD_SECRET
    delete process.env.PAYLOAD_SECRET
    try {
      const { prepareEnvironment } = await import('../scripts/lib/env')
      prepareEnvironment({ envFile })
      expect(fs.statSync(envFile).mode & 0o777).toBe(0o600)
      expect(fs.readFileSync(envFile, 'utf8')).toMatch(/^PAYLOAD_SECRET=[0-9a-f]{64}$/m)
      // A .env an operator made world-readable is made private again.
      fs.chmodSync(envFile, 0o644)
      prepareEnvironment({ envFile })
      expect(fs.statSync(envFile).mode & 0o777).toBe(0o600)
    } finally {
      process.env.PAYLOAD_SECRET = secret
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('creates the SQLite database and its journal readable by their owner only', async () => {
    const cms = await startTestCms()
    try {
      await cms.payload.count({ collection: 'articles' })
      for (const file of [cms.databaseFile, `${cms.databaseFile}-wal`].filter((f) => fs.existsSync(f))) {
        expect({ file, mode: fs.statSync(file).mode & 0o777 }).toEqual({ file, mode: 0o600 })
      }
    } finally {
      await cms.close()
    }
  })
})

/** The addresses something listens on at `port` (from /proc/net/tcp and tcp6), e.g. ['127.0.0.1']. */
function listeners(port: number) {
  const found: string[] = []
  for (const [file, v6] of [
    ['/proc/net/tcp', false],
    ['/proc/net/tcp6', true],
  ] as const) {
    if (!fs.existsSync(file)) continue
    for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/)
      if (state !== '0A' || !local) continue // 0A: LISTEN
      const [address, hexPort] = local.split(':')
      if (parseInt(hexPort!, 16) !== port) continue
      found.push(v6 ? (/^0+$/.test(address!) ? '::' : address!) : ipv4(address!))
    }
  }
  return found
}
const ipv4 = (hex: string) => [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.')

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => resolve(socket.destroy() && false))
    socket.once('error', () => resolve(true))
  })

describe('npm start on a fresh database', () => {
  let product: Product
  let restarted: Product | undefined
  let ports: [number, number]
  let edited: { slug: string; title: string }
  beforeAll(async () => {
    product = await startProduct({ timeoutMs: 15 * 60_000 })
    ports = [Number(new URL(product.apiUrl).port), Number(new URL(product.portalUrl).port)]
  }, 20 * 60_000)
  afterAll(async () => {
    await restarted?.stop()
    await product?.stop()
  }, 60_000)

  it('says what it is doing, step by step, and when the portal and the admin are ready', async () => {
    // Both answer a moment before their ready lines are written (the portal once its link is switched).
    const readLog = () => fs.readFileSync(product.logFile, 'utf8')
    await expect
      .poll(() => /^Portal ready: /m.test(readLog()) && /^Admin ready: /m.test(readLog()))
      .toBe(true)
    const log = readLog()
    const order = [
      /^产改门户: starting on Node v\d+.*listening on 127\.0\.0\.1/m,
      /^Database: ready/m,
      /^Demo content: loaded/m,
      /^Portal build: started \(启动\)/m,
      /^Portal build: \d+\/\d+ pages$/m,
      /^Portal build: done in [\d.]+ s \(启动\): \d+ pages rendered, \d+ reused$/m,
      /^Portal ready: http:\/\/127\.0\.0\.1:\d+$/m,
      /^Admin ready: http:\/\/127\.0\.0\.1:\d+\/admin/m,
    ]
    const positions = order.map((pattern) => ({ pattern: String(pattern), at: log.search(pattern) }))
    for (const { pattern, at } of positions)
      expect({ pattern, found: at >= 0 }).toEqual({ pattern, found: true })
    const portalSteps = positions.slice(0, 7).map((p) => p.at)
    expect(portalSteps).toEqual([...portalSteps].sort((a, b) => a - b))
    // The admin build, when this run made it, says what it does until it is done.
    if (log.includes('Admin build: building')) expect(log).toMatch(/^Admin build: done in /m)
  })

  it('listens on 127.0.0.1 only, for the admin and the portal', () => {
    for (const port of ports) expect(listeners(port)).toEqual(['127.0.0.1'])
  })

  it('answers the admin and the API with the security headers', async () => {
    for (const url of [`${product.adminUrl}/login`, `${product.apiUrl}/api/articles`]) {
      const { headers } = await fetch(url, { redirect: 'manual' })
      expect(headers.get('content-security-policy')).toMatch(/default-src 'self'/)
      expect(headers.get('x-frame-options')).toBe('SAMEORIGIN')
      expect(headers.get('x-content-type-options')).toBe('nosniff')
    }
  })

  it('stops on SIGTERM within 10 s: no process left, ports closed, no scratch folder, the build queued', async () => {
    const api = product.apiUrl
    const { token } = await fetch(`${api}/api/users/first-register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ops@example.org', password: 'correct-horse-battery', name: '运维' }),
    }).then((r) => r.json() as Promise<{ token: string }>)
    const auth = { authorization: `JWT ${token}`, 'content-type': 'application/json' }
    const { docs } = await fetch(`${api}/api/articles?limit=1&depth=0`, { headers: auth }).then(
      (r) => r.json() as Promise<{ docs: { id: string; title: string; slug: string }[] }>,
    )
    const article = docs[0]!
    edited = { slug: article.slug, title: `${article.title}（停止测试）` }
    const patched = await fetch(`${api}/api/articles/${article.id}`, {
      method: 'PATCH',
      headers: auth,
      body: JSON.stringify({ title: edited.title, _status: 'published' }),
    })
    expect(patched.status).toBe(200)
    // Stop while that change's build runs (or, if it was quicker than us, once it is done).
    await expect
      .poll(
        async () => {
          const builds = await fetch(`${api}/api/site-builds?depth=0&sort=-requestedAt&limit=1`, {
            headers: auth,
          }).then((r) => r.json() as Promise<{ docs: { status: string; summary: string }[] }>)
          return builds.docs[0]?.summary.includes('停止测试') ? builds.docs[0].status : 'not yet'
        },
        { timeout: 60_000, interval: 100 },
      )
      .toMatch(/running|succeeded/)

    const processes = product.processes()
    expect(processes.length).toBeGreaterThan(1)
    process.kill(product.pid, 'SIGTERM')
    await expect.poll(() => product.exited(), { timeout: 10_000, interval: 100 }).toBeDefined()
    expect(processes.filter(isRunning)).toEqual([])
    for (const port of ports) expect(await refused(port)).toBe(true)
    const scratch = fs
      .readdirSync(path.join(repoRoot, 'site'))
      .filter((entry) => entry.startsWith('.work-'))
      .map((entry) => Number(fs.readFileSync(path.join(repoRoot, 'site', entry, '.owner-pid'), 'utf8')))
    expect(scratch.filter((pid) => [product.pid, ...processes].includes(pid))).toEqual([])
    expect(fs.readFileSync(product.logFile, 'utf8')).toMatch(/^Stopped\.$/m)

    const database = new DatabaseSync(product.databaseFile)
    const statuses = database.prepare('select status, summary from site_builds').all() as {
      status: string
      summary: string
    }[]
    database.close()
    expect(statuses.filter((b) => b.status === 'running' || b.status === 'failed')).toEqual([])
    expect(statuses.find((b) => b.summary.includes('停止测试'))?.status).toMatch(/queued|succeeded/)
  }, 120_000)

  it('builds what was left queued after the next start', async () => {
    await product.stop({ keepDir: true })
    restarted = await startProduct({ dir: product.dir, ports })
    const database = () => {
      const db = new DatabaseSync(product.databaseFile, { readOnly: true })
      try {
        return db.prepare('select status from site_builds').all() as { status: string }[]
      } finally {
        db.close()
      }
    }
    await expect
      .poll(() => database().every((b) => b.status === 'succeeded'), { timeout: 180_000, interval: 1000 })
      .toBe(true)
    const page = await fetch(`${restarted.portalUrl}/articles/${edited.slug}/`).then((r) => r.text())
    expect(page).toContain(edited.title)
  }, 300_000)
})
