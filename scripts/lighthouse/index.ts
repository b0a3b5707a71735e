/**
 * `npm run lighthouse`: Lighthouse's four scores (performance, accessibility, best practices, SEO) for the
 * live portal's home page and an article, as a phone sees them (Lighthouse's default mobile emulation).
 * It serves the built portal (SITE_DIST, `npm run build` or `npm start` writes it) on a free port and drives
 * Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium); Lighthouse never downloads a browser here.
 * Not a test: scores depend on the machine's load, so it prints them.
 */
import fs from 'node:fs'
import net from 'node:net'

import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'

import { settings } from '../../config/settings'
import { closeServer, serveStaticSite } from '../start/portal-server'

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const

const { siteDist } = settings()
if (!fs.existsSync(siteDist)) {
  console.error(`No built portal at ${siteDist}: run \`npm run build\` (or \`npm start\`) first.`)
  process.exit(1)
}

const port = await new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as net.AddressInfo
    probe.close(() => resolve(port))
  })
})
const site = `http://127.0.0.1:${port}`
const server = serveStaticSite(siteDist, port, '127.0.0.1')
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
})
try {
  const home = await fetch(`${site}/`).then((r) => r.text())
  const article = home.match(/href="(\/articles\/[^"/]+\/)"/)?.[1]
  const pages = [['首页', '/'], ...(article ? [['文章', article]] : [])] as const
  for (const [name, path] of pages) {
    const result = await lighthouse(`${site}${path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    })
    const categories = result!.lhr.categories
    const scores = CATEGORIES.map((c) => `${categories[c]!.title} ${Math.round(categories[c]!.score! * 100)}`)
    console.log(`${name} ${path}: ${scores.join(', ')}`)
    const metrics = [
      'first-contentful-paint',
      'largest-contentful-paint',
      'total-blocking-time',
      'cumulative-layout-shift',
      'speed-index',
    ]
    console.log(
      `  ${metrics.map((m) => `${result!.lhr.audits[m]!.title} ${result!.lhr.audits[m]!.displayValue}`).join(', ')}`,
    )
    const failed = Object.values(result!.lhr.audits).filter(
      (a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary',
    )
    for (const audit of failed) console.log(`  - ${audit.id}: ${audit.title}`)
  }
} finally {
  chrome.kill()
  await closeServer(server)
}
