import type { Payload } from 'payload'

import type { SiteBuild } from '../../content-schema/payload-types'
import { buildPortal, prestartedBuilds, type BuildResult } from './build'
import { sendBuildHook } from './hook'

type Options = {
  /** How often to look at the queue. */
  pollMs?: number
  /** Runs one portal build (by default each started ahead, see prestartedBuilds); replaceable in tests. */
  build?: () => Promise<BuildResult>
  /** External CI mode: notify this URL instead of building here (BUILD_HOOK_URL, BUILD_HOOK_SECRET). */
  hook?: { url: string; secret: string; token?: string; retries?: number; baseDelayMs?: number }
}

const hookFromEnv = () =>
  process.env.BUILD_HOOK_URL
    ? {
        url: process.env.BUILD_HOOK_URL,
        secret: process.env.BUILD_HOOK_SECRET ?? '',
        token: process.env.BUILD_HOOK_TOKEN,
      }
    : undefined

/**
 * Works through the site-builds queue, one build at a time, so two builds never write at once. Queued builds
 * wait until their `notBefore` (the end of a burst of changes); builds of several changes that raced into the
 * queue are merged. A build left "running" by a process that died is queued again on start.
 */
export function startPublishWorker(
  payload: Payload,
  { pollMs = 500, build, hook = hookFromEnv() }: Options = {},
) {
  if (hook && !hook.secret)
    throw new Error(
      'BUILD_HOOK_URL is set but BUILD_HOOK_SECRET is not: refusing to send unsigned build hooks.',
    )
  const builds = build || hook ? undefined : prestartedBuilds(payload)
  // (In external CI mode nothing is built here.)
  const buildOnce = build ?? builds?.build ?? (() => buildPortal(process.env, { payload }))
  let stopped = false
  const run = async () => {
    await requeueInterrupted(payload)
    while (!stopped) {
      const wait = await runNextBuild(payload, buildOnce, hook, pollMs).catch((error: Error) => {
        payload.logger.error(`Publish worker: ${error.message}`)
        return pollMs
      })
      if (wait && !stopped) await new Promise((resolve) => setTimeout(resolve, wait))
    }
  }
  const running = run()
  return {
    /** Finishes the build in progress (if any) and stops. */
    stop: async () => {
      stopped = true
      await running
      await builds?.stop()
    },
  }
}

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
        error: '上次构建因服务重启中断，已重新排队',
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
  build: () => Promise<BuildResult>,
  hook: Options['hook'],
  pollMs: number,
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
  const result = hook ? await notifyExternalCi(next, hook) : await build()
  const finishedAt = new Date()
  await payload.update({
    collection: 'site-builds',
    id: next.id,
    data: {
      status: result.ok ? 'succeeded' : 'failed',
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      pagesRendered: 'pagesRendered' in result ? result.pagesRendered : undefined,
      pagesReused: 'pagesReused' in result ? result.pagesReused : undefined,
      attempts: 'attempts' in result ? result.attempts : undefined,
      error: result.error ?? null,
    },
  })
  if (!result.ok) payload.logger.error(`Site build ${next.id} failed: ${result.error}`)
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
