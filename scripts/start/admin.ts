/**
 * The admin and API: a Next.js app in cms/. `npm start` builds it when its sources changed since the last
 * build (first run, a pull, an upgrade), then serves it; `--dev` serves it in development mode instead.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import type { Settings } from '../../config/settings'
import { claimFolder, isAbandoned } from '../../site/output'
import { REPO_ROOT } from '../lib/env'
import { ALLOCATOR_ENV, NODE_MEMORY_FLAGS } from './memory'

/** What the admin build is made from: rebuilding is needed when any of it changes. */
const SOURCES = ['cms', 'config', 'content-schema', 'package-lock.json']
const STAMP = path.join(REPO_ROOT, 'cms/.next/changai-sources.sha256')
/** The build prints nothing for minutes while it compiles: say at least this often what it is doing. */
const HEARTBEAT_MS = 15_000

function fingerprint() {
  const hash = crypto.createHash('sha256')
  const visit = (file: string) => {
    const stat = fs.statSync(file)
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(file).sort()) {
        if (entry !== '.next' && entry !== 'node_modules') visit(path.join(file, entry))
      }
    } else {
      hash.update(path.relative(REPO_ROOT, file)).update(fs.readFileSync(file))
    }
  }
  for (const source of SOURCES) visit(path.join(REPO_ROOT, source))
  return hash.digest('hex')
}

const adminBuildIsCurrent = () =>
  fs.existsSync(path.join(REPO_ROOT, 'cms/.next/BUILD_ID')) &&
  fs.existsSync(STAMP) &&
  fs.readFileSync(STAMP, 'utf8') === fingerprint()

/**
 * The command that runs Next.js on cms/ with the settings it needs (the repository root: its bundles cannot
 * find it); the server that stays up (`start`, `dev`) also with npm start's memory settings (./memory.ts).
 */
export function nextCommand(args: string[]) {
  const serving = args[0] === 'start' || args[0] === 'dev'
  return {
    command: process.execPath,
    args: [
      ...(serving ? NODE_MEMORY_FLAGS : []),
      path.join(REPO_ROOT, 'node_modules/next/dist/bin/next'),
      ...args,
    ],
    env: {
      ...process.env,
      ...(serving ? ALLOCATOR_ENV : {}),
      NEXT_TELEMETRY_DISABLED: '1',
      // Jobs (scheduled publishing) run in npm start's own process only.
      PAYLOAD_JOBS_AUTORUN: 'false',
      CHANGAI_ROOT: REPO_ROOT,
    },
  }
}

/** Runs Next.js in a process group of its own, so that stopping it (stopGroup) also stops its workers. */
function runNext(args: string[], { pipeOutput }: { pipeOutput: boolean }) {
  const { command, args: argv, env } = nextCommand(args)
  return spawn(command, argv, {
    cwd: REPO_ROOT,
    detached: true,
    stdio: pipeOutput ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env,
  })
}

/** Sends `signal` to the process group a child leads (see runNext). */
export function stopGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  try {
    process.kill(-child.pid!, signal)
  } catch {
    // the group is gone already
  }
}

/** Resolves when the process has exited, with its exit code (or the signal that ended it). */
export const exitOf = (child: ChildProcess) =>
  new Promise<number | NodeJS.Signals>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode ?? child.signalCode!)
    else child.once('exit', (code, signal) => resolve(code ?? signal!))
  })

const elapsed = (since: number) => {
  const seconds = Math.round((Date.now() - since) / 1000)
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`
}

/**
 * Builds the admin unless it is current: `next build cms`, reporting every line Next prints and, while it is
 * silent (compiling takes minutes), a line every 15 s saying what it is still doing. Records the sources it
 * was built from when it succeeds. Two `npm start`s of one checkout (or two test files) never build at once:
 * the second waits for the first's build and then uses it.
 */
export async function buildAdminIfNeeded(
  log: (line: string) => void,
  onChild: (child: ChildProcess) => void,
) {
  if (adminBuildIsCurrent()) return
  await withBuildLock(log, async () => {
    if (adminBuildIsCurrent()) return
    log('Admin build: building the admin (first run, or its code changed; about a minute) …')
    const build = buildAdmin(log)
    onChild(build.child)
    await build.done
  })
}

/** Outside the admin's sources (their fingerprint would change with it), beside other tools' caches. */
const LOCK = path.join(REPO_ROOT, 'node_modules/.cache/changai-admin-build.lock')

/** Runs `work` while holding the build lock: a folder claimed by its process, taken over if that one is gone. */
async function withBuildLock(log: (line: string) => void, work: () => Promise<void>) {
  let waitingSaid = false
  for (;;) {
    try {
      fs.mkdirSync(path.dirname(LOCK), { recursive: true })
      fs.mkdirSync(LOCK)
      claimFolder(LOCK)
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      // A lock just made may not name its owner yet: give it a moment before taking it over.
      const madeAt = fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? 0
      if (isAbandoned(LOCK) && Date.now() - madeAt > 2000) {
        fs.rmSync(LOCK, { recursive: true, force: true })
        continue
      }
      if (!waitingSaid) log('Admin build: another process is building the admin; waiting for it …')
      waitingSaid = true
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
  }
  try {
    await work()
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true })
  }
}

function buildAdmin(log: (line: string) => void) {
  const started = Date.now()
  const child = runNext(['build', 'cms'], { pipeOutput: true })
  let phase = 'starting Next.js'
  let lastLine = Date.now()
  const report = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue
      phase = line.trim().replace(/^[✓⨯▲-]\s*/, '')
      lastLine = Date.now()
      log(`Admin build: ${line.trimEnd()}`)
    }
  }
  child.stdout!.on('data', report)
  child.stderr!.on('data', report)
  const heartbeat = setInterval(() => {
    if (Date.now() - lastLine >= HEARTBEAT_MS - 100) log(`Admin build: still ${phase} (${elapsed(started)})`)
  }, HEARTBEAT_MS)
  const done = exitOf(child).then((code) => {
    clearInterval(heartbeat)
    if (code !== 0) throw new Error(`the admin build (next build) ended with ${code}`)
    fs.writeFileSync(STAMP, fingerprint())
    log(`Admin build: done in ${elapsed(started)}`)
  })
  return { child, done }
}

/** Serves the admin and API (`next start`, or `next dev` with `dev`) on the configured host and port. */
export function serveAdmin({ host, port }: Settings, { dev }: { dev: boolean }) {
  return runNext([dev ? 'dev' : 'start', 'cms', '--hostname', host, '--port', String(port)], {
    pipeOutput: false,
  })
}

/** Resolves once the admin answers (a redirect to the login screen counts), or rejects if it exits first. */
export async function adminAnswers(url: string, child: ChildProcess) {
  const exited = exitOf(child)
  for (;;) {
    const answer = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(30_000) }).then(
      (response) => response.status < 500,
      () => false,
    )
    if (answer) return
    const gone = await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 500, undefined))])
    if (gone !== undefined) throw new Error(`the admin server (next) ended with ${gone} before it answered`)
  }
}
