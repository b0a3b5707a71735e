import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'

import { parse as parseYaml } from 'yaml'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import type { SiteBuild } from '../content-schema/payload-types'
import { requestSiteBuild } from '../cms/lib/site-builds'
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../scripts/publish/hook'
import { buildPortal, prestartedBuilds, startBuild, type BuildResult } from '../scripts/publish/build'
import { startPublishWorker } from '../scripts/publish/worker'
import { seedDemoContent } from '../scripts/seed/index'
import { sitePaths } from '../site/output'
import { startTestCms, type TestCms } from './helpers/cms'
import { readPage, searchSite } from './helpers/site'

// Short bursts in tests: a change waits 300 ms for others to join it (at most 2 s after the first).
process.env.BUILD_QUIET_MS = '300'
process.env.BUILD_MAX_WAIT_MS = '2000'

let cms: TestCms
let dist: string

const siteBuilds = async () =>
  (await cms.payload.find({ collection: 'site-builds', sort: 'requestedAt', pagination: false, depth: 0 }))
    .docs
const clearBuilds = () => cms.payload.delete({ collection: 'site-builds', where: { id: { exists: true } } })
const articleBySlug = async (slug: string) =>
  (await cms.payload.find({ collection: 'articles', where: { slug: { equals: slug } }, draft: true }))
    .docs[0]!

/** Waits until the queue has nothing waiting or running. */
async function queueSettles(timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const pending = await cms.payload.count({
      collection: 'site-builds',
      where: { status: { in: ['queued', 'running'] } },
    })
    if (pending.totalDocs === 0) return siteBuilds()
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('the build queue did not settle')
}

/** The worker's real portal builds (each started ahead, as in `npm start`), remembering what each rendered and reused. */
const results: BuildResult[] = []
let builds: ReturnType<typeof prestartedBuilds>
const recordingBuild = async () => {
  const result = await builds.build()
  results.push(result)
  return result
}

beforeAll(async () => {
  cms = await startTestCms()
  dist = path.join(cms.dir, 'site', 'dist')
  process.env.SITE_DIST = dist
  await seedDemoContent(cms.payload)
}, 300_000)
afterAll(() => cms?.close())

describe('what requests a rebuild', () => {
  beforeEach(clearBuilds)

  it('saving a draft does not, whether new or over published content', async () => {
    const { payload } = cms
    await payload.create({ collection: 'articles', data: { title: '一篇新草稿' }, draft: true })
    const published = await articleBySlug('suzhou-sip-2023')
    await payload.update({
      collection: 'articles',
      id: published.id,
      data: { title: '改了一半的标题' },
      draft: true,
    })
    expect(await siteBuilds()).toEqual([])
  })

  it('publishing, editing published content, unpublishing and deleting do, joining one waiting build', async () => {
    const { payload } = cms
    const article = await payload.create({
      collection: 'articles',
      data: { title: '新发布的文章', _status: 'published' },
    })
    await payload.update({ collection: 'articles', id: article.id, data: { summary: '补充导语' } })
    await payload.update({ collection: 'articles', id: article.id, data: { _status: 'draft' } })
    const region = (
      await payload.find({ collection: 'regions', where: { slug: { equals: 'zhoutie-zhen' } } })
    ).docs[0]!
    await payload.update({ collection: 'regions', id: region.id, data: { summary: '周铁镇简介' } })
    const topic = await payload.create({
      collection: 'topics',
      data: { name: '临时专题', _status: 'published' },
    })
    await payload.delete({ collection: 'topics', id: topic.id })
    // Deleting what readers never saw (the article is a draft again) changes nothing public.
    await payload.delete({ collection: 'articles', id: article.id })

    const queue = await siteBuilds()
    expect(queue).toHaveLength(1)
    expect(queue[0]!.status).toBe('queued')
    expect(queue[0]!.changes!.map((c) => [c.collection, c.operation])).toEqual([
      ['articles', 'publish'],
      ['articles', 'update'],
      ['articles', 'unpublish'],
      ['regions', 'update'],
      ['topics', 'publish'],
      ['topics', 'delete'],
    ])
    expect(queue[0]!.summary).toBe('删除《临时专题》等6项修改')
  })

  it('anonymous visitors cannot see or change the queue', async () => {
    await expect(cms.payload.find({ collection: 'site-builds', overrideAccess: false })).rejects.toThrow()
  })
})

describe('the publish worker, with real builds', () => {
  let worker: ReturnType<typeof startPublishWorker>
  beforeAll(async () => {
    await clearBuilds()
    builds = prestartedBuilds(cms.payload)
    worker = startPublishWorker(cms.payload, { pollMs: 100, build: recordingBuild })
    await requestSiteBuild(cms.payload, { collection: 'system', operation: 'startup' })
    await queueSettles()
  }, 300_000)
  afterAll(async () => {
    await worker?.stop()
    await builds?.stop()
  })

  it('publishes the first build', async () => {
    expect((await siteBuilds()).map((b) => b.status)).toEqual(['succeeded'])
    expect(readPage(dist, '/articles/liushi-2021/')).toContain('柳市')
    // The other release tree is brought up to it, so the next build changes only what differs.
    const [a, b] = ['a', 'b'].map((tree) =>
      fs.readFileSync(path.join(`${dist}.releases`, tree, '.pages.json'), 'utf8'),
    )
    expect(b).toBe(a)
    // The worker's pull keeps what it fetched, so the next pull fetches only what changed.
    expect(fs.existsSync(sitePaths().snapshot)).toBe(true)
  })

  it('re-renders what shows a published change and reuses an unrelated page', async () => {
    const article = await articleBySlug('liushi-2021')
    await cms.payload.update({
      collection: 'articles',
      id: article.id,
      data: { title: '柳市镇四大工程新标题' },
    })
    await queueSettles()
    const last = results.at(-1)!
    expect(last.ok).toBe(true)
    for (const page of [
      '/articles/liushi-2021/index.html',
      '/articles/index.html',
      '/regions/liushi-zhen/index.html',
      '/channels/tashanzhishi/index.html',
    ]) {
      expect(last.rendered, page).toContain(page)
    }
    expect(last.reused).toContain('/articles/zhouzhuang-education-2021/index.html')
    expect(readPage(dist, '/articles/liushi-2021/')).toContain('柳市镇四大工程新标题')
    // The pages go live first; the search index shard holding the article follows in the same build.
    expect(await searchSite(dist, '新标题')).toContain('/articles/liushi-2021/')
    const build = (await siteBuilds()).at(-1)!
    expect(build).toMatchObject({
      status: 'succeeded',
      pagesRendered: last.pagesRendered,
      pagesReused: last.pagesReused,
    })
    expect(build.pagesReused).toBeGreaterThan(build.pagesRendered!)
  })

  it('turns twenty publishes made within the quiet window into one build showing the last state', async () => {
    await clearBuilds()
    const article = await articleBySlug('wuxi-skills-2021')
    // The clock stands still while the twenty saves are made, however long each takes: all of them fall
    // within one quiet window (tests/worker-queue.test.ts drives the window's edges).
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now())
    try {
      for (let i = 1; i <= 20; i++) {
        await cms.payload.update({
          collection: 'articles',
          id: article.id,
          data: { title: `无锡技能提升第${i}稿` },
        })
      }
      const waiting = await siteBuilds()
      expect(waiting.map((b) => [b.status, b.changes!.length])).toEqual([['queued', 20]])
    } finally {
      vi.useRealTimers()
    }
    const done = await queueSettles()
    expect(done.map((b) => b.status)).toEqual(['succeeded'])
    expect(readPage(dist, '/articles/wuxi-skills-2021/')).toContain('无锡技能提升第20稿')
  })

  it('keeps the live release when neither the content nor the site code changed since it was built', async () => {
    const live = fs.realpathSync(dist)
    const result = await buildPortal(process.env, { payload: cms.payload })
    expect(result).toMatchObject({ ok: true, pagesRendered: 0 })
    expect(result.reused).toContain('/articles/wuxi-skills-2021/index.html')
    expect(result.reused).toContain('/index.html')
    expect(fs.realpathSync(dist)).toBe(live)
  })

  it('does not use a build started ahead once the live release has changed', async () => {
    const article = await articleBySlug('wuxi-skills-2021')
    const retitle = (title: string) =>
      cms.payload.update({
        collection: 'articles',
        id: article.id,
        data: { title },
        context: { skipRebuild: true },
      })
    const ahead = startBuild(process.env, { pullHere: true })
    await retitle('无锡技能提升（另一次构建）')
    expect((await buildPortal(process.env, { payload: cms.payload })).ok).toBe(true)
    await retitle('无锡技能提升（提前启动之后）')
    const result = await buildPortal(process.env, { payload: cms.payload, started: ahead })
    // Astro read the live release when it started: it would take the tree now live for the standby one.
    await ahead.exited
    expect(ahead.child.signalCode).toBe('SIGTERM')
    expect(result.ok).toBe(true)
    expect(readPage(dist, '/articles/wuxi-skills-2021/')).toContain('无锡技能提升（提前启动之后）')
  })

  it('keeps a document it cannot render at its last good state, publishes the rest, and records why', async () => {
    const region = (
      await cms.payload.find({ collection: 'regions', where: { slug: { equals: 'wuxi-shi' } } })
    ).docs[0]!
    // Bad data written past the CMS's validation (as a faulty import could): the portal's schema refuses it.
    await cms.payload.db.updateOne({
      collection: 'regions',
      where: { id: { equals: region.id } },
      data: { level: 'galaxy', updatedAt: new Date().toISOString() },
    })
    try {
      const article = await articleBySlug('wuxi-skills-2021')
      // Published through the CMS: the worker's build is queued by the save.
      await cms.payload.update({
        collection: 'articles',
        id: article.id,
        data: { title: '无锡技能提升（坏数据之后）' },
      })
      const built = (await queueSettles()).at(-1)!
      expect(built.status).toBe('succeeded')
      expect(built.error).toMatch(/地区《无锡市》（编号 \S+，门户上保留上次发布的版本）：层级：不是可选的值/)
      expect(readPage(dist, '/regions/wuxi-shi/')).toContain('无锡市')
      expect(readPage(dist, '/articles/wuxi-skills-2021/')).toContain('无锡技能提升（坏数据之后）')
    } finally {
      await cms.payload.db.updateOne({
        collection: 'regions',
        where: { id: { equals: region.id } },
        data: { level: 'city' },
      })
    }
  })

  it('fails a build whose content the worker cannot pull, and keeps the site live', async () => {
    const live = fs.realpathSync(dist)
    // A new image on a published page: the pull has to resize it, but neither its original nor the variants
    // made on upload are where the worker looks for them.
    const sharp = (await import('sharp')).default
    const data = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#884422' } })
      .png()
      .toBuffer()
    const image = await cms.payload.create({
      collection: 'media',
      data: { alt: '找不到原图的图片' },
      file: { data, mimetype: 'image/png', name: 'zhaobudao.png', size: data.length },
      context: { skipRebuild: true },
    })
    const article = await articleBySlug('wuxi-skills-2021')
    const update = (heroImage: string | null) =>
      cms.payload.update({
        collection: 'articles',
        id: article.id,
        data: { heroImage },
        context: { skipRebuild: true },
      })
    await update(image.id)
    try {
      const env = { ...process.env, MEDIA_DIR: path.join(cms.dir, 'no-such-media') }
      const result = await buildPortal(env, { payload: cms.payload })
      expect(result.ok).toBe(false)
      expect(result.error).toMatch(/Pulling content from the CMS failed/)
      expect(fs.realpathSync(dist)).toBe(live)
    } finally {
      await update(null)
    }
  })

  it('builds, when started again, what a stopped worker left queued or running', async () => {
    await worker.stop()
    await clearBuilds()
    const interrupted = await cms.payload.create({
      collection: 'site-builds',
      data: { status: 'running', requestedAt: new Date().toISOString(), summary: '进程退出时正在构建' },
    })
    await requestSiteBuild(cms.payload, { collection: 'system', operation: 'manual' })
    worker = startPublishWorker(cms.payload, { pollMs: 100, build: recordingBuild })
    const done = await queueSettles()
    expect(done.every((b) => b.status === 'succeeded')).toBe(true)
    expect(done.map((b) => b.id)).toContain(interrupted.id)
  })
})

describe('external CI mode', () => {
  it('sends a signed notice of what changed, retrying a failing endpoint', async () => {
    const secret = 'hook-secret-for-tests'
    const received: { status: number; verified: boolean; body: string }[] = []
    const server = http.createServer((req, res) => {
      let body = ''
      req.on('data', (chunk) => (body += chunk))
      req.on('end', () => {
        // As the README documents it: sha256=HMAC(secret, "<timestamp>.<delivery>.<body>").
        const signed = `${req.headers[TIMESTAMP_HEADER]}.${req.headers[DELIVERY_HEADER]}.${body}`
        const verified =
          req.headers[SIGNATURE_HEADER] ===
          `sha256=${crypto.createHmac('sha256', secret).update(signed).digest('hex')}`
        const status = received.length < 2 ? 503 : 204
        received.push({ status, verified, body })
        res.writeHead(status).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`

    await clearBuilds()
    const hookWorker = startPublishWorker(cms.payload, {
      pollMs: 100,
      hook: { url, secret, baseDelayMs: 50 },
      build: () => Promise.reject(new Error('must not build locally in hook mode')),
    })
    try {
      const article = await articleBySlug('zhoutie-rest-station-2021')
      await cms.payload.update({ collection: 'articles', id: article.id, data: { summary: '外部CI测试' } })
      const [build] = (await queueSettles()) as SiteBuild[]
      expect(build).toMatchObject({ status: 'succeeded', attempts: 3 })
      expect(received.map((r) => [r.status, r.verified])).toEqual([
        [503, true],
        [503, true],
        [204, true],
      ])
      const notice = JSON.parse(received[2]!.body)
      expect(notice.event_type).toBe('content-changed')
      expect(notice.client_payload.changes[0]).toMatchObject({ collection: 'articles', operation: 'update' })
    } finally {
      await hookWorker.stop()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

describe('the GitHub workflow', () => {
  it('is valid YAML that rebuilds on content changes, on push and by hand, and deploys to Pages', () => {
    const workflow = parseYaml(fs.readFileSync('.github/workflows/publish-site.yml', 'utf8'))
    expect(workflow.on.repository_dispatch.types).toContain('content-changed')
    expect(workflow.on).toHaveProperty('push')
    expect(workflow.on).toHaveProperty('workflow_dispatch')
    const steps = JSON.stringify(workflow.jobs)
    expect(steps).toContain('secrets.CMS_API_KEY')
    expect(steps).toContain('actions/cache')
    expect(steps).toContain('actions/deploy-pages')
  })
})
