/**
 * The cache keys of a release's pages, shared by getStaticPaths() (site/src/lib/static-paths.ts), which
 * records them and leaves out pages the live release already has, and the publish step, which keeps those
 * pages from the live release and stores the keys in the new release's manifest, `.pages.json` (releases.ts).
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { allFiles } from './link-check'

/** Output file, relative to the site's root (e.g. articles/liushi-2021/index.html) → cache key. */
export type PageKeys = Record<string, string>

/** Where getStaticPaths() writes the keys it computed, one file per route (set by the publish step). */
export const PAGES_DIR_ENV = 'PORTAL_PAGES_DIR'
/** The live release's `.pages.json`, set only when its pages can be reused (built from the same code). */
export const LIVE_PAGES_ENV = 'PORTAL_LIVE_PAGES'
export const RELEASE_PAGES_FILE = '.pages.json'
/** Set by scripts/publish/build.ts: where the publish step writes the pages it reused (JSON). */
export const PUBLISH_REPORT_ENV = 'PUBLISH_REPORT'

/**
 * The file a route writes for these params, with `build.format: 'directory'`, relative to the site's root:
 * /articles/[slug] + {slug: 'a'} → articles/a/index.html; /indicators/[slug].csv → indicators/x.csv.
 */
export function pageFile(routePattern: string, params: Record<string, string | number | undefined>) {
  const pathname = routePattern
    .replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => String(params[name] ?? ''))
    .replace(/\/{2,}/g, '/')
    .replace(/\/$/, '')
  const file = /\.\w+$/.test(pathname) ? pathname : `${pathname}/index.html`
  return file.replace(/^\//, '')
}

/**
 * A hash of everything besides content that decides how pages render: the site's code, the shared content
 * schema, the installed packages and the site's address. Pages of a release built from other code are
 * never reused.
 */
export function siteCodeHash(siteRoot: string, siteUrl: string) {
  const repoRoot = path.dirname(siteRoot)
  const files = [
    ...[
      path.join(siteRoot, 'src'),
      path.join(siteRoot, 'integrations'),
      path.join(repoRoot, 'content-schema'),
    ].flatMap((dir) => allFiles(dir).map((file) => path.join(dir, file))),
    path.join(siteRoot, 'astro.config.ts'),
    path.join(siteRoot, 'output.ts'),
    path.join(repoRoot, 'package-lock.json'),
  ]
  const hash = createHash('sha256').update(siteUrl)
  for (const file of files.sort()) {
    if (!fs.existsSync(file)) continue
    hash.update(path.relative(repoRoot, file)).update(fs.readFileSync(file))
  }
  return hash.digest('hex').slice(0, 32)
}

/** The keys getStaticPaths() recorded during this build. */
export function collectedPageKeys(dir: string): PageKeys {
  return Object.assign(
    {},
    ...fs.readdirSync(dir).map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))),
  ) as PageKeys
}
