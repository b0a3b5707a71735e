import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'

import { settings } from '../../config/settings'
import { sitePaths } from '../../site/output'
import type { SiteBuild } from '../../content-schema/payload-types'
import {
  buildPortal,
  prestartedBuilds,
  type BuildControl,
  type BuildProgress,
  type BuildResult,
} from './build'
import { sendBuildHook } from './hook'

export type WorkerHeartbeat = { pid: number; at: string }
export const HEARTBEAT_EVERY_MS = 5000

/** How a build ended: built here (a BuildResult) or handed to external CI (with the attempts it took). */
export type BuildOutcome = Pick<BuildResult, 'ok' | 'error' | 'interrupted'> &
  Partial<Pick<BuildResult, 'pagesRendered' | 'pagesReused'>> & { attempts?: number }

/** What the worker tells its owner (npm start prints it): a build started, how far it is, how it ended. */
export type WorkerEvent =
  | { kind: 'started'; build: SiteBuild }
  | { kind: 'progress'; build: SiteBuild; progress: BuildProgress }
  | { kind: 'finished'; build: SiteBuild; result: BuildOutcome; durationMs: number }

type Options = {
  /** How often to look at the queue. */
  pollMs?: number
  /** Runs one portal build (by default each started ahead, see prestartedBuilds); replaceable in tests. */
  build?: (control: BuildControl) => Promise<BuildResult>
  /** External CI mode: notify this URL instead of building here (BUILD_HOOK_URL, BUILD_HOOK_SECRET). */
  hook?: { url: string; secret: string; token?: string; retries?: number; baseDelayMs?: number }
  onEvent?: (event: WorkerEvent) => void
}

/**
 * Works through the site-builds queue, one build at a time, so two builds never write at once. Queued builds
 * wait until their `notBefore` (the end of a burst of changes); builds of several changes that raced into the
 * queue are merged. A build left "running" by a process that died is queued again on start.
 */
export function startPublishWorker(
  payload: Payload,
  { pollMs = 500, build, hook = settings().buildHook, onEvent = logFailures(payload) }: Options = {},
) {
  if (hook && !hook.secret)
    throw new Error(
      'BUILD_HOOK_URL is set but BUILD_HOOK_SECRET is not: refusing to send unsigned build hooks.',
    )
  const builds = build || hook ? undefined : prestartedBuilds(payload)
  // (In external CI mode nothing is built here.)
  const buildOnce = build ?? builds?.build ?? ((control) => buildPortal(process.env, { payload, ...control }))
  const interrupt = new AbortController()
  let stopped = false
  let wake = () => {}
  const run = async () => {
    await requeueInterrupted(payload)
    while (!stopped) {
      const step = { build: buildOnce, hook, pollMs, signal: interrupt.signal, onEvent }
      const wait = await runNextBuild(payload, step).catch((error: Error) => {
        payload.logger.error(`Publish worker: ${error.message}`)
        return pollMs
      })
      if (wait && !stopped)
        await new Promise<void>((resolve) => {
          wake = resolve
          setTimeout(resolve, wait)
        })
    }
  }
  beat()
  // Also while a build runs, which can take minutes.
  const heartbeat = setInterval(beat, HEARTBEAT_EVERY_MS)
  const running = run()
  return {
    /**
     * Stops. By default the build in progress (if any) is finished first; with `interrupt`, it is stopped at
     * once and left queued, to run again on the next start.
     */
    stop: async ({ interrupt: now = false } = {}) => {
      stopped = true
      clearInterval(heartbeat)
      if (now) interrupt.abort()
      wake()
      await running
      await builds?.stop()
      fs.rmSync(sitePaths().heartbeat, { force: true })
    },
  }
}

/** Tells GET /api/health (another process) that the worker is alive. */
function beat() {
  const { heartbeat } = sitePaths()
  const beat: WorkerHeartbeat = { pid: process.pid, at: new Date().toISOString() }
  fs.mkdirSync(path.dirname(heartbeat), { recursive: true })
  fs.writeFileSync(`${heartbeat}.partial`, JSON.stringify(beat))
  fs.renameSync(`${heartbeat}.partial`, heartbeat)
}

/** Without an owner that reports builds, failures still reach the log. */
const logFailures =
  (payload: Payload) =>
  (event: WorkerEvent): void => {
    if (event.kind === 'finished' && !event.result.ok && !event.result.interrupted)
      payload.logger.error(`Site build ${event.build.id} failed: ${event.result.error}`)
  }

const INTERRUPTED = '上次构建因服务停止而中断，已重新排队，将在服务启动后重新构建'

async function requeueInterrupted(payload: Payload) {
  const { docs } = await payload.find({
    collection: 'site-builds',
    where: { status: { equals: 'running' } },
    depth: 0,
  })
  for (const doc of docs) {
    await payload.update({
      collection: 'site-builds',
      id: doc.id,
      data: {
        status: 'queued',
        notBefore: new Date().toISOString(),
        error: INTERRUPTED,
      },
    })
  }
}

/**
 * Runs the queued builds that are due, merged into one. Returns how long to wait before looking again: none
 * after a build, else until the next queued build is due, at most `pollMs` (so new requests are seen).
 */
async function runNextBuild(
  payload: Payload,
  {
    build,
    hook,
    pollMs,
    signal,
    onEvent,
  }: Pick<Options, 'hook'> &
    Required<Pick<Options, 'build' | 'pollMs' | 'onEvent'>> & { signal: AbortSignal },
) {
  const { docs: queued } = await payload.find({
    collection: 'site-builds',
    where: { status: { equals: 'queued' } },
    sort: 'requestedAt',
    depth: 0,
    pagination: false,
  })
  const now = Date.now()
  const dueAt = (b: SiteBuild) => (b.notBefore ? Date.parse(b.notBefore) : Infinity)
  const due = queued.filter((b) => dueAt(b) <= now)
  if (!due.length) return Math.min(pollMs, Math.max(10, Math.min(...queued.map(dueAt)) - now))
  const next = await mergeQueued(payload, due)
  const startedAt = new Date()
  await payload.update({
    collection: 'site-builds',
    id: next.id,
    data: {
      status: 'running',
      startedAt: startedAt.toISOString(),
      attempts: (next.attempts ?? 0) + 1,
      error: null,
    },
  })
  onEvent({ kind: 'started', build: next })
  const onProgress = (progress: BuildProgress) => onEvent({ kind: 'progress', build: next, progress })
  const result: BuildOutcome = hook ? await notifyExternalCi(next, hook) : await build({ signal, onProgress })
  const finishedAt = new Date()
  const durationMs = finishedAt.getTime() - startedAt.getTime()
  onEvent({ kind: 'finished', build: next, result, durationMs })
  if (result.interrupted) {
    await payload.update({
      collection: 'site-builds',
      id: next.id,
      data: { status: 'queued', notBefore: finishedAt.toISOString(), error: INTERRUPTED },
    })
    return 0
  }
  await payload.update({
    collection: 'site-builds',
    id: next.id,
    data: {
      status: result.ok ? 'succeeded' : 'failed',
      finishedAt: finishedAt.toISOString(),
      durationMs,
      pagesRendered: result.pagesRendered,
      pagesReused: result.pagesReused,
      attempts: result.attempts,
      error: result.error ?? null,
    },
  })
  return 0
}

/** Folds builds that entered the queue side by side into the oldest one. */
async function mergeQueued(payload: Payload, [first, ...others]: SiteBuild[]) {
  if (!others.length) return first!
  const changes = [first!, ...others].flatMap((b) => b.changes ?? []).map(({ id: _id, ...change }) => change)
  for (const other of others) await payload.delete({ collection: 'site-builds', id: other.id })
  return payload.update({
    collection: 'site-builds',
    id: first!.id,
    data: {
      changes: changes.slice(-50),
      summary: `${first!.summary ?? ''}（合并${others.length + 1}次请求）`,
    },
  })
}

async function notifyExternalCi(build: SiteBuild, hook: NonNullable<Options['hook']>) {
  // Shaped as a GitHub repository_dispatch body, so BUILD_HOOK_URL may point straight at
  // https://api.github.com/repos/<owner>/<repo>/dispatches (with BUILD_HOOK_TOKEN) or at any relay.
  const notice = {
    event_type: 'content-changed',
    client_payload: {
      build: build.id,
      requestedAt: build.requestedAt,
      changes: (build.changes ?? []).map(({ collection, docId, title, operation, user, at }) => ({
        collection,
        id: docId,
        title,
        operation,
        user,
        at,
      })),
    },
  }
  const { ok, attempts, error } = await sendBuildHook(hook.url, hook.secret, notice, hook)
  return { ok, attempts, error: error && `外部CI通知失败（尝试${attempts}次）：${error}` }
}
