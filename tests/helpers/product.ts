import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export type Product = {
  /** e.g. http://127.0.0.1:41234/admin */
  adminUrl: string
  /** The Next.js server's root, for the REST API: `${apiUrl}/api/articles`. */
  apiUrl: string
  /** e.g. http://127.0.0.1:41235 */
  portalUrl: string
  /** The temporary folder holding the database, the portal's builds, the media and the log. */
  dir: string
  databaseFile: string
  logFile: string
  /** The last lines the product printed. */
  logTail: (lines?: number) => string
  /** The `npm start` process, and every process below it now. */
  pid: number
  processes: () => number[]
  /** Whether the start process has exited, and how. */
  exited: () => string | undefined
  /**
   * Stops it as an operator would (SIGTERM to the start process) and waits up to 15 s; then kills whatever
   * is left of its processes, and removes the folder unless `keepDir`.
   */
  stop: (options?: { keepDir?: boolean }) => Promise<void>
}

/** The processes `pid` started itself, from /proc. */
export const childrenOf = (pid: number) => processTree().get(pid) ?? []

/** Every process below `pid` (children, their children …), from /proc. */
export function descendantsOf(pid: number): number[] {
  const children = processTree()
  const found: number[] = []
  const visit = (parent: number) => {
    for (const child of children.get(parent) ?? []) {
      found.push(child)
      visit(child)
    }
  }
  visit(pid)
  return found
}

/** Parent → children, for every process now. */
function processTree() {
  const children = new Map<number, number[]>()
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      // "pid (comm) state ppid …": the command may hold spaces and parentheses, so read after the last ')'.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {
      // the process ended while we looked
    }
  }
  return children
}

export const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0)
    return !/^\S+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

/** A port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts the real product as the README says (`npm start`) in its own process group,
 * on a fresh temporary folder: an empty SQLite database (so it migrates and loads the demo content), its own
 * portal output, media folder, secret and ports. Resolves once the admin and the portal both answer. The first
 * run after a code change builds the admin (`next build cms`), which takes minutes.
 */
export async function startProduct({
  timeoutMs = 10 * 60_000,
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changai-product-')),
  ports,
}: { timeoutMs?: number; dir?: string; ports?: [number, number] } = {}): Promise<Product> {
  const [port, sitePort] = ports ?? [await freePort(), await freePort()]
  const databaseFile = path.join(dir, 'cms.db')
  const logFile = path.join(dir, 'product.log')
  const log = fs.openSync(logFile, 'a')

  const env: NodeJS.ProcessEnv = { ...process.env }
  // The test runner's own settings must not leak into the product (NODE_ENV=test changes how Next.js runs).
  for (const key of Object.keys(env)) if (/^(VITEST|NODE_ENV$|TEST$)/.test(key)) delete env[key]
  Object.assign(env, {
    DATABASE_URI: `file:${databaseFile}`,
    SITE_DIST: path.join(dir, 'site/dist'),
    MEDIA_DIR: path.join(dir, 'media'),
    PAYLOAD_SECRET: secretOf(dir),
    PORT: String(port),
    SITE_PORT: String(sitePort),
    SITE_URL: `http://127.0.0.1:${sitePort}`,
    BUILD_QUIET_MS: '300',
    // Build the portal here from this database, whatever the shell or .env says (empty wins over .env).
    CMS_URL: '',
    CMS_API_KEY: '',
    BUILD_HOOK_URL: '',
    PREVIEW_ARTICLE_ID: '',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  })
  // `npm start`, as the README says, on this Node (npm runs on the first `node` on the PATH): a signal to it
  // must reach the product through npm and the shell it runs the script with.
  env.PATH = `${path.dirname(process.execPath)}${path.delimiter}${env.PATH ?? ''}`
  const child = spawn('npm', ['start'], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', log, log],
  })
  fs.closeSync(log)
  let exited: string | undefined
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = `exited with ${signal ?? `code ${code}`}`
      resolve()
    }),
  )

  const logTail = (lines = 60) =>
    fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n') : ''

  // The product starts Next.js and portal builds in process groups of their own: known from /proc.
  const seen = new Set<number>()
  const processes = () => {
    const now = descendantsOf(child.pid!)
    for (const pid of now) seen.add(pid)
    return now
  }
  const watch = setInterval(processes, 500)
  const killAll = () => {
    for (const pid of [child.pid!, ...processes(), ...seen]) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // gone already
      }
    }
  }
  // Should this process end without calling stop() (a killed test worker), the product goes with it.
  process.on('exit', killAll)
  const stop = async ({ keepDir = false } = {}) => {
    processes()
    clearInterval(watch)
    if (!exited) {
      process.kill(child.pid!, 'SIGTERM')
      const timer = new Promise((resolve) => setTimeout(resolve, 15_000))
      await Promise.race([exit, timer])
    }
    // Whatever is left (a portal build, Next.js' workers) goes too.
    killAll()
    process.off('exit', killAll)
    if (!keepDir) fs.rmSync(dir, { recursive: true, force: true })
  }

  const adminUrl = `http://127.0.0.1:${port}/admin`
  const portalUrl = `http://127.0.0.1:${sitePort}`
  const deadline = Date.now() + timeoutMs
  const answers = async (url: string, ok: (status: number) => boolean) => {
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(30_000) })
      await response.arrayBuffer()
      return ok(response.status)
    } catch {
      return false
    }
  }
  try {
    // The admin redirects to /admin/create-first-user or /admin/login: anything but a server error will do.
    for (const [url, ok] of [
      [adminUrl, (status: number) => status < 500],
      [`${portalUrl}/`, (status: number) => status === 200],
    ] as const) {
      while (!(await answers(url, ok))) {
        if (exited) throw new Error(`the product ${exited} before ${url} answered`)
        if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`)
        await new Promise((resolve) => setTimeout(resolve, 1000))
      }
    }
  } catch (error) {
    const tail = logTail(80)
    await stop()
    throw new Error(`${(error as Error).message}\n--- last lines of ${logFile} ---\n${tail}`, {
      cause: error,
    })
  }
  return {
    adminUrl,
    apiUrl: `http://127.0.0.1:${port}`,
    portalUrl,
    dir,
    databaseFile,
    logFile,
    logTail,
    pid: child.pid!,
    processes,
    exited: () => exited,
    stop,
  }
}

/** One secret per product folder, so that a restart on the same folder keeps its sessions valid. */
function secretOf(dir: string) {
  const file = path.join(dir, 'secret')
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'))
  return fs.readFileSync(file, 'utf8')
}
