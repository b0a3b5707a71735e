/**
 * The publish worker's queue (scripts/publish/worker.ts) on the real CMS and SQLite, with builds this test
 * controls: each build waits for the test to finish it, so what happens during a build is decided by the
 * test, not by how long a build or a save takes. The clock of the quiet window is driven with a fake Date.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import type { SiteBuild } from '../content-schema/payload-types'
import { requestSiteBuild } from '../cms/lib/site-builds'
import type { BuildControl, BuildResult } from '../scripts/publish/build'
import { startPublishWorker, type WorkerEvent } from '../scripts/publish/worker'
import { startTestCms, type TestCms } from './helpers/cms'

let cms: TestCms
beforeAll(async () => {
  cms = await startTestCms()
  process.env.SITE_DIST = `${cms.dir}/site/dist`
}, 300_000)
afterAll(() => cms?.close())

const siteBuilds = async () =>
  (await cms.payload.find({ collection: 'site-builds', sort: 'requestedAt', pagination: false, depth: 0 }))
    .docs
const okResult: BuildResult = { ok: true, pagesRendered: 1, pagesReused: 0, rendered: [], reused: [] }

/** Builds that start when the worker calls them and end when the test says so (or the worker is stopped). */
function controlledBuilds() {
  const waiting: ((finish: () => void) => void)[] = []
  const begun: (() => void)[] = []
  let active = 0
  return {
    maxAtOnce: 0,
    started: 0,
    build({ signal }: BuildControl = {}): Promise<BuildResult> {
      active++
      this.maxAtOnce = Math.max(this.maxAtOnce, active)
      this.started++
      return new Promise<BuildResult>((resolve) => {
        const end = (result: BuildResult) => {
          active--
          resolve(result)
        }
        signal?.addEventListener('abort', () => end({ ...okResult, ok: false, interrupted: true }))
        const finish = () => end(okResult)
        const next = waiting.shift()
        if (next) next(finish)
        else begun.push(finish)
      })
    },
    /** Resolves with the means to finish the next build once the worker has started it. */
    next(): Promise<() => void> {
      const finish = begun.shift()
      if (finish) return Promise.resolve(finish)
      // Not a timing assertion: a broken worker that never starts the build fails here, not at the hook timeout.
      const guard = AbortSignal.timeout(30_000)
      return new Promise((resolve, reject) => {
        waiting.push(resolve)
        guard.addEventListener('abort', () => reject(new Error('the worker did not start the next build')))
      })
    },
  }
}

let article: { id: string }
let worker: ReturnType<typeof startPublishWorker> | undefined
const events: WorkerEvent[] = []
const startedBuilds = () => events.filter((e) => e.kind === 'started').map((e) => e.build as SiteBuild)

beforeEach(async () => {
  events.length = 0
  await cms.payload.delete({ collection: 'site-builds', where: { id: { exists: true } } })
  article = await cms.payload.create({
    collection: 'articles',
    data: { title: '队列测试文章', _status: 'published' },
    context: { skipRebuild: true },
  })
})
afterEach(async () => {
  // A test that failed half-way leaves its build unfinished: stop it rather than wait for it.
  await worker?.stop({ interrupt: true })
  worker = undefined
  vi.useRealTimers()
})

const publishEdit = (title: string) =>
  cms.payload.update({ collection: 'articles', id: article.id, data: { title } })

function startWorker(builds: ReturnType<typeof controlledBuilds>, pollMs = 5) {
  worker = startPublishWorker(cms.payload, {
    pollMs,
    build: (control) => builds.build(control),
    onEvent: (event) => events.push(event),
  })
}

describe('the publish worker, with builds the test finishes', () => {
  beforeEach(() => {
    process.env.BUILD_QUIET_MS = '0'
    process.env.BUILD_MAX_WAIT_MS = '0'
  })

  it('gives changes made during a build exactly one follow-up build', async () => {
    const builds = controlledBuilds()
    startWorker(builds)
    await requestSiteBuild(cms.payload, { collection: 'system', operation: 'manual' })
    const finishFirst = await builds.next()

    for (const n of [1, 2, 3]) await publishEdit(`构建期间的修改${n}`)
    const during = await siteBuilds()
    expect(during.map((b) => b.status)).toEqual(['running', 'queued'])
    expect(during[1]!.changes!.map((c) => c.title)).toEqual([
      '构建期间的修改1',
      '构建期间的修改2',
      '构建期间的修改3',
    ])

    finishFirst()
    const finishSecond = await builds.next()
    expect(startedBuilds()[1]!.id).toBe(during[1]!.id)
    finishSecond()
    await worker!.stop()

    const done = await siteBuilds()
    expect(done.map((b) => b.status)).toEqual(['succeeded', 'succeeded'])
    expect(builds.started).toBe(2)
    expect(done[1]!.changes).toHaveLength(3)
  })

  it('never runs two builds at once, however many changes arrive during one', async () => {
    const builds = controlledBuilds()
    // Looking at the queue every millisecond: a worker that started a build without waiting for the one
    // running would start the follow-up during the twenty saves below, each followed by a turn of the event
    // loop (SQLite answers without one, so the worker's timers could otherwise not run in between).
    startWorker(builds, 1)
    await requestSiteBuild(cms.payload, { collection: 'system', operation: 'manual' })
    for (let round = 1; round <= 3; round++) {
      const finish = await builds.next()
      for (let n = 1; n <= 20; n++) {
        await publishEdit(`第${round}轮第${n}次修改`)
        await new Promise((resolve) => setImmediate(resolve))
      }
      expect(builds.maxAtOnce).toBe(1)
      expect((await siteBuilds()).filter((b) => b.status === 'running')).toHaveLength(1)
      finish()
    }
    const last = await builds.next()
    last()
    await worker!.stop()
    expect(builds.maxAtOnce).toBe(1)
    expect(builds.started).toBe(4)
    const done = await siteBuilds()
    expect(done.map((b) => b.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded'])
    expect(done.slice(1).map((b) => b.changes!.length)).toEqual([20, 20, 20])
  })

  it('refuses to start in external CI mode without a secret', () => {
    expect(() =>
      startPublishWorker(cms.payload, { hook: { url: 'http://127.0.0.1:9/hook', secret: '' } }),
    ).toThrow('BUILD_HOOK_URL is set but BUILD_HOOK_SECRET is not: refusing to send unsigned build hooks.')
  })
})

describe('a burst of publishes, on a clock the test sets', () => {
  beforeEach(() => {
    process.env.BUILD_QUIET_MS = '1000'
    process.env.BUILD_MAX_WAIT_MS = '5000'
  })

  it('is one build however slowly the saves go, once the quiet window has passed', async () => {
    const t0 = Date.parse('2026-11-20T08:00:00.000Z')
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(t0)
    const builds = controlledBuilds()
    startWorker(builds)
    // Five publishes 900 ms apart on the clock (each within the quiet window of the one before), however
    // long each save really takes.
    for (let n = 1; n <= 5; n++) {
      vi.setSystemTime(t0 + (n - 1) * 900)
      await publishEdit(`连续修改第${n}稿`)
    }
    vi.setSystemTime(t0 + 4 * 900 + 999)
    const [waiting] = await siteBuilds()
    expect(waiting).toMatchObject({
      status: 'queued',
      notBefore: new Date(t0 + 4 * 900 + 1000).toISOString(),
    })
    expect(builds.started).toBe(0)

    vi.setSystemTime(t0 + 4 * 900 + 1000)
    const finish = await builds.next()
    finish()
    await worker!.stop()
    const done = await siteBuilds()
    expect(done).toHaveLength(1)
    expect(done[0]!.changes!.map((c) => c.title)).toEqual([1, 2, 3, 4, 5].map((n) => `连续修改第${n}稿`))
  })

  it('still goes live BUILD_MAX_WAIT_MS after the first of twenty steady publishes: at most two builds', async () => {
    const t0 = Date.parse('2026-11-20T09:00:00.000Z')
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(t0)
    const builds = controlledBuilds()
    startWorker(builds)
    let finishFirst: (() => void) | undefined
    for (let n = 1; n <= 20; n++) {
      vi.setSystemTime(t0 + (n - 1) * 400)
      // At 5 s after the first change the build is due whatever the quiet window says: the worker takes it
      // before the next save, and the later saves wait for one follow-up.
      if (Date.now() >= t0 + 5000 && !finishFirst) finishFirst = await builds.next()
      await publishEdit(`稳定编辑第${n}稿`)
    }
    expect(finishFirst).toBeDefined()
    finishFirst!()
    vi.setSystemTime(t0 + 19 * 400 + 1000)
    const finishSecond = await builds.next()
    finishSecond()
    await worker!.stop()
    const done = await siteBuilds()
    expect(done).toHaveLength(2)
    // 0 … 4.8 s: thirteen saves; 5.2 s … 7.6 s: seven.
    expect(done.map((b) => b.changes!.length)).toEqual([13, 7])
    expect(done[1]!.changes!.at(-1)!.title).toBe('稳定编辑第20稿')
  })
})
