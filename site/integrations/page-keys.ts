/**
 * Names of a release's pages: the file each route writes for its params, the manifest of a release
 * (`.pages.json`, releases.ts) mapping each to the build that rendered it, and the site code hash that says
 * whether a release's pages may be kept by the next build.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { allFiles } from './link-check'

/** Output file, relative to the site's root (e.g. articles/liushi-2021/index.html) → the build that rendered it. */
export type PageKeys = Record<string, string>

export const RELEASE_PAGES_FILE = '.pages.json'

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
