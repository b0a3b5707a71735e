/**
 * One published document must not stop publishing. Documents the portal cannot render are refused when
 * saved (tests/bad-inputs.test.ts); these are documents that got into the database anyway (saved before a
 * rule existed, or written around the CMS): the worker's real build leaves them out, publishes everything
 * else, and the admin's build record names them and says why. An image inserted in a body is published in
 * its resized forms.
 */
import fs from 'node:fs'
import path from 'node:path'

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { requestSiteBuild } from '../cms/lib/site-builds'
import { failureSummary } from '../scripts/publish/build'
import { startPublishWorker } from '../scripts/publish/worker'
import { seedDemoContent } from '../scripts/seed/index'
import { startTestCms, type TestCms } from './helpers/cms'
import { filesUnder, readPage } from './helpers/site'

process.env.BUILD_QUIET_MS = '100'
process.env.BUILD_MAX_WAIT_MS = '500'

let cms: TestCms
let dist: string
let build: { status?: string | null; error?: string | null }
const LONG_SLUG = 'a'.repeat(5000)
const INJECTION = '=HYPERLINK("http://example.com/x","新增高技能人才2097人")'
const ids: Record<string, string> = {}

const paragraph = (text: string) => ({
  type: 'paragraph',
  version: 1,
  format: '',
  indent: 0,
  direction: 'ltr',
  textFormat: 0,
  children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
})

beforeAll(async () => {
  cms = await startTestCms()
  dist = path.join(cms.dir, 'site', 'dist')
  process.env.SITE_DIST = dist
  const { payload } = cms
  await seedDemoContent(payload)
  const published = { _status: 'published' as const }

  // An image inserted in the body: an ordinary editor action.
  const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#a3150f' } })
    .png()
    .toBuffer()
  const media = await payload.create({
    collection: 'media',
    data: { alt: '职工技能比武现场' },
    file: { data: photo, mimetype: 'image/png', name: 'jineng-bisai.png', size: photo.length },
  })
  const inline = await payload.create({
    collection: 'articles',
    data: {
      title: '正文插图的报道',
      slug: 'zhengwen-chatu',
      publishedAt: '2024-03-01T08:00:00.000Z',
      body: {
        root: {
          type: 'root',
          version: 1,
          format: '',
          indent: 0,
          direction: 'ltr',
          children: [
            paragraph('比武现场如下图。'),
            { type: 'upload', version: 3, format: '', relationTo: 'media', value: media.id, fields: null },
          ],
        },
      },
      ...published,
    } as never,
  })
  ids.inline = String(inline.id)

  // Saved before the rules existed: written straight to the database, around the CMS's checks.
  const longSlug = await payload.create({
    collection: 'articles',
    data: { title: '链接名过长的报道', ...published },
  })
  await payload.db.updateOne({ collection: 'articles', id: longSlug.id, data: { slug: LONG_SLUG } })
  const farFuture = await payload.create({
    collection: 'articles',
    data: { title: '发布时间在99999年的报道', slug: 'yuanfang-weilai', ...published },
  })
  await payload.db.updateOne({
    collection: 'articles',
    id: farFuture.id,
    data: { publishedAt: '+099999-01-01T00:00:00.000Z' },
  })

  // Figures: one whose value the portal cannot print, one whose phrase starts like a spreadsheet formula.
  const [indicator] = (
    await payload.find({ collection: 'indicators', where: { slug: { equals: 'xinzeng-gaojineng-rencai' } } })
  ).docs
  const [region] = (await payload.find({ collection: 'regions', limit: 1 })).docs
  const figure = (evidence: string, value: number) =>
    payload.create({
      collection: 'metrics',
      data: {
        indicator: indicator!.id,
        region: region!.id,
        sourceArticle: inline.id,
        evidence,
        value,
        unit: '人',
        period: { kind: 'year', label: '2023年' },
        ...published,
      } as never,
    })
  const huge = await figure('新增高技能人才很多', 2097)
  await payload.db.updateOne({ collection: 'metrics', id: huge.id, data: { value: 1e308 } })
  ids.huge = String(huge.id)
  await figure(INJECTION, 2097)

  // And an unrelated article published after them all.
  await payload.create({
    collection: 'articles',
    data: { title: '构建后上线的新文章', slug: 'xin-wenzhang', ...published },
  })

  build = await buildWithWorker()
}, 600_000)

/** The publish worker as `npm start` runs it, building once; returns the admin's record of that build. */
async function buildWithWorker() {
  const { payload } = cms
  await payload.delete({ collection: 'site-builds', where: { id: { exists: true } } })
  const worker = startPublishWorker(payload, { pollMs: 100 })
  try {
    await requestSiteBuild(payload, { collection: 'system', operation: 'manual' })
    const deadline = Date.now() + 400_000
    for (;;) {
      const { docs } = await payload.find({ collection: 'site-builds', sort: '-requestedAt', limit: 1 })
      if (docs[0] && ['succeeded', 'failed'].includes(docs[0].status)) return docs[0]
      if (Date.now() > deadline) throw new Error('the build did not finish')
      await new Promise((r) => setTimeout(r, 200))
    }
  } finally {
    await worker.stop()
  }
}
afterAll(() => cms?.close())

describe('a build with documents the portal cannot render', () => {
  it('succeeds and publishes the unrelated new article', () => {
    expect(build.status, build.error ?? '').toBe('succeeded')
    expect(readPage(dist, '/articles/xin-wenzhang/')).toContain('构建后上线的新文章')
    expect(readPage(dist, '/')).toContain('构建后上线的新文章')
  })

  it('leaves those documents out, and the admin says which and why, in Chinese', () => {
    expect(fs.existsSync(path.join(dist, 'articles', 'yuanfang-weilai'))).toBe(false)
    expect(filesUnder(dist).some((f) => f.includes('aaaaaaaaaa'))).toBe(false)
    expect(build.error).toContain('《链接名过长的报道》')
    expect(build.error).toContain('链接名太长（5000个字符）')
    expect(build.error).toContain('《发布时间在99999年的报道》')
    expect(build.error).toMatch(/发布时间.*不是日期|发布时间的年份/)
    expect(build.error).toContain(`编号 ${ids.huge}`)
    expect(build.error).toContain('太大')
    expect(readPage(dist, '/articles/zhengwen-chatu/')).not.toContain('1e+308')
  })

  it('publishes an image in a body in its resized forms, never linking the original', () => {
    const page = readPage(dist, '/articles/zhengwen-chatu/')
    expect(page).toContain('alt="职工技能比武现场"')
    expect(page).toContain('/media/jineng-bisai-960.webp')
    expect(page).toContain('/media/jineng-bisai-480.avif')
    expect(page).not.toMatch(/["\s]\/media\/jineng-bisai\.png/)
    const files = filesUnder(dist)
    for (const variant of ['jineng-bisai-480.webp', 'jineng-bisai-960.avif', 'jineng-bisai-1200.webp'])
      expect(files).toContain(path.join('media', variant))
  })

  it('writes a figure phrase starting with = into the CSV as text, not as a formula', () => {
    const csv = fs.readFileSync(path.join(dist, 'indicators', 'xinzeng-gaojineng-rencai.csv'), 'utf8')
    expect(csv).toContain(`"'=HYPERLINK(""http://example.com/x"",""新增高技能人才2097人"")"`)
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m)
  })
})

describe('a published document that stops rendering after it went live', () => {
  it('stays at its last good version while the rest is published', async () => {
    const { payload } = cms
    const [live] = (
      await payload.find({ collection: 'articles', where: { slug: { equals: 'xin-wenzhang' } } })
    ).docs
    // A bad version of a live article, written around the CMS's checks, and another article published.
    await payload.db.updateOne({
      collection: 'articles',
      id: live!.id,
      data: {
        title: '坏版本的标题',
        publishedAt: '+099999-01-01T00:00:00.000Z',
        updatedAt: new Date().toISOString(),
      },
    })
    await payload.create({
      collection: 'articles',
      data: { title: '第二次构建上线的文章', slug: 'di-er-ci', _status: 'published' },
    })
    const second = await buildWithWorker()
    expect(second.status, second.error ?? '').toBe('succeeded')
    expect(second.error).toContain('《坏版本的标题》')
    expect(second.error).toContain('门户上保留上次发布的版本')
    const page = readPage(dist, '/articles/xin-wenzhang/')
    expect(page).toContain('构建后上线的新文章')
    expect(page).not.toContain('坏版本的标题')
    expect(readPage(dist, '/articles/di-er-ci/')).toContain('第二次构建上线的文章')
  })
})

describe("a failed build's error summary", () => {
  it('is the real error, not a page whose slug contains "error"', () => {
    const output = [
      '08:00:01 [build] output: "static"',
      '08:00:02 [build] Rendering pages',
      '  ├─ /articles/img-onerror-alert/index.html (+12ms)',
      '  ├─ /articles/errors-and-fixes/index.html (+3ms)',
      ...Array.from({ length: 20 }, (_, i) => `  ├─ /articles/page-${i}/index.html (+2ms)`),
      '08:00:03 [WARN] [cms] articles/img-onerror-alert: dropped a reference to regions/9',
      '08:00:04 [ERROR] [build] The build has 1 broken internal links; not publishing it:',
      'articles/b/index.html → /media/x.png',
      '    at checkLinks (file:///site/integrations/publish.ts:200:11)',
    ].join('\n')
    const summary = failureSummary(output)
    expect(summary.split('\n')[0]).toContain('[ERROR] [build] The build has 1 broken internal links')
    expect(summary).toContain('/media/x.png')
    expect(summary).not.toContain('onerror')
  })
})
