/**
 * The editors' admin (issue #17) in a real browser, against the real product (`npm start` on a fresh database
 * with the demo content): dates the Chinese way, the 预约发布 dialog defaulting to 发布 in China time, the
 * article's figures panel, each role's desk on the dashboard, 审核记录 on the document, and a check of the
 * visible text of every page an editor visits for English left in the labels. Screenshots go to
 * test-results/admin-editors/.
 *
 * Slow: the first run after a code change builds the admin (`next build cms`).
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { launchChromium } from './helpers/browser'
import { startProduct, type Product } from './helpers/product'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SHOTS = path.join(repoRoot, 'test-results/admin-editors')
const PASSWORD = 'correct-horse-battery-staple'
const STAFF = {
  admin: { email: 'guanli@example.org', name: '王管理', role: 'admin' },
  contributor: { email: 'zhuangao@example.org', name: '李撰稿', role: 'contributor' },
  editor: { email: 'bianji@example.org', name: '张编辑', role: 'editor' },
} as const
type Role = keyof typeof STAFF
/** The demo content's draft submitted for review (scripts/seed/data/articles.json). */
const DEMO_PENDING = '【待审核】柳市镇“金牌员工”评选做法梳理（草稿）'
const CHINESE_DATE_TIME = /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/

/**
 * Latin letters an editor may meet on these pages, each a real name or unit rather than a label: the file
 * sizes' units. Everything else in Latin letters is reported.
 */
const ALLOWED_LATIN = new Set(['KB', 'MB', 'kB'])

let product: Product
let browser: Browser
const tokens: Partial<Record<Role, string>> = {}
const ids: {
  demoPending?: string
  withFigures?: string
  written?: string
  returned?: string
  submitted?: string
  metric?: string
  media?: string
  importRecord?: string
} = {}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true })
  product = await startProduct({ timeoutMs: 15 * 60_000 })
  browser = await launchChromium()
}, 20 * 60_000)

afterAll(async () => {
  await browser?.close()
  await product?.stop()
}, 60_000)

const poll = <T>(read: () => Promise<T>, timeout = 30_000) => expect.poll(read, { timeout, interval: 250 })

/**
 * A fresh browser profile whose own language is English (the admin must still speak Chinese), on a computer
 * set to China time as the editors' are (Payload shows date fields in the computer's time zone).
 */
async function newPage(role?: Role) {
  const context = await browser.newContext({
    locale: 'en-US',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1400, height: 1000 },
  })
  context.setDefaultTimeout(30_000)
  if (role) await context.addCookies([{ name: 'payload-token', value: tokens[role]!, url: product.apiUrl }])
  return context.newPage()
}

const shot = (page: Page, step: string) =>
  page.screenshot({ path: path.join(SHOTS, `${step}.png`), fullPage: true })

async function api(method: string, apiPath: string, role?: Role, body?: unknown) {
  const response = await fetch(`${product.apiUrl}/api${apiPath}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(role ? { authorization: `JWT ${tokens[role]}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, json: text ? JSON.parse(text) : undefined }
}

/** Opens an admin page and waits until Payload has rendered it (no loading overlay, a heading). */
async function open(page: Page, adminPath: string) {
  await page.goto(`${product.adminUrl}${adminPath}`)
  await page.waitForLoadState('networkidle')
  await page
    .locator('.loading-overlay')
    .waitFor({ state: 'detached' })
    .catch(() => {})
  await page.locator('h1, .dashboard').first().waitFor()
}

/**
 * Every Latin word an editor can see on the page: its rendered text, and the labels assistive technology
 * reads (aria-label, title, placeholder, alt) of visible elements. Content is not labels: the staff's email
 * addresses, file names, web addresses and pinyin slugs are taken out first.
 */
async function englishOn(page: Page): Promise<string[]> {
  const { text, attributes } = await page.evaluate(() => {
    // Seen on screen: displayed, of some size, not moved off screen, not transparent (Lexical's hover handles).
    const visible = (el: Element) => {
      const rects = [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0)
      if (!rects.length || rects.every((r) => r.right < 0 || r.bottom < 0)) return false
      for (let node: Element | null = el; node; node = node.parentElement) {
        const style = getComputedStyle(node)
        if (style.visibility === 'hidden' || style.display === 'none' || style.opacity === '0') return false
      }
      return true
    }
    const attributes: string[] = []
    for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],img[alt]')) {
      if (!visible(el)) continue
      for (const name of ['aria-label', 'title', 'placeholder', 'alt'])
        if (el.getAttribute(name)) attributes.push(el.getAttribute(name)!)
    }
    return { text: document.body.innerText, attributes }
  })
  const content = [
    /[\w.+-]+@[\w-]+(\.[\w-]+)+/g, // email addresses
    /https?:\/\/\S+/g, // web addresses
    /[\w-]+\.(png|jpe?g|webp|gif|avif|shtml|html?|txt)\b/gi, // file names
    /\b[a-z0-9]+(-[a-z0-9]+)+\b/g, // pinyin slugs
    /\bimage\/(png|jpeg|webp|gif|avif)\b/g, // an image's stored file type
  ]
  const words = new Set<string>()
  for (const source of [text, ...attributes]) {
    let rest = source
    for (const pattern of content) rest = rest.replace(pattern, ' ')
    for (const word of rest.match(/[A-Za-z]{2,}(?:\s+[A-Za-z]{2,})*/g) ?? [])
      if (!ALLOWED_LATIN.has(word)) words.add(word)
    if (/\[object Object\]/.test(source)) words.add('[object Object]')
  }
  return [...words]
}

async function checkNoEnglish(page: Page, step: string) {
  await shot(page, step)
  const words = await englishOn(page)
  expect.soft(words, `English on ${step} (${page.url()}): ${JSON.stringify(words)}`).toEqual([])
}

describe('the editors’ admin', () => {
  it('create-first-user has no English and no API key; the first account is made', async () => {
    const page = await newPage()
    await page.goto(product.adminUrl)
    await page.waitForURL(/\/admin\/create-first-user/)
    await poll(() => page.locator('h1').first().textContent()).toBe('欢迎')
    await page.waitForLoadState('networkidle')
    await checkNoEnglish(page, '01-create-first-user')
    const checkboxes = page.locator('.field-type:has(input[type="checkbox"])')
    const found = await checkboxes.evaluateAll((els) => els.map((e) => e.outerHTML.slice(0, 300)))
    expect.soft(found, 'no API key checkbox where an account is created').toEqual([])

    // The englishOn check itself finds what issue #17 saw, so it can fail.
    await page.evaluate(() => {
      const probe = document.createElement('p')
      probe.textContent = 'MIME Type URL hasAPIKey API 密钥'
      probe.setAttribute('aria-label', '新增 [object Object]')
      probe.id = 'english-probe'
      document.body.append(probe)
    })
    expect(await englishOn(page)).toEqual(
      expect.arrayContaining(['MIME Type URL hasAPIKey API', '[object Object]']),
    )
    await page.evaluate(() => document.getElementById('english-probe')?.remove())

    await page.locator('#field-email').fill(STAFF.admin.email)
    await page.locator('#field-password').fill(PASSWORD)
    await page.locator('#field-confirm-password').fill(PASSWORD)
    await page.locator('#field-name').fill(STAFF.admin.name)
    await page.getByRole('button', { name: '创建', exact: true }).click()
    await page.waitForURL((url) => !url.pathname.includes('create-first-user'))
    tokens.admin = (await page.context().cookies()).find((c) => c.name === 'payload-token')?.value
    expect(tokens.admin).toBeTruthy()
    await page.context().close()
  })

  it('staff write, submit and return drafts through the API (the desks’ material)', async () => {
    for (const role of ['contributor', 'editor'] as const) {
      const created = await api('POST', '/users', 'admin', { ...STAFF[role], password: PASSWORD })
      expect(created.status, JSON.stringify(created.json)).toBe(201)
      const login = await api('POST', '/users/login', undefined, {
        email: STAFF[role].email,
        password: PASSWORD,
      })
      tokens[role] = login.json.token
    }
    const write = async (title: string) =>
      (await api('POST', '/articles?draft=true', 'contributor', { title, summary: '撰稿人写的草稿' })).json
        .doc.id as string
    ids.written = await write('周铁镇职工技能比武侧记（草稿）')
    ids.submitted = await write('宜兴市产改推进会纪要（已提交）')
    ids.returned = await write('柳市镇劳模工作室调查（退回）')
    for (const id of [ids.submitted, ids.returned])
      expect(
        (await api('PATCH', `/articles/${id}?draft=true`, 'contributor', { review: { state: 'pending' } }))
          .status,
      ).toBe(200)
    const returned = await api('PATCH', `/articles/${ids.returned}?draft=true`, 'editor', {
      review: { state: 'returned', note: '请补充工作室的成立时间和带徒人数' },
    })
    expect(returned.status).toBe(200)

    // An import with questions for the editor: a saved page uploaded as the admin's 导入网页 form does.
    const form = new FormData()
    const fixture = path.join(repoRoot, 'tests/fixtures/import/news-credits.shtml')
    form.append('file', new Blob([fs.readFileSync(fixture)], { type: 'text/html' }), 'news-credits.shtml')
    form.append('_payload', '{}')
    const upload = await fetch(`${product.apiUrl}/api/saved-pages`, {
      method: 'POST',
      headers: { authorization: `JWT ${tokens.contributor}` },
      body: form,
    })
    expect(upload.status, await upload.clone().text()).toBe(201)
    const imported = await api('GET', '/imports?depth=0&limit=1&sort=-importedAt', 'editor')
    ids.importRecord = imported.json.docs[0].id
    expect(imported.json.docs[0].notes.length, 'the import leaves questions for the editor').toBeGreaterThan(
      0,
    )

    const pending = await api(
      'GET',
      `/articles?draft=true&depth=0&where[title][equals]=${encodeURIComponent(DEMO_PENDING)}`,
      'editor',
    )
    ids.demoPending = pending.json.docs[0].id
    expect(pending.json.docs[0].review.state, 'the demo 【待审核】 draft is 待审核').toBe('pending')
    const published = await api(
      'GET',
      '/articles?depth=0&limit=100&where[_status][equals]=published',
      'editor',
    )
    expect(published.json.docs.length).toBeGreaterThan(0)
    expect(
      published.json.docs
        .filter((d: { review: { state: string } }) => d.review.state !== 'published')
        .map((d: { title: string }) => d.title),
      'published demo articles are reviewed',
    ).toEqual([])
    // A published demo article's figures (the import above adds draft figures from a page of its own).
    const figures = await api(
      'GET',
      '/metrics?depth=0&limit=1&sort=createdAt&where[_status][equals]=published',
      'editor',
    )
    ids.withFigures = figures.json.docs[0].sourceArticle
    const media = await api('GET', '/media?depth=0&limit=1', 'editor')
    ids.media = media.json.docs[0].id
  })

  it(
    'the editor’s desk: 待审核 oldest first, the import’s questions, the builds and whether the portal is live',
    async () => {
      const page = await newPage('editor')
      await open(page, '')
      const pending = page.locator('.desk__list--pending .desk__item a')
      await poll(() => pending.allTextContents()).toEqual(
        expect.arrayContaining([DEMO_PENDING, '宜兴市产改推进会纪要（已提交）']),
      )
      const titles = await pending.allTextContents()
      // Oldest first: the demo draft was submitted when the demo content was loaded, before the contributor's.
      expect(titles.indexOf(DEMO_PENDING)).toBeLessThan(titles.indexOf('宜兴市产改推进会纪要（已提交）'))
      expect(titles, 'a returned draft does not wait for review').not.toContain(
        '柳市镇劳模工作室调查（退回）',
      )
      expect(await page.locator('.desk__list--imports a').first().getAttribute('href')).toContain(
        `/imports/${ids.importRecord}`,
      )
      expect(await page.locator('.desk--review').textContent()).toContain('失败的构建')
      // Everyone's desk: the builds, and, once the worker has built the last change, the portal is up to date.
      await poll(async () => {
        await page.reload()
        return page.locator('.desk__status').textContent()
      }, 5 * 60_000).toContain('门户已是最新')
      expect(await page.locator('.desk__list--builds .desk__item').count()).toBeGreaterThan(0)
      expect(await page.locator('.desk--writer').count(), 'an editor has no writer’s desk').toBe(0)
      await checkNoEnglish(page, '02-editor-desk')
      await page.context().close()
    },
    7 * 60_000,
  )

  it('the contributor’s desk: their drafts, and what came back with its 审核意见', async () => {
    const page = await newPage('contributor')
    await open(page, '')
    await poll(() => page.locator('.desk__list--returned').textContent()).toContain(
      '柳市镇劳模工作室调查（退回）',
    )
    expect(await page.locator('.desk__list--returned').textContent()).toContain(
      '审核意见：请补充工作室的成立时间和带徒人数',
    )
    expect(await page.locator('.desk__list--drafts').textContent()).toContain(
      '周铁镇职工技能比武侧记（草稿）',
    )
    expect(await page.locator('.desk__list--submitted').textContent()).toContain(
      '宜兴市产改推进会纪要（已提交）',
    )
    // Only their own: the demo draft is not theirs, and the editor's desk is not shown.
    expect(await page.locator('.desk--writer').textContent()).not.toContain(DEMO_PENDING)
    expect(await page.locator('.desk--review').count()).toBe(0)
    expect(await page.locator('.desk--builds').count()).toBe(1)
    await checkNoEnglish(page, '03-contributor-desk')
    await page.context().close()
  })

  it('dates read the Chinese way, in China time: a list column and a date field', async () => {
    const page = await newPage('editor')
    await open(page, '/collections/articles')
    const cells = page.locator('td.cell-publishedAt')
    await poll(() => cells.count()).toBeGreaterThan(0)
    // Payload writes 加载中... until its date library has loaded, then the date.
    await poll(async () =>
      (await cells.allTextContents()).filter((text) => text && !CHINESE_DATE_TIME.test(text.trim())),
    ).toEqual([])
    await checkNoEnglish(page, '04-articles-list')

    // The stored date, read in China time by this test's own arithmetic.
    await open(page, `/collections/articles/${ids.demoPending}`)
    const field = page.locator('#field-publishedAt input')
    expect(await field.inputValue()).toMatch(CHINESE_DATE_TIME)
    const stored = (await api('GET', `/articles/${ids.demoPending}?draft=true&depth=0`, 'editor')).json
      .publishedAt
    expect(await field.inputValue()).toBe(chinaTime(stored))
    await checkNoEnglish(page, '05-article-edit')
    await page.context().close()
  })

  it('预约发布 on a draft defaults to 发布, in China time', async () => {
    const page = await newPage('editor')
    await open(page, `/collections/articles/${ids.demoPending}`)
    await page.locator('#action-save').waitFor()
    await page.locator('.publish-button .popup-button, .doc-controls__controls .popup-button').first().click()
    await page.getByRole('button', { name: '预约发布' }).click()
    const drawer = page.locator('.schedule-publish')
    await drawer.waitFor()
    await poll(() => drawer.locator('.radio-input--is-selected').textContent()).toBe('发布')
    expect(await drawer.textContent()).toContain('北京时间')
    await shot(page, '06-schedule-publish')
    await page.context().close()
  })

  it('the article shows its figures as the portal prints them, and adds one from a phrase of its body', async () => {
    const expected = (
      await api(
        'GET',
        `/metrics?draft=true&depth=1&limit=200&where[sourceArticle][equals]=${ids.withFigures}`,
        'editor',
      )
    ).json.docs as { display: string; indicator: { name: string }; period: { label: string } }[]
    expect(expected.length).toBeGreaterThan(0)
    const page = await newPage('editor')
    await open(page, `/collections/articles/${ids.withFigures}`)
    const rows = page.locator('.article-figures__table tbody tr')
    await poll(() => rows.count()).toBe(expected.length)
    const table = await page.locator('.article-figures__table').textContent()
    for (const figure of expected) {
      expect(table).toContain(figure.display)
      expect(table).toContain(figure.indicator.name)
      expect(table).toContain(figure.period.label)
    }
    expect(table).toContain('已发布')
    await page.locator('.article-figures').scrollIntoViewIfNeeded()
    await shot(page, '07-article-figures')

    await page.locator('#article-figures-phrase').fill('全镇今年新增高技能人才2097人')
    await page.getByRole('button', { name: '添加指标数据' }).click()
    const drawer = page.locator('.drawer__content').last()
    await poll(() => drawer.locator('#field-figureText').inputValue()).toBe('2097人')
    expect(await drawer.locator('#field-evidence').inputValue()).toBe('全镇今年新增高技能人才2097人')
    expect(await drawer.locator('#field-value').inputValue()).toBe('2097')
    await shot(page, '08-figure-from-phrase')
    await page.context().close()
  })

  it('the 数值 hint reads the value now in the field', async () => {
    const page = await newPage('editor')
    await open(page, '/collections/metrics/create')
    const hint = page.locator('.figure-value__reading')
    await page.locator('#field-figureText').pressSequentially('2000万元', { delay: 30 })
    await poll(() => hint.textContent()).toContain('门户显示为 2000万元')
    await page.locator('#field-value').fill('700600')
    await page.locator('#field-unit').fill('人次')
    await page.locator('#field-unit').blur()
    await poll(() => hint.textContent()).toContain('70.06万人次')
    await checkNoEnglish(page, '09-metric-create')
    await page.context().close()
  })

  it('审核记录 on the document: each decision with who and when', async () => {
    const page = await newPage('contributor')
    await open(page, `/collections/articles/${ids.returned}`)
    const history = page.locator('.review-history__list')
    await history.waitFor()
    const entries = await history.locator('li').allTextContents()
    expect(entries[0]).toContain('退回修改')
    expect(entries[0]).toContain(STAFF.editor.name)
    expect(entries[0]).toContain('请补充工作室的成立时间和带徒人数')
    expect(entries[1]).toContain('提交审核')
    expect(entries[1]).toContain(STAFF.contributor.name)
    for (const entry of entries) expect(entry).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/)
    await checkNoEnglish(page, '10-review-history')
    await page.context().close()
  })

  it('site builds: durations in seconds, the requester named', async () => {
    const page = await newPage('editor')
    await open(page, '/collections/site-builds')
    const durations = page.locator('td.cell-duration')
    await poll(() => durations.count()).toBeGreaterThan(0)
    for (const cell of (await durations.allTextContents()).filter(Boolean))
      expect(cell).toMatch(/^(\d+分)?[\d.]+秒$/)
    const requesters = await page.locator('td.cell-requester').allTextContents()
    expect(requesters.length).toBeGreaterThan(0)
    for (const cell of requesters) expect(cell).toMatch(/^(系统|王管理|李撰稿|张编辑)$/)
    expect(await page.locator('tbody').textContent()).not.toContain('没有')
    await checkNoEnglish(page, '11-site-builds')
    await page.context().close()
  })

  it(
    'no English on the pages an editor visits',
    async () => {
      const metric = (await api('GET', '/metrics?depth=0&limit=1', 'editor')).json.docs[0].id
      const build = (await api('GET', '/site-builds?depth=0&limit=1', 'editor')).json.docs[0].id
      const editorId = (await api('GET', '/users/me', 'editor')).json.user.id
      const pages: [Role, string, string][] = [
        ['admin', '', '12-admin-dashboard'],
        ['editor', '/collections/metrics', '13-metrics-list'],
        ['editor', `/collections/metrics/${metric}`, '14-metric-edit'],
        ['editor', '/collections/media', '15-media-list'],
        ['editor', `/collections/media/${ids.media}`, '16-media-edit'],
        ['admin', '/collections/users', '17-users-list'],
        ['admin', `/collections/users/${editorId}`, '18-user-edit'],
        ['editor', `/collections/site-builds/${build}`, '19-site-build'],
        ['editor', '/collections/imports', '20-imports-list'],
        ['editor', `/collections/imports/${ids.importRecord}`, '21-import-record'],
        ['editor', '/account', '22-account'],
        ['editor', '/collections/regions', '23-regions-list'],
        ['editor', '/collections/enterprises', '24-enterprises-list'],
        ['editor', '/collections/indicators', '25-indicators-list'],
      ]
      for (const [role, adminPath, step] of pages) {
        const page = await newPage(role)
        await open(page, adminPath)
        await checkNoEnglish(page, step)
        await page.context().close()
      }
    },
    5 * 60_000,
  )
})

/** 2023年7月28日 12:00 in China time, computed here independently of the admin's code. */
function chinaTime(iso: string) {
  const china = new Date(Date.parse(iso) + 8 * 3600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${china.getUTCFullYear()}年${china.getUTCMonth() + 1}月${china.getUTCDate()}日 ${pad(china.getUTCHours())}:${pad(china.getUTCMinutes())}`
}
