/**
 * The admin in a real browser, against the real product (`npm start` on a fresh database): the create-first-user
 * screen in Chinese, 先审后发 as editors meet it (a contributor's 发布 is refused, an editor's goes through and
 * the portal shows the article after the publish worker's rebuild), and the 原文写法 figure field (1.36万人 →
 * 13600 人, shown on the portal as 1.36万人). Screenshots of each step go to test-results/admin/.
 *
 * Slow: the first run after a code change builds the admin (`next build cms`, under a minute on two cores).
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { parse } from 'node-html-parser'
import { type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { launchChromium } from './helpers/browser'
import { startProduct, type Product } from './helpers/product'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SHOTS = path.join(repoRoot, 'test-results/admin')
const PASSWORD = 'correct-horse-battery-staple'
const STAFF = {
  admin: { email: 'admin@example.org', name: '王管理' },
  contributor: { email: 'zhuangao@example.org', name: '李撰稿', role: '撰稿' },
  editor: { email: 'bianji@example.org', name: '张编辑', role: '编辑' },
} as const
const REGION = '测试镇'
const TITLE = '测试镇推进产业工人队伍建设改革纪实'
const INDICATOR = '技师及以上技能人才' // canonical unit 人
/** How long a published change may take to reach the portal: the worker builds one change after another. */
const POLL_PORTAL_MS = 5 * 60_000
const PORTAL_TEST_MS = POLL_PORTAL_MS + 3 * 60_000

let product: Product
let browser: Browser
const tokens: Partial<Record<keyof typeof STAFF, string>> = {}
const ids: { region?: string; article?: string; articleSlug?: string; metric?: string } = {}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true })
  product = await startProduct({ timeoutMs: 15 * 60_000 })
  browser = await launchChromium()
}, 20 * 60_000)

afterAll(async () => {
  await browser?.close()
  await product?.stop()
}, 60_000)

/** Waits (up to 30 s) for a value from the page to satisfy the matcher that follows. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 250 })

/** A fresh browser profile whose own language is English: the admin must still speak Chinese. */
async function newPage() {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 1000 } })
  context.setDefaultTimeout(30_000)
  return context.newPage()
}

const shot = (page: Page, step: string) =>
  page.screenshot({ path: path.join(SHOTS, `${step}.png`), fullPage: true })

async function logIn(role: 'contributor' | 'editor') {
  const page = await newPage()
  await page.goto(`${product.adminUrl}/login`)
  await poll(() => page.locator('label[for="field-email"]').textContent()).toContain('电子邮件')
  await page.locator('#field-email').fill(STAFF[role].email)
  await page.locator('#field-password').fill(PASSWORD)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await page.waitForURL((url) => !url.pathname.endsWith('/login'))
  return page
}

/** Picks an option of a select or relationship field (react-select), typing `search` first if given. */
async function choose(page: Page, field: string, option: string, search?: string) {
  await page.locator(`#field-${field} .rs__control`).click()
  if (search) await page.locator(`#field-${field} .rs__input`).fill(search)
  await page.locator('.rs__option', { hasText: option }).first().click()
  await poll(() => page.locator(`#field-${field} .rs__control`).textContent()).toContain(option)
}

/**
 * The outcome toast Payload shows after `action`, as text. Saving shows a loading toast first (a sonner promise
 * toast) that turns into success or error: wait for that.
 */
async function toastAfter(page: Page, action: () => Promise<void>) {
  // Close the toasts of earlier steps first, so the one read is this action's.
  const toasts = page.locator('li[data-sonner-toast]')
  for (const close of await toasts.locator('.payload-toast-close-button').all()) {
    await close.click({ force: true }).catch(() => {})
  }
  await poll(() => toasts.count()).toBe(0)
  await action()
  const outcome = page.locator(
    'li[data-sonner-toast][data-type="success"], li[data-sonner-toast][data-type="error"]',
  )
  await outcome.first().waitFor()
  return {
    text: (await outcome.first().textContent()) ?? '',
    error: (await outcome.first().getAttribute('data-type')) === 'error',
  }
}

/** The real REST API of the running product. */
async function api(method: string, apiPath: string, token?: string, body?: unknown) {
  const response = await fetch(`${product.apiUrl}/api${apiPath}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `JWT ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, json: text ? JSON.parse(text) : undefined }
}

async function restLogin(role: keyof typeof STAFF) {
  const { status, json } = await api('POST', '/users/login', undefined, {
    email: STAFF[role].email,
    password: PASSWORD,
  })
  expect(status, JSON.stringify(json)).toBe(200)
  return (tokens[role] = json.token as string)
}

/** Polls a portal page until `accept` holds (the publish worker rebuilds the portal after each change). */
async function portalPage(urlPath: string, accept: (html: string) => boolean) {
  const deadline = Date.now() + POLL_PORTAL_MS
  let last = ''
  while (Date.now() < deadline) {
    const response = await fetch(product.portalUrl + urlPath)
    last = `${response.status} ${await response.text()}`
    if (response.ok && accept(last)) return last
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  const builds = await api('GET', '/site-builds?sort=-requestedAt&limit=10&depth=0', tokens.admin)
  throw new Error(
    `${urlPath} did not show the change within ${POLL_PORTAL_MS / 1000} s (last answer: ${last.slice(0, 200)}…)\n` +
      `--- site builds, newest first ---\n` +
      (builds.json?.docs ?? [])
        .map(
          (b: Record<string, unknown>) =>
            `${b.status} ${b.requestedAt} → ${b.finishedAt ?? '…'} ${b.summary ?? ''} ${b.error ?? ''}`,
        )
        .join('\n') +
      `\n--- product log ---\n${product.logTail(40)}`,
  )
}

describe('the admin in a browser, against the running product', () => {
  it('greets the first visitor with the create-first-user screen in Chinese; that account is 管理员', async () => {
    const page = await newPage()
    await page.goto(product.adminUrl)
    await page.waitForURL(/\/admin\/create-first-user/)
    await poll(() => page.locator('h1').first().textContent()).toBe('欢迎')
    expect(await page.locator('body').textContent()).toContain('首先，请创建您的第一个用户。')
    expect(await page.locator('label[for="field-name"]').textContent()).toContain('姓名')
    expect(await page.locator('label[for="field-email"]').textContent()).toContain('电子邮件')
    expect(await page.locator('label[for="field-confirm-password"]').textContent()).toContain('确认密码')

    await poll(() => page.locator('#field-role .rs__control').textContent()).toContain('管理员')
    await page.locator('#field-email').fill(STAFF.admin.email)
    await page.locator('#field-password').fill(PASSWORD)
    await page.locator('#field-confirm-password').fill(PASSWORD)
    await page.locator('#field-name').fill(STAFF.admin.name)
    await shot(page, '01-create-first-user')
    await page.getByRole('button', { name: '创建', exact: true }).click()
    await page.waitForURL((url) => !url.pathname.includes('create-first-user'))
    // The dashboard, in Chinese, lists the collections by their Chinese names.
    await poll(() => page.locator('body').textContent()).toContain('指标数据')
    expect(await page.locator('body').textContent()).toContain('文章')
    await shot(page, '02-dashboard')

    const cookies = await page.context().cookies()
    expect(cookies.find((c) => c.name === 'payload-lng')?.value).toBe('zh')
    tokens.admin = cookies.find((c) => c.name === 'payload-token')?.value
    const me = await api('GET', '/users/me', tokens.admin)
    expect(me.json.user).toMatchObject({ email: STAFF.admin.email, name: STAFF.admin.name, role: 'admin' })
    await page.context().close()
  })

  it('the admin creates a 撰稿 and an 编辑 account in the admin', async () => {
    const page = await newPage()
    await page.context().addCookies([{ name: 'payload-token', value: tokens.admin!, url: product.apiUrl }])
    for (const role of ['contributor', 'editor'] as const) {
      await page.goto(`${product.adminUrl}/collections/users/create`)
      await page.locator('#field-email').fill(STAFF[role].email)
      await page.locator('#field-password').fill(PASSWORD)
      await page.locator('#field-confirm-password').fill(PASSWORD)
      await page.locator('#field-name').fill(STAFF[role].name)
      await choose(page, 'role', STAFF[role].role)
      await shot(page, `03-create-${role}`)
      const toast = await toastAfter(page, () => page.locator('#action-save').click())
      expect(toast).toMatchObject({ error: false, text: expect.stringContaining('成功创建') })
    }
    await page.context().close()
    const { json } = await api('GET', '/users?depth=0&sort=createdAt', tokens.admin)
    expect(json.docs.map((u: { email: string; role: string }) => [u.email, u.role])).toEqual([
      [STAFF.admin.email, 'admin'],
      [STAFF.contributor.email, 'contributor'],
      [STAFF.editor.email, 'editor'],
    ])
    await restLogin('editor')
  })

  it('a contributor writes a region and an article, submits it for review, and cannot publish it', async () => {
    const page = await logIn('contributor')
    await shot(page, '04-contributor-dashboard')

    // 地区: a Chinese name; the slug is made from it as pinyin on save.
    await page.goto(`${product.adminUrl}/collections/regions/create`)
    await page.locator('#field-name').fill(REGION)
    await choose(page, 'level', '乡镇街道')
    await choose(page, 'review__state', '待审核')
    let toast = await toastAfter(page, () => page.locator('#action-save-draft').click())
    expect(toast).toMatchObject({ error: false, text: expect.stringContaining('成功创建') })
    await page.waitForURL((url) => !url.pathname.endsWith('/create'))
    ids.region = page.url().split('/').pop()
    await poll(() => page.locator('#field-slug').inputValue()).toBe('ceshi-zhen')
    await shot(page, '05-contributor-region-saved')

    // 文章: Chinese title, summary, the region, 待审核, saved as a draft.
    await page.goto(`${product.adminUrl}/collections/articles/create`)
    await page.locator('#field-title').fill(TITLE)
    await page
      .locator('#field-summary')
      .fill('测试镇总工会以技能培训和劳模工作室推进产改，两年新增高技能人才逾万人。')
    await choose(page, 'regions', REGION, '测试')
    await choose(page, 'review__state', '待审核')
    toast = await toastAfter(page, () => page.locator('#action-save-draft').click())
    expect(toast).toMatchObject({ error: false, text: expect.stringContaining('成功创建') })
    await page.waitForURL((url) => !url.pathname.endsWith('/create'))
    ids.article = page.url().split('/').pop()
    await shot(page, '06-contributor-article-draft')
    const draft = await api('GET', `/articles/${ids.article}?depth=0&draft=true`, tokens.editor)
    expect(draft.json).toMatchObject({ title: TITLE, _status: 'draft', review: { state: 'pending' } })
    expect(draft.json.slug).toMatch(/^ceshi-zhen-/)
    ids.articleSlug = draft.json.slug

    // The contributor's own 发布 is refused with the Chinese reason …
    const publish = page.locator('#action-save')
    expect(await publish.textContent()).toContain('发布')
    toast = await toastAfter(page, () => publish.click())
    await shot(page, '07-contributor-publish-refused')
    expect.soft(toast.error, `the publish was refused (toast: ${toast.text})`).toBe(true)
    expect.soft(toast.text, 'the refusal the contributor sees').toContain('撰稿人不能直接发布')

    // … and the article stays unpublished, still submitted for review; readers see nothing of it.
    const stored = await api('GET', `/articles/${ids.article}?depth=0&draft=true`, tokens.editor)
    expect(stored.json).toMatchObject({ _status: 'draft', review: { state: 'pending' } })
    expect((await api('GET', `/articles/${ids.article}`)).status).toBe(404)
    expect((await fetch(`${product.portalUrl}/articles/${ids.articleSlug}/`)).status).toBe(404)
    const region = await api('GET', `/regions/${ids.region}?depth=0&draft=true`, tokens.editor)
    expect(region.json).toMatchObject({ name: REGION, slug: 'ceshi-zhen', level: 'town', _status: 'draft' })
    await page.context().close()
  })

  it(
    'an editor publishes the article and the region; the portal then shows the article',
    async () => {
      expect(ids, 'the contributor saved a region and an article').toMatchObject({
        region: expect.any(String),
        article: expect.any(String),
        articleSlug: expect.any(String),
      })
      const page = await logIn('editor')
      for (const [collection, id, step] of [
        ['articles', ids.article, '08-editor-article-published'],
        ['regions', ids.region, '09-editor-region-published'],
      ] as const) {
        await page.goto(`${product.adminUrl}/collections/${collection}/${id}`)
        const publish = page.locator('#action-save')
        expect(await publish.textContent()).toContain('发布')
        const toast = await toastAfter(page, () => publish.click())
        expect(toast, `publishing ${collection}/${id}`).toMatchObject({ error: false })
        await shot(page, step)
        const stored = await api('GET', `/${collection}/${id}?depth=1`, tokens.editor)
        expect(stored.json).toMatchObject({
          _status: 'published',
          review: { state: 'published', reviewedBy: { role: 'editor' } },
        })
      }
      await page.context().close()

      const html = await portalPage(`/articles/${ids.articleSlug}/`, (body) => body.includes(TITLE))
      expect(parse(html).querySelector('h1')?.textContent).toContain(TITLE)
      expect(html).toContain(REGION)
    },
    PORTAL_TEST_MS,
  )

  it(
    '原文写法 1.36万人 is previewed while typing, stored as 13600 人, and shown on the portal as 1.36万人',
    async () => {
      const page = await logIn('editor')
      await page.goto(`${product.adminUrl}/collections/metrics/create`)
      await choose(page, 'indicator', INDICATOR, '技师')
      await page.locator('#field-figureText').pressSequentially('1.36万人', { delay: 40 })
      const preview = page.locator('.figure-text__preview')
      await poll(() => preview.textContent()).toContain('门户显示：1.36万人')
      expect(await preview.textContent()).toContain('13,600')
      // The component fills in the structured fields as the editor types.
      expect(await page.locator('#field-value').inputValue()).toBe('13600')
      expect(await page.locator('#field-unit').inputValue()).toBe('人')
      await shot(page, '10-metric-preview')

      await page.locator('#field-period__label').fill('2024年')
      await choose(page, 'region', REGION, '测试')
      await choose(page, 'sourceArticle', TITLE, '测试镇')
      await page.locator('#field-evidence').fill('测试镇2024年新增技师及以上技能人才1.36万人')
      let toast = await toastAfter(page, () => page.locator('#action-save-draft').click())
      expect(toast).toMatchObject({ error: false, text: expect.stringContaining('成功创建') })
      await page.waitForURL((url) => !url.pathname.endsWith('/create'))
      ids.metric = page.url().split('/').pop()
      await shot(page, '11-metric-saved')

      const stored = await api('GET', `/metrics/${ids.metric}?depth=1&draft=true`, tokens.editor)
      expect(stored.json).toMatchObject({
        figureText: '1.36万人',
        value: 13600,
        unit: '人',
        qualifier: 'exact',
        comparison: 'none',
        display: '1.36万人',
        _status: 'draft',
        indicator: { name: INDICATOR },
        region: { name: REGION },
        sourceArticle: { title: TITLE },
      })
      const indicatorSlug = stored.json.indicator.slug as string

      toast = await toastAfter(page, () => page.locator('#action-save').click())
      expect(toast).toMatchObject({ error: false })
      await shot(page, '12-metric-published')
      expect((await api('GET', `/metrics/${ids.metric}?depth=0`)).json).toMatchObject({
        _status: 'published',
        value: 13600,
        unit: '人',
      })
      await page.context().close()

      // The indicator page lists the figure in the row of its region.
      const rowOf = (html: string) =>
        parse(html)
          .querySelectorAll('tr')
          .find((tr) => tr.textContent.includes(REGION))
      const html = await portalPage(`/indicators/${indicatorSlug}/`, (body) => Boolean(rowOf(body)))
      expect(rowOf(html)!.textContent).toContain('1.36万人')
    },
    PORTAL_TEST_MS,
  )
  it('speaks English to a user who picks English in their account settings, and Chinese to the others', async () => {
    const page = await logIn('editor')
    await page.goto(`${product.adminUrl}/account`)
    await page.locator('#language-select').click()
    await page.locator('.rs__option', { hasText: 'English' }).click()
    await poll(
      async () => (await page.context().cookies()).find((c) => c.name === 'payload-lng')?.value,
    ).toBe('en')
    await page.goto(`${product.adminUrl}/collections/articles`)
    await poll(() => page.locator('h1').first().textContent()).toContain('Articles')
    expect(await page.locator('body').textContent()).toContain('Figures')
    await shot(page, '13-editor-in-english')
    await page.context().close()

    // Another user, in a browser of their own, still gets the admin in Chinese.
    const other = await logIn('contributor')
    await other.goto(`${product.adminUrl}/collections/articles`)
    await poll(() => other.locator('h1').first().textContent()).toContain('文章')
    await other.context().close()
  })
})
