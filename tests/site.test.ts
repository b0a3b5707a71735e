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
import { buildSite, filesUnder, readPage, searchResults, searchSite } from './helpers/site'

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

describe('the readers’ portal', () => {
  const root = () => fs.realpathSync(dist)
  const htmlPages = () => filesUnder(dist).filter((f) => f.endsWith('.html'))
  const textOf = (html: string) =>
    html
      .replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, '')
  /** The article's body as published, and the same with every figure's markup cut out. */
  const bodyOf = (html: string) => {
    const body = html.slice(html.indexOf('<div class="body">'), html.indexOf('</article>'))
    const unmarked = body.replace(/<span class="fig">[\s\S]*?<\/span><\/span>/g, '⟨数⟩')
    return { body, unmarked }
  }
  /** Every published figure the CMS holds, with its article's and indicator's slugs. */
  const publishedFigures = async () =>
    (
      await cms.payload.find({
        collection: 'metrics',
        where: { _status: { equals: 'published' } },
        pagination: false,
        depth: 1,
      })
    ).docs.map((m) => ({
      id: String(m.id),
      article: (m.sourceArticle as { slug: string }).slug,
      indicator: (m.indicator as { slug: string }).slug,
      evidence: m.evidence,
      display: m.display!,
    }))

  it('marks up every figure of an article where its text says it, linked to its record on the indicator page', async () => {
    const figures = (await publishedFigures()).filter((f) => f.article !== 'yinyong-weifabu')
    expect(figures.length).toBeGreaterThan(40)
    for (const [article, ofArticle] of Map.groupBy(figures, (f) => f.article)) {
      const { body, unmarked } = bodyOf(readPage(dist, `/articles/${article}/`))
      for (const figure of ofArticle) {
        const where = `${article}: ${figure.evidence}`
        expect(body, where).toContain(`popovertarget="fig-${figure.id}"`)
        expect(body, where).toContain(`href="/indicators/${figure.indicator}/#figure-${figure.id}"`)
        expect(readPage(dist, `/indicators/${figure.indicator}/`), where).toContain(
          `<tr id="figure-${figure.id}">`,
        )
        // Outside the markup, the phrase the figure was read from is no longer whole: its figure is marked.
        expect(textOf(unmarked), where).not.toContain(figure.evidence.replace(/\s+/g, ''))
      }
    }
  })

  it('shows 多, 余, 逾 and 超过 as the report wrote them', async () => {
    const figures = await publishedFigures()
    const written = (display: string) => figures.find((f) => f.display === display)!
    for (const display of ['50多万人次', '1000多人', '60余万人', '300余个', '超过97%']) {
      const figure = written(display)
      expect(figure, display).toBeDefined()
      expect(figure.evidence, display).toContain(display.replace(/人次|人|个|%/, ''))
      expect(textOf(readPage(dist, `/articles/${figure.article}/`)), display).toContain(display)
      expect(textOf(readPage(dist, `/indicators/${figure.indicator}/`)), display).toContain(display)
    }
    expect(textOf(readPage(dist, '/indicators/jineng-jingsai-canyu/'))).not.toContain('50余万人次')
  })

  it('indexes pages for search in Chinese: no Western full stops, no field labels, type and date given', () => {
    const fragments = filesUnder(dist).filter((f) => /pagefind\/\d+\/fragment\//.test(f))
    expect(fragments.length).toBeGreaterThan(30)
    const types = new Set<string>()
    for (const file of fragments) {
      // A fragment is gzip'd JSON after Pagefind's 12-byte signature; words are separated by zero-width spaces.
      const json = zlib
        .gunzipSync(fs.readFileSync(path.join(root(), file)))
        .subarray(12)
        .toString('utf8')
      const { url, content, meta, filters } = JSON.parse(json) as {
        url: string
        content: string
        meta: Record<string, string>
        filters: Record<string, string[]>
      }
      const text = content.replace(/\u200b/g, '')
      expect(text, url).not.toMatch(/\.\s/)
      expect(text, url).not.toMatch(
        /类型\s*(金额|数量|占比|增减幅度)|单位\s*(元|人)|层级\s*(省|市|区县|乡镇街道|园区)|上级地区|行政区划代码|发布时间\s*\d|本页地址|首页\s*›|下载 CSV/,
      )
      expect(meta.type, url).toBeTruthy()
      expect(filters['类型'], url).toEqual([meta.type])
      if (url.startsWith('/articles/')) expect(meta.date, url).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/)
      types.add(meta.type!)
    }
    expect([...types]).toEqual(expect.arrayContaining(['文章', '地区', '企业', '指标']))
  })

  it('finds with excerpts from the page’s own text, narrows by type, and ranks the articles that say most first', async () => {
    const results = await searchResults(dist, '技能')
    expect(results.length).toBeGreaterThan(5)
    for (const r of results) expect(r.excerpt.replace(/<\/?mark>/g, ''), r.url).not.toMatch(/\.\s/)
    // Articles about skills come before the catalogue entries (a topic, an indicator) whose name holds the word;
    // with Pagefind's own ranking, four such entries came first.
    const catalogue = ['地区', '企业', '指标', '专题', '栏目']
    const firstCatalogue = results.findIndex((r) => catalogue.includes(r.meta.type!))
    expect(firstCatalogue).toBeGreaterThanOrEqual(4)
    expect(
      results.slice(0, firstCatalogue).filter((r) => r.meta.type === '文章').length,
    ).toBeGreaterThanOrEqual(3)
    expect(results[0]!.meta.type).toBe('文章')
    const withDefaults = await searchResults(dist, '技能', { ranking: {} })
    expect(catalogue).toContain(withDefaults[0]!.meta.type)
    const articles = results.filter((r) => r.meta.type === '文章')
    const narrowed = await searchResults(dist, '技能', { filters: { 类型: '文章' } })
    expect(narrowed.length).toBe(articles.length)
    expect(narrowed.every((r) => r.meta.type === '文章')).toBe(true)
  })

  it('gives the RSS feed and the sitemaps a stylesheet that shows them as a page', () => {
    const rss = readPage(dist, '/rss.xml')
    expect(rss).toMatch(/<\?xml-stylesheet [^>]*href="\/rss\.xsl"/)
    for (const file of ['sitemap-index.xml', 'sitemap-0.xml'])
      expect(fs.readFileSync(path.join(root(), file), 'utf8'), file).toMatch(
        /^<\?xml [^>]*\?><\?xml-stylesheet type="text\/xsl" href="\/sitemap\.xsl"\?>/,
      )
    for (const xsl of ['rss.xsl', 'sitemap.xsl', 'feeds.css'])
      expect(fs.existsSync(path.join(root(), xsl)), xsl).toBe(true)
    for (const xsl of ['rss.xsl', 'sitemap.xsl'])
      expect(XMLValidator.validate(fs.readFileSync(path.join(root(), xsl), 'utf8')), xsl).toBe(true)
  })

  it('shows the site settings in every page’s footer, and the About page’s error line reaches the editors', async () => {
    const settings = await cms.payload.findGlobal({ slug: 'site-settings' })
    expect(settings.organizer).toContain('示例')
    for (const file of htmlPages()) {
      const html = fs.readFileSync(path.join(root(), file), 'utf8')
      const footer = html.slice(html.indexOf('<footer'))
      expect(footer, file).toContain(settings.organizer)
      expect(footer, file).toContain(`href="mailto:${settings.contactEmail}"`)
      expect(footer, file).toMatch(new RegExp(`href="https://beian.miit.gov.cn/"[^>]*>${settings.icpNumber}`))
      expect(footer, file).toContain(settings.publicSecurityNumber!)
      expect(footer, file).toContain('href="/sitemap/"')
    }
    const about = readPage(dist, '/about/site/')
    expect(about).toMatch(/如发现错误，欢迎发邮件到 <a href="mailto:editors@example.org">/)
  })

  it('has an HTML sitemap of sections, regions and indicators, and breadcrumbs on every page but home', async () => {
    const sitemap = readPage(dist, '/sitemap/')
    for (const c of ['regions', 'indicators'] as const)
      for (const slug of await slugsOf(c)) expect(sitemap, `${c}/${slug}`).toContain(`href="/${c}/${slug}/"`)
    for (const section of ['/articles/', '/enterprises/', '/topics/', '/search/', '/about/'])
      expect(sitemap).toContain(`href="${section}"`)
    for (const file of htmlPages()) {
      const html = fs.readFileSync(path.join(root(), file), 'utf8')
      expect(html.includes('class="breadcrumb"'), file).toBe(file !== 'index.html')
    }
  })

  it('groups an indicator’s figures by period kind and scope level, each group with its own chart', async () => {
    const levels = new Map(
      (await cms.payload.find({ collection: 'regions', pagination: false })).docs.map((r) => [
        r.slug,
        r.level,
      ]),
    )
    let groups = 0
    for (const slug of await slugsOf('indicators')) {
      const html = readPage(dist, `/indicators/${slug}/`)
      const records = new Map(
        (
          JSON.parse(readPage(dist, `/indicators/${slug}.json`)).figures as {
            id: string
            regionSlug: string
            enterpriseSlug: string | null
            period: { kind: string }
          }[]
        ).map((r) => [r.id, r]),
      )
      const sections = [
        ...html.matchAll(/<section class="figure-group" id="group-([\w-]+)"[\s\S]*?<\/section>/g),
      ]
      const seen = sections.flatMap(([section, key]) => {
        expect(section, key).toMatch(/<svg class="chart"/)
        groups++
        return [...section.matchAll(/<tr id="figure-([^"]+)">/g)].map(([, id]) => {
          const record = records.get(id!)!
          const scope = record.enterpriseSlug ? 'enterprise' : levels.get(record.regionSlug)
          expect(`${record.period.kind}-${scope}`, `${slug}: ${id}`).toBe(key)
          return id
        })
      })
      expect(seen.toSorted(), slug).toEqual([...records.keys()].toSorted())
    }
    expect(groups).toBeGreaterThan((await slugsOf('indicators')).length)
  })

  it('renders every page again when the site settings change (the footer is on all of them)', async () => {
    const before = await cms.payload.findGlobal({ slug: 'site-settings' })
    await cms.payload.updateGlobal({ slug: 'site-settings', data: { organizer: '某市总工会（改名测试）' } })
    try {
      const built = await buildSite(`file:${cms.databaseFile}`, dist)
      expect(built.code, built.output).toBe(0)
      for (const page of [
        '/articles/liushi-2021/',
        '/regions/wuxi-shi/',
        '/indicators/gonghui-huiyuan/',
        '/',
      ])
        expect(readPage(dist, page), page).toContain('某市总工会（改名测试）')
    } finally {
      await cms.payload.updateGlobal({ slug: 'site-settings', data: { organizer: before.organizer } })
    }
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
