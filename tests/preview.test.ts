import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedDemoContent } from '../scripts/seed/index'
import { createStaff, rest, startTestCms, type TestCms } from './helpers/cms'
import { childrenOf } from './helpers/product'
import { buildSite, filesUnder } from './helpers/site'

const MARKER = '预览专用标记K9'
let cms: TestCms
let tokens: Awaited<ReturnType<typeof createStaff>>
let draftId: string

/** The live site readers are served before any preview: a release tree of its own, behind the live link. */
let liveTree: string

beforeAll(async () => {
  cms = await startTestCms()
  process.env.SITE_DIST = path.join(cms.dir, 'site', 'dist')
  liveTree = path.join(cms.dir, 'site', 'dist.releases', 'a')
  fs.mkdirSync(liveTree, { recursive: true })
  fs.writeFileSync(path.join(liveTree, 'index.html'), '<html lang="zh-CN"><h1>线上首页</h1></html>')
  fs.symlinkSync(liveTree, process.env.SITE_DIST)
  await seedDemoContent(cms.payload)
  tokens = await createStaff(cms.payload)
  const draft = await rest(cms.payload, 'POST', '/api/articles?draft=true', {
    token: tokens.contributor,
    body: {
      title: `${MARKER}：柳市镇技能比武`,
      summary: '草稿导语',
      publishedAt: '2026-11-20T08:00:00.000Z',
    },
  })
  draftId = draft.json.doc.id
}, 300_000)
afterAll(() => cms?.close())

describe('draft preview', () => {
  it('is refused to anonymous visitors', async () => {
    const response = await rest(cms.payload, 'GET', `/api/articles/${draftId}/preview`)
    expect(response.status).toBe(401)
  })

  it("renders the draft with the portal's own article page for signed-in staff", async () => {
    const { handleEndpoints } = await import('payload')
    const request = new Request(`http://localhost/api/articles/${draftId}/preview`, {
      headers: { authorization: `JWT ${tokens.editor}` },
    })
    const response = await handleEndpoints({ config: cms.payload.config, request })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<html lang="zh-CN"')
    expect(html).toContain('草稿预览')
    expect(html).toContain(`${MARKER}：柳市镇技能比武`)
    expect(html).toMatch(/发布时间/)
    expect(html).toContain('class="breadcrumb"')
  })

  it('renders previews one at a time, and once for requests of the same version that come together', async () => {
    const { handleEndpoints } = await import('payload')
    const ask = () =>
      handleEndpoints({
        config: cms.payload.config,
        request: new Request(`http://localhost/api/articles/${draftId}/preview`, {
          headers: { authorization: `JWT ${tokens.editor}` },
        }),
      })
    // The builds this process started: its own children (a build's own children, caught between fork and
    // exec, still carry the build's command line).
    const astroBuilds = () =>
      childrenOf(process.pid).filter((pid) => {
        try {
          return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('astro.mjs\0build')
        } catch {
          return false
        }
      })
    const seen = new Set<number>()
    let atOnce = 0
    const watch = setInterval(() => {
      const now = astroBuilds()
      for (const pid of now) seen.add(pid)
      atOnce = Math.max(atOnce, now.length)
    }, 50)
    try {
      const answers = await Promise.all([ask(), ask(), ask(), ask()])
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200])
      const pages = await Promise.all(answers.map((a) => a.text()))
      expect(new Set(pages).size).toBe(1)
      expect(pages[0]).toContain(MARKER)
    } finally {
      clearInterval(watch)
    }
    expect(atOnce).toBe(1)
    expect(seen.size).toBe(1)
  })

  it("writes none of the draft's image variants into the site's public folder", async () => {
    const sharp = (await import('sharp')).default
    const data = await sharp({ create: { width: 700, height: 400, channels: 3, background: '#336699' } })
      .png()
      .toBuffer()
    const name = `preview-only-${Date.now()}.png`
    const image = await cms.payload.create({
      collection: 'media',
      data: { alt: '只在草稿里的图片' },
      file: { data, mimetype: 'image/png', name, size: data.length },
    })
    await cms.payload.update({
      collection: 'articles',
      id: draftId,
      data: { heroImage: image.id },
      draft: true,
    })
    const { handleEndpoints } = await import('payload')
    const response = await handleEndpoints({
      config: cms.payload.config,
      request: new Request(`http://localhost/api/articles/${draftId}/preview`, {
        headers: { authorization: `JWT ${tokens.editor}` },
      }),
    })
    expect(response.status).toBe(200)
    expect(await response.text()).toContain(name.replace('.png', ''))
    const publicMedia = path.join(import.meta.dirname, '../site/public/media')
    const leaked = fs.existsSync(publicMedia)
      ? fs.readdirSync(publicMedia).filter((f) => f.startsWith(name.replace('.png', '')))
      : []
    expect(leaked).toEqual([])
  })

  it("renders the article's page and none of the site's other documents' pages", async () => {
    const { slug } = await cms.payload.findByID({ collection: 'articles', id: draftId, draft: true })
    const outDir = path.join(cms.dir, 'preview-out')
    const { code, output } = await buildSite(process.env.DATABASE_URI!, process.env.SITE_DIST!, {
      PREVIEW_ARTICLE_ID: draftId,
      PREVIEW_ARTICLE_SLUG: slug!,
      PREVIEW_DIR: outDir,
    })
    expect(code, output).toBe(0)
    const pages = filesUnder(outDir).filter((file) => /\.(html|csv|json|xml)$/.test(file))
    // Routes with parameters (articles, regions, enterprises, indicators, lists) render this page only;
    // the few routes without parameters (home, indexes, search, about) Astro renders in any build.
    const fixed = ['index.html', '404.html', 'rss.xml', 'search/index.html', 'about/index.html']
    const perDocument = pages.filter(
      (file) => !fixed.includes(file) && !file.startsWith('about/') && !/^\w+\/index\.html$/.test(file),
    )
    expect(perDocument).toEqual([`articles/${slug}/index.html`])
    expect(fs.readFileSync(path.join(outDir, 'articles', slug!, 'index.html'), 'utf8')).toContain(MARKER)
    fs.rmSync(outDir, { recursive: true, force: true })
  })

  it('publishes nothing: the live link, the live tree and the draft are as they were', async () => {
    const dist = process.env.SITE_DIST!
    expect(fs.readlinkSync(dist)).toBe(liveTree)
    expect(fs.readdirSync(liveTree)).toEqual(['index.html'])
    expect(fs.readFileSync(path.join(dist, 'index.html'), 'utf8')).toContain('线上首页')
    // No release tree was brought up, nothing was staged.
    expect(fs.readdirSync(`${dist}.releases`)).toEqual(['a'])
    expect(fs.existsSync(`${dist}.staging`)).toBe(false)
    expect((await cms.payload.findByID({ collection: 'articles', id: draftId }))._status).toBe('draft')
  })
})
