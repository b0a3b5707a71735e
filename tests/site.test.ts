import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'

import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { brokenInternalLinks } from '../site/integrations/link-check'
import { COLLECTIONS, listFromTables, listThroughAdapter, type RawDoc } from '../scripts/pull/sources'
import { seedDemoContent } from '../scripts/seed/index'
import { serveRestApi, startTestCms, type TestCms } from './helpers/cms'
import { buildSite, filesUnder, readPage, searchSite } from './helpers/site'

const DRAFT_MARKER = '草稿不应出现XQ7'
let cms: TestCms
let dist: string
let firstBuild: { code: number; output: string }

const slugsOf = async (collection: 'articles' | 'regions' | 'enterprises' | 'indicators') =>
  (
    await cms.payload.find({ collection, where: { _status: { equals: 'published' } }, pagination: false })
  ).docs.map((d) => d.slug!)

beforeAll(async () => {
  cms = await startTestCms()
  await seedDemoContent(cms.payload)
  const { payload } = cms
  const region = await payload.create({
    collection: 'regions',
    data: { name: `${DRAFT_MARKER}镇`, level: 'town', _status: 'draft' },
    draft: true,
  })
  await payload.create({
    collection: 'articles',
    data: { title: `${DRAFT_MARKER}的文章`, summary: DRAFT_MARKER, _status: 'draft' },
    draft: true,
  })
  // A published article that points at the draft region: the reference must be dropped, not linked.
  await payload.create({
    collection: 'articles',
    data: {
      title: '引用未发布地区的文章',
      slug: 'yinyong-weifabu',
      regions: [region.id],
      _status: 'published',
    },
  })
  // A published article whose newest version is an unpublished draft: readers keep seeing the published one.
  const [jiangyan] = (
    await payload.find({ collection: 'articles', where: { slug: { equals: 'jiangyan-2022' } } })
  ).docs
  await payload.update({
    collection: 'articles',
    id: jiangyan!.id,
    data: { title: `${DRAFT_MARKER}改稿` },
    draft: true,
  })

  dist = path.join(cms.dir, 'site', 'dist')
  firstBuild = await buildSite(`file:${cms.databaseFile}`, dist)
}, 600_000)
afterAll(() => cms?.close())

describe('the built portal', () => {
  it('builds', () => {
    expect(firstBuild.output).not.toMatch(/error/i)
    expect(firstBuild.code).toBe(0)
  })

  it.each(['articles', 'regions', 'enterprises', 'indicators'] as const)(
    'has a page for every published %s',
    async (c) => {
      const slugs = await slugsOf(c)
      expect(slugs.length).toBeGreaterThan(0)
      for (const slug of slugs)
        expect(fs.existsSync(path.join(dist, c, slug, 'index.html')), `${c}/${slug}`).toBe(true)
    },
  )

  it('contains no draft anywhere: pages, feeds, sitemap, downloads, search index', () => {
    const root = fs.realpathSync(dist)
    for (const file of filesUnder(dist)) {
      let text = fs.readFileSync(path.join(root, file))
      if (/\.pf_\w+$/.test(file)) text = zlib.gunzipSync(text)
      expect(text.toString('utf8').includes(DRAFT_MARKER), file).toBe(false)
    }
  })

  it('drops a reference to an unpublished region with a warning', () => {
    expect(firstBuild.output).toContain('articles/yinyong-weifabu: dropped a reference to regions/')
    expect(readPage(dist, '/articles/yinyong-weifabu/')).not.toContain('/regions/caogao')
  })

  it('writes article pages in Chinese with breadcrumb, date, source, byline and figures', () => {
    const html = readPage(dist, '/articles/jiangyan-2022/')
    expect(html).toContain('<html lang="zh-CN"')
    expect(html).toMatch(/首页<\/a>[\s\S]*产改工作<\/a>[\s\S]*他山之石<\/a>[\s\S]*正文/)
    expect(html).toContain('2022年12月6日')
    expect(html).toMatch(/来源<\/dt>\s*<dd[^>]*>自采/)
    expect(html).toMatch(/编辑<\/dt>\s*<dd[^>]*>陈玲/)
    expect(html).toContain('2097人')
    expect(html).toContain('同比下降60%')
    expect(readPage(dist, '/articles/wuxi-skills-2021/')).toContain('70.06万人次')
  })

  it('links every figure to the article it came from', () => {
    const html = readPage(dist, '/regions/jiangyan-qu/')
    expect(html).toContain('4523万元')
    expect(html).toContain('href="/articles/jiangyan-2022/"')
  })

  it('publishes an RSS feed and a sitemap that parse and list every published page', async () => {
    const articles = await slugsOf('articles')
    const rss = readPage(dist, '/rss.xml')
    expect(XMLValidator.validate(rss)).toBe(true)
    const items = new XMLParser().parse(rss).rss.channel.item as { link: string }[]
    for (const slug of articles)
      expect(items.map((i) => i.link)).toContain(`http://localhost:4321/articles/${slug}/`)

    const root = fs.realpathSync(dist)
    const sitemaps = fs.readdirSync(root).filter((f) => /^sitemap-\d+\.xml$/.test(f))
    const urls = sitemaps.flatMap((file) => {
      const xml = fs.readFileSync(path.join(root, file), 'utf8')
      expect(XMLValidator.validate(xml)).toBe(true)
      return [new XMLParser().parse(xml).urlset.url].flat().map((u: { loc: string }) => u.loc)
    })
    for (const c of ['articles', 'regions', 'enterprises', 'indicators'] as const) {
      for (const slug of await slugsOf(c)) expect(urls).toContain(`http://localhost:4321/${c}/${slug}/`)
    }
  })

  it('has no broken internal link', () => {
    expect(brokenInternalLinks(fs.realpathSync(dist))).toEqual([])
  })

  it('finds Chinese words with the search index', async () => {
    const results = await searchSite(dist, '技能')
    expect(results.length).toBeGreaterThan(0)
    expect(results).toContain('/articles/wuxi-skills-2021/')
  })

  it('keeps article pages light: at most 50 KB of HTML and CSS before images', () => {
    const root = fs.realpathSync(dist)
    const html = readPage(dist, '/articles/suzhou-sip-2023/')
    const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) =>
      fs.readFileSync(path.join(root, m[1]!), 'utf8'),
    )
    expect(Buffer.byteLength(html) + Buffer.byteLength(css.join(''))).toBeLessThanOrEqual(50 * 1024)
  })
})

describe('pulling content', () => {
  /** scripts/pull-content.ts as a build runs it; `snapshot` keeps what it pulled for the next pull. */
  const pull = async (name: string, env: Record<string, string>, snapshot?: string) => {
    const out = path.join(cms.dir, `pull-${name}.json`)
    await promisify(execFile)(
      process.execPath,
      [
        'node_modules/tsx/dist/cli.mjs',
        'scripts/pull-content.ts',
        '--out',
        out,
        '--public-dir',
        path.join(cms.dir, 'public'),
        ...(snapshot ? ['--snapshot', snapshot] : []),
      ],
      { env: { ...process.env, DATABASE_URI: `file:${cms.databaseFile}`, ...env } },
    )
    const { content, fetched } = JSON.parse(fs.readFileSync(out, 'utf8'))
    const { media, ...rest } = content
    // Where an original is read from differs by source (a file, a URL); what is published does not.
    return {
      content: { ...rest, media: media.map((m: { src: string }) => m.src) },
      fetched: fetched as number,
    }
  }

  it('gives the same entries from the embedded database and from a remote CMS over REST', async () => {
    const api = await serveRestApi(cms.payload)
    try {
      const local = await pull('local', {})
      const remote = await pull('remote', { CMS_URL: api.url })
      expect(local.content.articles.length).toBeGreaterThan(5)
      expect(remote.content).toEqual(local.content)
    } finally {
      await api.close()
    }
  })

  it('lists published documents straight from the SQL tables exactly as the database adapter lists them', async () => {
    const byId = (a: RawDoc, b: RawDoc) => a.id.localeCompare(b.id)
    for (const collection of COLLECTIONS) {
      const fromTables = await listFromTables(cms.payload, collection)
      const throughAdapter = await listThroughAdapter(cms.payload, collection)
      expect(fromTables, collection).toBeDefined()
      expect(fromTables!.toSorted(byId), collection).toEqual(throughAdapter.toSorted(byId))
    }
    const articles = await listFromTables(cms.payload, 'articles')
    expect(articles!.length).toBe((await slugsOf('articles')).length)
  })

  it('fetches only what changed since the last pull, and drops what was unpublished, from either source', async () => {
    const api = await serveRestApi(cms.payload)
    const sources = { local: {}, remote: { CMS_URL: api.url } }
    const article = async (slug: string) =>
      (await cms.payload.find({ collection: 'articles', where: { slug: { equals: slug } } })).docs[0]!
    const [retitled, unpublished] = [await article('wuxi-skills-2021'), await article('liushi-2021')]
    try {
      for (const [name, env] of Object.entries(sources))
        await pull(`${name}-first`, env, path.join(cms.dir, `snapshot-${name}.json`))
      await cms.payload.update({
        collection: 'articles',
        id: retitled.id,
        data: { title: '无锡技能提升新标题' },
      })
      await cms.payload.update({ collection: 'articles', id: unpublished.id, data: { _status: 'draft' } })
      const full = await pull('full', {})
      expect(full.content.articles.map((a: { slug: string }) => a.slug)).not.toContain('liushi-2021')
      for (const [name, env] of Object.entries(sources)) {
        const again = await pull(`${name}-again`, env, path.join(cms.dir, `snapshot-${name}.json`))
        expect(again.fetched, name).toBe(1)
        expect(again.content, name).toEqual(full.content)
      }
    } finally {
      await cms.payload.update({ collection: 'articles', id: retitled.id, data: { title: retitled.title } })
      await cms.payload.update({ collection: 'articles', id: unpublished.id, data: { _status: 'published' } })
      await api.close()
    }
  })
})

describe('a build with bad content', () => {
  it('keeps the document at its last good state, names it, and publishes the rest', async () => {
    const [region] = (
      await cms.payload.find({ collection: 'regions', where: { slug: { equals: 'wuxi-shi' } } })
    ).docs
    // Written straight to the database, past the CMS's own validation, as a faulty import or migration might.
    await cms.payload.db.updateOne({
      collection: 'regions',
      where: { id: { equals: region!.id } },
      data: { level: 'galaxy', updatedAt: new Date().toISOString() },
    })
    const fresh = await cms.payload.create({
      collection: 'articles',
      data: { title: '坏内容之后发布的文章', slug: 'huai-neirong-zhihou', _status: 'published' },
    })
    try {
      const built = await buildSite(`file:${cms.databaseFile}`, dist)
      expect(built.code, built.output).toBe(0)
      expect(built.output).toMatch(/Kept the last good version of regions\/\S+ \(无锡市\)/)
      expect(built.output).toMatch(/层级：不是可选的值/)
      expect(readPage(dist, '/regions/wuxi-shi/')).toContain('无锡市')
      expect(readPage(dist, '/articles/huai-neirong-zhihou/')).toContain('坏内容之后发布的文章')
    } finally {
      await cms.payload.delete({ collection: 'articles', id: fresh.id })
      await cms.payload.db.updateOne({
        collection: 'regions',
        where: { id: { equals: region!.id } },
        data: { level: 'city' },
      })
    }
  })
})
