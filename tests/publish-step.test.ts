/**
 * The publish step Astro runs after rendering (site/integrations/publish.ts), driven through its integration
 * hooks on staging folders written here: a release with a broken internal link or without a home page is
 * refused and the live site stays as it was; the live link is never put over a real folder.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import type { AstroIntegrationLogger } from 'astro'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { liveSite, publishSite } from '../site/integrations/publish'
import { switchLive } from '../site/integrations/releases'
import { sitePaths } from '../site/output'

const SITE_URL = 'https://portal.example.org'
let root = ''
const logged: string[] = []
const logger = {
  info: (m: string) => logged.push(m),
  warn: (m: string) => logged.push(m),
  error: (m: string) => logged.push(m),
  debug: () => {},
  fork: () => logger,
} as unknown as AstroIntegrationLogger

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'changai-publish-step-'))
  process.env.SITE_DIST = path.join(root, 'dist')
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

const page = (title: string, links: string[] = []) =>
  `<!doctype html><html lang="zh-CN"><head><title>${title}</title></head><body>` +
  `<main data-pagefind-body><h1>${title}</h1>${links.map((l) => `<a href="${l}">链接</a>`).join('')}</main>` +
  `</body></html>`

/** Runs the publish step as `astro build` does, on a staging folder holding `files`. */
async function publishStaging(files: Record<string, string>) {
  const { staging } = sitePaths()
  fs.rmSync(staging, { recursive: true, force: true })
  for (const [file, html] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(staging, file)), { recursive: true })
    fs.writeFileSync(path.join(staging, file), html)
  }
  const { hooks } = publishSite({ siteUrl: SITE_URL, live: liveSite(SITE_URL) })
  await (hooks['astro:build:start'] as (o: object) => Promise<void> | void)({ logger })
  await (hooks['astro:build:done'] as (o: object) => Promise<void>)({
    dir: pathToFileURL(`${staging}/`),
    logger,
  })
}

const liveHome = () => fs.readFileSync(path.join(sitePaths().live, 'index.html'), 'utf8')

describe('the publish step', () => {
  let liveTree = ''

  it('publishes a release whose links all resolve, switching the live link to it', async () => {
    await publishStaging({
      'index.html': page('首页 第一版', ['/articles/liushi/']),
      'articles/liushi/index.html': page('柳市镇', ['/']),
    })
    expect(fs.lstatSync(sitePaths().live).isSymbolicLink()).toBe(true)
    liveTree = fs.realpathSync(sitePaths().live)
    expect(liveHome()).toContain('首页 第一版')
  })

  it('refuses a release with a broken internal link, and the live site stays as it was', async () => {
    await expect(
      publishStaging({
        'index.html': page('首页 第二版', ['/articles/liushi/', '/articles/no-such-article/']),
        'articles/liushi/index.html': page('柳市镇', ['/']),
      }),
    ).rejects.toThrow(
      /The build has 1 broken internal links; not publishing it:\nindex\.html → \/articles\/no-such-article\//,
    )
    expect(fs.realpathSync(sitePaths().live)).toBe(liveTree)
    expect(liveHome()).toContain('首页 第一版')
  })

  it('refuses a release without a home page, and the live site stays as it was', async () => {
    await expect(
      publishStaging({ 'articles/liushi/index.html': page('柳市镇 第二版', ['/articles/liushi/']) }),
    ).rejects.toThrow('The build has no home page; not publishing it.')
    expect(fs.realpathSync(sitePaths().live)).toBe(liveTree)
    expect(liveHome()).toContain('首页 第一版')
    expect(fs.readFileSync(path.join(sitePaths().live, 'articles/liushi/index.html'), 'utf8')).toContain(
      '<h1>柳市镇</h1>',
    )
  })
})

describe('switchLive', () => {
  it('refuses to replace a real folder with the live link, and leaves the folder as it was', () => {
    const live = path.join(root, 'served-by-hand')
    fs.mkdirSync(live)
    fs.writeFileSync(path.join(live, 'index.html'), '手工放置的网站')
    const tree = fs.mkdtempSync(path.join(root, 'release-'))
    expect(() => switchLive(live, tree)).toThrow(
      `${live} is a real folder, not the link this build publishes through; move it away first.`,
    )
    expect(fs.lstatSync(live).isDirectory()).toBe(true)
    expect(fs.readFileSync(path.join(live, 'index.html'), 'utf8')).toBe('手工放置的网站')
  })

  it('moves an existing live link to the new tree in one step', () => {
    const live = path.join(root, 'linked')
    const [a, b] = [fs.mkdtempSync(path.join(root, 'a-')), fs.mkdtempSync(path.join(root, 'b-'))]
    switchLive(live, a!)
    switchLive(live, b!)
    expect(fs.readlinkSync(live)).toBe(b)
    expect(fs.existsSync(`${live}.next-link`)).toBe(false)
  })
})
