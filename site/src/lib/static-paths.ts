/**
 * What every getStaticPaths() returns goes through `pagesToBuild`: each page gets its cache key (a hash of its
 * props, see cache-key.ts), every page's key is recorded for the publish step, and pages the live release
 * already holds with the same key (and the same site code) are left out, so Astro never visits them.
 *
 * Why not leave all of it to Astro's incremental build: it still computes, visits and copies every page it
 * reuses (at 17,000 pages that is most of a rebuild). The live release is already the previous build's
 * output; the publish step (integrations/publish.ts) keeps the pages left out here as the live release has
 * them.
 */
import fs from 'node:fs'
import path from 'node:path'

import { cacheKeyOf } from './cache-key'
import { getSiteSettings } from './content'
import { reportPlannedPages } from '../../integrations/build-progress'
import { PAGES_DIR_ENV, LIVE_PAGES_ENV, pageFile, type PageKeys } from '../../integrations/page-keys'

type StaticPath = { params: Record<string, string | number | undefined>; props: Record<string, unknown> }

let livePages: PageKeys | undefined

/** The keys of the pages in the live release, when the publish step found it reusable (same code). */
function liveKeys(): PageKeys {
  const file = process.env[LIVE_PAGES_ENV]
  livePages ??= file ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { pages: PageKeys }).pages : {}
  return livePages
}

export async function pagesToBuild<T extends StaticPath>(routePattern: string, paths: T[]) {
  const live = liveKeys()
  // Every page's footer shows the site settings (layouts/Base.astro): a change to them renders every page again.
  const layout = (await getSiteSettings()) ?? null
  const keyed = paths.map((p) => ({
    ...p,
    cacheKey: cacheKeyOf({ layout, props: p.props }),
    file: pageFile(routePattern, p.params),
  }))
  const dir = process.env[PAGES_DIR_ENV]
  if (dir) {
    const keys = Object.fromEntries(keyed.map((p) => [p.file, p.cacheKey]))
    fs.writeFileSync(path.join(dir, `${cacheKeyOf(routePattern)}.json`), JSON.stringify(keys))
  }
  const toRender = keyed.filter((p) => live[p.file] !== p.cacheKey).map(({ file: _file, ...p }) => p)
  reportPlannedPages(toRender.length)
  return toRender
}
