/**
 * Incremental builds through the dependency index (site/src/lib/dependencies.ts, static-paths.ts): an edit
 * renders exactly the pages that show what changed, and a chain of incremental builds ends with the same
 * bytes as a cold build of the same content.
 */
import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildPortal, type BuildResult } from '../scripts/publish/build'
import { seedDemoContent } from '../scripts/seed/index'
import { DEPENDENCY_INDEX_FILE, readDependencyIndex } from '../site/integrations/dependency-index'
import { startTestCms, type TestCms } from './helpers/cms'
import { filesUnder } from './helpers/site'

let cms: TestCms
let dist: string

/** Routes without getStaticPaths: Astro renders them in every build (see README, Publishing). */
const FIXED_PAGES = new Set([
  '/index.html',
  '/404.html',
  '/search/index.html',
  '/about/index.html',
  '/about/site/index.html',
  '/regions/index.html',
  '/enterprises/index.html',
  '/indicators/index.html',
  '/channels/index.html',
  '/topics/index.html',
  '/sitemap/index.html',
  '/rss.xml',
])

const build = async (siteDist: string): Promise<BuildResult> => {
  const result = await buildPortal({ ...process.env, SITE_DIST: siteDist }, { payload: cms.payload })
  expect(result.error ?? '', result.error).not.toMatch(/\S/)
  expect(result.ok).toBe(true)
  return result
}

/** The portal's files (pages, feeds, downloads, sitemap), not the release's bookkeeping or search index. */
function siteFiles(siteDist: string) {
  const root = fs.realpathSync(siteDist)
  return Object.fromEntries(
    filesUnder(siteDist)
      .filter((file) => !file.startsWith('.') && !file.startsWith('pagefind/') && !file.startsWith('_astro/'))
      .sort()
      .map((file) => [file, fs.readFileSync(path.join(root, file), 'utf8')]),
  )
}

/** Pages of the live site whose text contains `text`. */
const pagesShowing = (siteDist: string, text: string) =>
  Object.entries(siteFiles(siteDist))
    .filter(([file, body]) => !file.startsWith('sitemap') && body.includes(text))
    .map(([file]) => `/${file}`)

const articleBySlug = async (slug: string) =>
  (await cms.payload.find({ collection: 'articles', where: { slug: { equals: slug } } })).docs[0]!

beforeAll(async () => {
  cms = await startTestCms()
  dist = path.join(cms.dir, 'site', 'dist')
  process.env.SITE_DIST = dist
  await seedDemoContent(cms.payload)
  await build(dist)
}, 300_000)
afterAll(() => cms?.close())

describe('an incremental build', () => {
  it('renders for a changed title exactly the pages that show it, and nothing else', async () => {
    const article = await articleBySlug('liushi-2021')
    const before = pagesShowing(dist, article.title)
    const newTitle = '柳市镇四大工程换了标题'
    await cms.payload.update({ collection: 'articles', id: article.id, data: { title: newTitle } })
    const result = await build(dist)
    const after = pagesShowing(dist, newTitle)
    // The oracle is the output itself: the pages that showed the old title are the ones showing the new one.
    expect(after.sort()).toEqual(before.sort())
    const renderedPages = result.rendered.filter((file) => !FIXED_PAGES.has(file))
    expect(renderedPages.sort()).toEqual(after.filter((file) => !FIXED_PAGES.has(file)).sort())
    // What that means here: the article, its list page, both neighbours, its region and enterprise pages …
    const index = readDependencyIndex(path.join(fs.realpathSync(dist), DEPENDENCY_INDEX_FILE))!
    expect(renderedPages).toEqual(
      expect.arrayContaining([
        '/articles/liushi-2021/index.html',
        '/articles/index.html',
        ...article.regions!.map((r) => `/regions/${(r as { slug: string }).slug}/index.html`),
      ]),
    )
    // … and every page rendered is one the index says depends on the article.
    const key = index.keys.indexOf('articles/liushi-2021')
    for (const page of renderedPages) expect(index.pages[page.slice(1)], page).toContain(key)
    expect(result.pagesReused).toBeGreaterThan(result.pagesRendered)
  })

  it('renders every page again when the site settings change (every footer shows them)', async () => {
    const organizer = '增量构建测试主办单位'
    await cms.payload.updateGlobal({ slug: 'site-settings', data: { organizer } })
    const result = await build(dist)
    expect(result.pagesReused).toBe(0)
    const files = siteFiles(dist)
    const pages = Object.keys(files).filter((file) => file.endsWith('.html'))
    expect(pages.length).toBeGreaterThan(50)
    expect(pages.filter((file) => !files[file]!.includes(organizer))).toEqual([])
    const index = readDependencyIndex(path.join(fs.realpathSync(dist), DEPENDENCY_INDEX_FILE))!
    const key = index.keys.indexOf('settings/site')
    for (const [page, keys] of Object.entries(index.pages)) expect(keys, page).toContain(key)
  })

  it('gives after a chain of edits the same files as a cold build of the same content', async () => {
    const { payload } = cms
    // A new article, a deleted one, an article moved to another date (new neighbours), a renamed region, a
    // figure changed, an article unpublished: one incremental build after each.
    const template = await articleBySlug('liushi-2021')
    await payload.create({
      collection: 'articles',
      data: {
        title: '新发布的一篇文章',
        slug: 'xin-wenzhang',
        publishedAt: '2023-06-01T00:00:00.000Z',
        regions: template.regions,
        channel: template.channel,
        _status: 'published',
      },
    })
    await build(dist)
    const [first, second, third] = (
      await payload.find({ collection: 'articles', sort: 'publishedAt', limit: 3, depth: 0 })
    ).docs
    await payload.update({
      collection: 'articles',
      id: first!.id,
      data: { publishedAt: '2024-12-31T00:00:00.000Z' },
    })
    await build(dist)
    const { docs: regions } = await payload.find({ collection: 'regions', limit: 1, depth: 0 })
    await payload.update({
      collection: 'regions',
      id: regions[0]!.id,
      data: { name: `${regions[0]!.name}区` },
    })
    const { docs: metrics } = await payload.find({ collection: 'metrics', limit: 1, depth: 0 })
    await payload.update({ collection: 'metrics', id: metrics[0]!.id, data: { value: 12345 } })
    await build(dist)
    await payload.delete({ collection: 'articles', id: second!.id })
    await payload.update({ collection: 'articles', id: third!.id, data: { _status: 'draft' } })
    await build(dist)

    const cold = path.join(cms.dir, 'site', 'cold')
    const coldResult = await build(cold)
    expect(coldResult.pagesReused).toBe(0)
    const incremental = siteFiles(dist)
    const fresh = siteFiles(cold)
    expect(Object.keys(incremental)).toEqual(Object.keys(fresh))
    const differing = Object.keys(fresh).filter((file) => incremental[file] !== fresh[file])
    for (const file of differing) expect(incremental[file], file).toBe(fresh[file])
  })
})
