import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'

import { readSettings } from '../../config/settings'

import { isBuildMessage, type BuildMessage, type WorkerMessage } from '../../site/integrations/build-progress'
import { RELEASE_PAGES_FILE, siteCodeHash } from '../../site/integrations/page-keys'
import { liveRelease, type ReleaseManifest } from '../../site/integrations/releases'
import { makeBuildWorkingDir, PULLED_CONTENT_ENV, sitePaths, siteUrlOf } from '../../site/output'
import { REPO_ROOT } from '../lib/env'
import { pullPortalContent, serializePull } from '../pull/index'
import { describeRejections, type Rejection } from '../pull/renderable'
import { localApiSource, localMediaFile } from '../pull/sources'

export type BuildResult = {
  ok: boolean
  pagesRendered: number
  pagesReused: number
  /** Output files of the pages rendered and reused, e.g. /articles/liushi-2021/index.html */
  rendered: string[]
  reused: string[]
  /**
   * For the admin's error summary: the lines that say what went wrong when the build failed; when it
   * succeeded, the published documents it had to leave out and why (see scripts/pull/renderable.ts).
   */
  error?: string
  /** Stopped because the product is stopping: nothing was published, and the build is to run again. */
  interrupted?: boolean
}

/** Pages a running build has rendered, of the pages it will render (once Astro has planned them all). */
export type BuildProgress = { done: number; total?: number }

/** What a caller may pass to a build: a signal that stops it, and where to report its progress. */
export type BuildControl = { signal?: AbortSignal; onProgress?: (progress: BuildProgress) => void }

const failed = (error: string, interrupted?: boolean): BuildResult => ({
  interrupted,
  ok: false,
  pagesRendered: 0,
  pagesReused: 0,
  rendered: [],
  reused: [],
  error,
})

/** An `astro build` of the portal as a child process, with the current environment (DATABASE_URI, SITE_DIST …). */
export type StartedBuild = {
  child: ChildProcess
  exited: Promise<number | Error>
  output: () => string
  workDir: string
  /** Pages rendered, as the build told them (see build-progress.ts). */
  rendered: string[]
  /** What the publish step told once the release was live. */
  published?: Extract<BuildMessage, { kind: 'published' }>
  /** Where its content loader waits for the content the worker pulls (PORTAL_CONTENT), if it does. */
  pulledFile?: string
  /** The live release and the site code when it started (see liveState). */
  live: string
  /** Pages rendered so far, and planned in all (told by the build over IPC, see build-progress.ts). */
  progress: BuildProgress
  /** Called on every page the build renders, and when it knows the total. */
  onProgress?: (progress: BuildProgress) => void
}

export function startBuild(env: NodeJS.ProcessEnv, { pullHere }: { pullHere: boolean }): StartedBuild {
  const astro = path.join(REPO_ROOT, 'node_modules/astro/bin/astro.mjs')
  const workDir = makeBuildWorkingDir()
  const pulledFile = pullHere ? path.join(workDir, 'content.json') : undefined
  const live = liveState(env)
  const child = spawn(process.execPath, [astro, 'build', '--root', path.join(REPO_ROOT, 'site')], {
    cwd: workDir,
    // A process group of its own: a Ctrl-C in the terminal reaches `npm start`, which stops the build itself
    // and queues it again, rather than the build dying first and being recorded as failed.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...env,
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      ...(pulledFile ? { [PULLED_CONTENT_ENV]: 'ipc' } : {}),
    },
  })
  let output = ''
  const started: StartedBuild = {
    child,
    exited: new Promise<number | Error>((resolve) => {
      // A build that cannot even start is a failed build, not a crash of the process running the worker.
      child.on('error', resolve)
      child.on('close', (code) => resolve(code ?? 1))
    }),
    output: () => output,
    workDir,
    rendered: [],
    pulledFile,
    live,
    progress: { done: 0 },
  }
  const planned = { fixed: 0, dynamic: 0 }
  const tell = () => started.onProgress?.({ ...started.progress })
  // The output is kept for the error summary of a failed build; what the build did comes over IPC.
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  child.on('message', (message) => {
    if (!isBuildMessage(message)) return
    switch (message.kind) {
      case 'fixed':
        planned.fixed = message.pages
        break
      case 'planned':
        planned.dynamic += message.pages
        break
      case 'rendered':
        started.rendered.push(message.file)
        started.progress.done = started.rendered.length
        break
      case 'published':
        started.published = message
        return
    }
    if (message.kind !== 'rendered') started.progress.total = planned.fixed + planned.dynamic
    tell()
  })
  return started
}

/** Stops the build's process group (it runs detached, see startBuild). */
function stopBuildProcess({ child }: StartedBuild) {
  if (child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid!, 'SIGTERM')
  } catch {
    child.kill()
  }
}

/** Stops a started build that will not be used, and removes its working folder. */
async function discardBuild(build: StartedBuild) {
  stopBuildProcess(build)
  await build.exited
  fs.rmSync(build.workDir, { recursive: true, force: true })
}

/**
 * What Astro decides from at start-up, before it reads the content (site/astro.config.ts): the live release
 * (its tree and manifest) and the site code. A build started ahead is used only while these are unchanged.
 */
function liveState(env: NodeJS.ProcessEnv) {
  const { live, siteRoot } = sitePaths(env)
  const tree = fs.existsSync(live) ? fs.realpathSync(live) : ''
  const manifest = tree
    ? fs.statSync(path.join(tree, RELEASE_PAGES_FILE), { throwIfNoEntry: false })
    : undefined
  return [tree, manifest?.mtimeMs, manifest?.size, siteCodeHash(siteRoot, siteUrlOf(env))].join(' ')
}

/**
 * Builds the portal. The build tells each page it renders and, once published, the pages it kept from the
 * live release (those never reach Astro), over IPC (see site/integrations/build-progress.ts).
 *
 * Given the running CMS's `payload`, it pulls the content here while Astro starts (Payload is already
 * loaded, so this saves the build starting a puller of its own), unless the content comes from a remote CMS
 * (CMS_URL). When the live release was built from the same content with the same code, the build would
 * change nothing: it is stopped, and the live release stays as it is. `started` is a build started ahead
 * (see prestartedBuilds), used if the live release and the code are as it saw them.
 */
export async function buildPortal(
  env: NodeJS.ProcessEnv = process.env,
  { payload, started, signal, onProgress }: { payload?: Payload; started?: StartedBuild } & BuildControl = {},
): Promise<BuildResult> {
  const pullHere = Boolean(payload && !readSettings(env).remoteCms)
  const usable =
    started?.child.exitCode === null &&
    started.child.signalCode === null &&
    Boolean(started.pulledFile) === pullHere &&
    started.live === liveState(env)
  if (started && !usable) await discardBuild(started)
  if (signal?.aborted) return failed('stopped before it started', true)
  const build = usable ? started : startBuild(env, { pullHere })
  build.onProgress = onProgress
  const stop = () => stopBuildProcess(build)
  signal?.addEventListener('abort', stop, { once: true })
  try {
    // While Astro starts; its content loader waits for the file (see site/integrations/content.ts).
    const tell = (message: WorkerMessage) => build.child.connected && build.child.send(message)
    const pull = build.pulledFile ? await pullForBuild(payload!, env, build.pulledFile, tell) : undefined
    const live = pull ? liveReleaseBuiltFrom(pull.digest, env) : undefined
    if (live) {
      await discardBuild(build)
      pull!.saveSnapshot()
      return { ...nothingChanged(live), error: describeRejections(pull!.rejected) }
    }
    const code = await build.exited
    if (signal?.aborted) return failed('stopped while building', true)
    pull?.saveSnapshot()
    return resultOf(build, code, pull?.rejected ?? [])
  } finally {
    signal?.removeEventListener('abort', stop)
    fs.rmSync(build.workDir, { recursive: true, force: true })
  }
}

function resultOf(build: StartedBuild, code: number | Error, rejected: Rejection[]): BuildResult {
  if (code instanceof Error) return failed(code.message)
  const rendered = build.rendered
  const reused = code === 0 ? (build.published?.reused ?? []) : []
  return {
    ok: code === 0,
    pagesRendered: rendered.length,
    pagesReused: reused.length,
    rendered,
    reused,
    error: code === 0 ? describeRejections(rejected) : failureSummary(build.output()),
  }
}

/**
 * The publish worker's builds, each started ahead, as soon as the one before it ended: Astro's start-up
 * (loading its modules, the config and the content store: about 3 s at 10,000 articles) is then done before
 * an edit comes in, and the build only waits for the pull. Content from a remote CMS (CMS_URL) is pulled by
 * Astro itself, so nothing is started ahead.
 */
export function prestartedBuilds(payload: Payload, env: NodeJS.ProcessEnv = process.env) {
  const ahead = () => (readSettings(env).remoteCms ? undefined : startBuild(env, { pullHere: true }))
  let next = ahead()
  return {
    build: async (control: BuildControl = {}) => {
      const result = await buildPortal(env, { payload, started: next, ...control })
      next = control.signal?.aborted ? undefined : ahead()
      return result
    },
    stop: async () => {
      if (next) await discardBuild(next)
      next = undefined
    },
  }
}

/**
 * The publish worker's pull: in the CMS's own process, where Payload already runs, into `file`; the build is
 * told where it is, or why the pull failed (`tell`, over IPC). A build that pulls for itself starts Payload
 * in a child process first, which takes seconds.
 *
 * The caller saves the pull's snapshot once the build is over: writing it (about 0.7 s at 10,000 articles)
 * would take the CPU from the build.
 */
export async function pullForBuild(
  payload: Payload,
  env: NodeJS.ProcessEnv,
  file: string,
  tell: (message: WorkerMessage) => void,
): Promise<{ digest: string; saveSnapshot: () => void; rejected: Rejection[] } | undefined> {
  try {
    const { pulled, saveSnapshot } = await pullPortalContent(localApiSource(payload), {
      publicDir: path.join(REPO_ROOT, 'site/public'),
      mediaFrom: localMediaFile(readSettings(env).mediaDir),
      snapshot: sitePaths(env).snapshot,
    })
    const { json, digest } = serializePull(pulled)
    fs.writeFileSync(file, json)
    tell({ kind: 'content', file })
    return { digest, saveSnapshot, rejected: pulled.rejected }
  } catch (error) {
    tell({ kind: 'content-failed', error: (error as Error).message })
    return undefined
  }
}

/** The live release's manifest, if it was built from this content with the site code as it is now. */
function liveReleaseBuiltFrom(contentDigest: string, env: NodeJS.ProcessEnv) {
  const { live, siteRoot } = sitePaths(env)
  const manifest = liveRelease(live)?.manifest
  if (manifest?.content !== contentDigest) return undefined
  return manifest.code === siteCodeHash(siteRoot, siteUrlOf(env)) ? manifest : undefined
}

/** A build that was not needed: every page of the live release is kept. */
function nothingChanged(live: ReleaseManifest): BuildResult {
  const reused = [...Object.keys(live.pages), ...live.written.filter((file) => file.endsWith('.html'))]
  return {
    ok: true,
    pagesRendered: 0,
    pagesReused: reused.length,
    rendered: [],
    reused: reused.map((file) => `/${file}`),
  }
}

/**
 * The lines that say what went wrong, without the stack trace. Astro lists every page it writes
 * ("├─ /articles/<slug>/index.html"), and a slug may contain "error" ("onerror"): those lines, and the
 * warnings, never count as the error.
 */
export function failureSummary(output: string) {
  const lines = output
    .split('\n')
    .filter((line) => line.trim() && !/^\s+at /.test(line) && !/[├└│]─/.test(line))
  const isError = (line: string) =>
    /\[(?:ERROR|error)\]|^\s*(?:\w*Error|error)\b|\berror:|\bfailed\b/i.test(line.replace(/\S*\/\S*/g, ''))
  const start = lines.findIndex(isError)
  return lines
    .slice(start >= 0 ? start : -15)
    .slice(0, 15)
    .join('\n')
}
