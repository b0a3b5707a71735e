/**
 * The portal as readers meet it, in Chromium at a phone's size: search results with their type, date and
 * filter; an article whose figures open a card on tap (no JavaScript needed) and never break across lines; an
 * indicator page grouped by period and scope; the HTML sitemap; the high-contrast mode, remembered like 字号;
 * the RSS feed and sitemap shown as pages; print with the page address and source links written out; the
 * measure of running text on a desktop. axe-core checks each page for serious or critical violations.
 * Screenshots go to test-results/portal/.
 */
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { closeServer, serveStaticSite } from '../scripts/start/portal-server'
import { seedDemoContent } from '../scripts/seed/index'
import { launchChromium } from './helpers/browser'
import { startTestCms, type TestCms } from './helpers/cms'
import { buildSite } from './helpers/site'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SHOTS = path.join(repoRoot, 'test-results/portal')
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
const ARTICLE = '/articles/liushi-2021/'
const INDICATOR = '/indicators/zhigong-fuwu-touru-zijin/'

let cms: TestCms
let server: ReturnType<typeof serveStaticSite>
let browser: Browser
let site: string

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
    probe.on('error', reject)
  })

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true })
  cms = await startTestCms()
  await seedDemoContent(cms.payload)
  const port = await freePort()
  site = `http://127.0.0.1:${port}`
  const dist = path.join(cms.dir, 'site', 'dist')
  // The portal's address is the one it is served from: pages print it.
  const built = await buildSite(`file:${cms.databaseFile}`, dist, { SITE_URL: site })
  if (built.code !== 0) throw new Error(built.output)
  server = serveStaticSite(dist, port, '127.0.0.1')
  browser = await launchChromium()
}, 600_000)

afterAll(async () => {
  await browser?.close()
  if (server) await closeServer(server)
  await cms?.close()
}, 60_000)

async function open(urlPath: string, options: Parameters<Browser['newContext']>[0] = PHONE) {
  const context = await browser.newContext({ locale: 'zh-CN', ...options })
  context.setDefaultTimeout(20_000)
  const page = await context.newPage()
  await page.goto(`${site}${urlPath}`)
  return { context, page }
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) })

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page) {
  await page.addScriptTag({ path: path.join(repoRoot, 'node_modules/axe-core/axe.min.js') })
  const violations = await page.evaluate(async () => {
    const { violations } = await (
      window as unknown as {
        axe: {
          run: (
            context: Document,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>
        }
      }
    ).axe.run(document)
    return violations
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

const closeAll = (...contexts: BrowserContext[]) => Promise.all(contexts.map((c) => c.close()))

describe('the portal in Chromium', () => {
  it('searches from the header, shows each result’s type and date, and narrows by type', async () => {
    const { context, page } = await open('/')
    await page.locator('#site-search-q').fill('技能')
    await page.locator('.site-search button').click()
    await page.waitForURL(/\/search\/\?q=/)
    await expect.poll(() => page.locator('.result').count()).toBeGreaterThan(3)
    const first = page.locator('.result').first()
    expect(await first.locator('.result-type').textContent()).toBe('文章')
    expect(await first.locator('.result-date').textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/)
    for (const excerpt of await page.locator('.result-excerpt').allTextContents())
      expect(excerpt).not.toMatch(/\.\s/)
    await first.scrollIntoViewIfNeeded()
    await shot(page, 'search-results')
    expect(await seriousViolations(page)).toEqual([])

    await page.locator('.type-option', { hasText: '指标' }).click()
    await expect.poll(() => page.url()).toContain('type=')
    await expect
      .poll(async () => [...new Set(await page.locator('.result-type').allTextContents())])
      .toEqual(['指标'])
    await shot(page, 'search-results-indicators')
    await closeAll(context)
  })

  it('shows an article’s figures unbroken, each opening its card on tap and linking to its record', async () => {
    const { context, page } = await open(ARTICLE)
    const figures = page.locator('.body .fig')
    expect(await figures.count()).toBeGreaterThan(10)
    // Each figure sits on one line: one box, never split between lines.
    const lineBoxes = await figures.evaluateAll((spans) =>
      spans.map((span) => span.querySelector('.fig-figure')!.getClientRects().length),
    )
    expect(lineBoxes.every((n) => n === 1)).toBe(true)
    const figure = figures.first().locator('.fig-figure')
    expect(await figure.getAttribute('title')).toMatch(/^指标：.+；统计期：.+；范围：.+$/)
    await figure.tap()
    const card = figures.first().locator('.fig-card')
    await expect.poll(() => card.evaluate((el) => el.matches(':popover-open'))).toBe(true)
    expect(await card.textContent()).toMatch(/指标.+统计期.+范围/)
    await shot(page, 'article-figure-card')
    expect(await seriousViolations(page)).toEqual([])
    const record = await card.locator('a').getAttribute('href')
    await card.locator('a').click()
    await page.waitForURL(`${site}${record}`)
    const row = page.locator(record!.slice(record!.indexOf('#')))
    expect(await row.evaluate((el) => el.matches(':target'))).toBe(true)
    await closeAll(context)
  })

  it('opens a figure’s card without JavaScript', async () => {
    const { context, page } = await open(ARTICLE, { ...PHONE, javaScriptEnabled: false })
    const first = page.locator('.body .fig').first()
    await first.locator('.fig-figure').tap()
    await expect
      .poll(() => first.locator('.fig-card').evaluate((el) => el.matches(':popover-open')))
      .toBe(true)
    await closeAll(context)
  })

  it('groups an indicator’s figures by period and scope, each group with its own chart', async () => {
    const { context, page } = await open(INDICATOR)
    const groups = page.locator('.figure-group')
    expect(await groups.count()).toBeGreaterThan(1)
    for (const group of await groups.all())
      expect(await group.locator('svg.chart').count()).toBeGreaterThan(0)
    await groups.first().scrollIntoViewIfNeeded()
    await shot(page, 'indicator')
    expect(await seriousViolations(page)).toEqual([])
    await closeAll(context)
  })

  it('has an HTML sitemap linked from the footer', async () => {
    const { context, page } = await open('/about/site/')
    await page.locator('.site-footer a', { hasText: '网站地图' }).click()
    await page.waitForURL(`${site}/sitemap/`)
    expect(await page.locator('h1').textContent()).toBe('网站地图')
    expect(await page.locator('#regions-heading + ul a').count()).toBeGreaterThan(0)
    await shot(page, 'sitemap')
    expect(await seriousViolations(page)).toEqual([])
    await closeAll(context)
  })

  it('switches to high contrast beside 字号 and remembers it on the next page', async () => {
    const { context, page } = await open(ARTICLE)
    const toggle = page.locator('.contrast-toggle')
    expect(await toggle.getAttribute('aria-pressed')).toBe('false')
    await toggle.click()
    expect(await toggle.getAttribute('aria-pressed')).toBe('true')
    await page.goto(`${site}${INDICATOR}`)
    expect(await page.evaluate(() => document.documentElement.dataset.contrast)).toBe('high')
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(0, 0, 0)')
    expect(await page.locator('.contrast-toggle').getAttribute('aria-pressed')).toBe('true')
    await shot(page, 'high-contrast-indicator')
    expect(await seriousViolations(page)).toEqual([])
    await page.goto(`${site}${ARTICLE}`)
    await shot(page, 'high-contrast-article')
    expect(await seriousViolations(page)).toEqual([])
    await closeAll(context)
  })

  it('shows the RSS feed and the XML sitemaps as pages, at whichever address the portal is opened', async () => {
    // Opened at localhost while the portal's own address is 127.0.0.1: a stylesheet named by the portal's
    // address would come from another origin, which browsers refuse.
    const other = site.replace('127.0.0.1', 'localhost')
    const { context, page } = await open('/rss.xml')
    expect(await page.locator('h1').textContent()).toContain('RSS 订阅')
    expect(await page.locator('.items li').count()).toBeGreaterThan(3)
    await shot(page, 'rss')
    await page.goto(`${other}/sitemap-index.xml`)
    expect(await page.locator('h1').textContent()).toBe('XML 网站地图')
    await page.goto(`${other}/sitemap-0.xml`)
    expect(await page.locator('.urls li').count()).toBeGreaterThan(50)
    await closeAll(context)
  })

  it('prints the page address and writes out source links', async () => {
    const { context, page } = await open(INDICATOR)
    await page.emulateMedia({ media: 'print' })
    const address = page.locator('.print-address')
    expect(await address.isVisible()).toBe(true)
    expect(await address.textContent()).toBe(`本页地址：${site}${INDICATOR}`)
    const written = await page
      .locator('a.source')
      .first()
      .evaluate((a) => getComputedStyle(a, '::after').content)
    expect(written).toMatch(new RegExp(`^"（${site}/articles/[^"]+/）"$`))
    expect(await page.locator('.site-search').isVisible()).toBe(false)
    await closeAll(context)
  })

  it('keeps running text to about 38 characters a line on a desktop at 中', async () => {
    const { context, page } = await open(ARTICLE, { viewport: { width: 1366, height: 900 } })
    const perLine = await page
      .locator('.body p')
      .first()
      .evaluate((p) => p.getBoundingClientRect().width / parseFloat(getComputedStyle(p).fontSize))
    expect(perLine).toBeGreaterThanOrEqual(35)
    expect(perLine).toBeLessThanOrEqual(40)
    await closeAll(context)
  })
})
