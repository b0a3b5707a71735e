import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'

import type { AstroIntegration } from 'astro'
import { SitemapAndIndexStream, SitemapStream } from 'sitemap'

import { sitePaths } from '../output'
import { brokenInternalLinks, htmlFiles } from './link-check'
import {
  canServePreviousIndex,
  indexDirtyShards,
  linkSearchIndex,
  linkTree,
  planSearchIndex,
  SEARCH_DIR,
  SEARCH_INDEX_TOP_FILES,
  type SearchIndexState,
} from './search-index'
import {
  collectedPageKeys,
  LIVE_PAGES_ENV,
  PAGES_DIR_ENV,
  PUBLISH_REPORT_ENV,
  readReleasePages,
  RELEASE_PAGES_FILE,
  siteCodeHash,
  type PageKeys,
  type ReleasePages,
} from './page-keys'

/**
 * The publish step. Before Astro renders, it offers the live release's pages for reuse when that release was
 * built from the same code (see site/src/lib/static-paths.ts). After Astro has written the staging folder,
 * it links the reused pages in from the live release, writes the sitemap and the search index (search-index.ts:
 * only the shards with changed pages are indexed again), checks the pages this build rendered, and only then
 * makes the staging folder the live site in one step. A build that fails anywhere before the switch leaves
 * the previous live site as it was.
 */
export function publishSite(): AstroIntegration {
  let siteUrl = ''
  let code = ''
  let pagesDir = ''
  let live: { release: string; pages?: ReleasePages } | undefined
  let reuseFrom: string | undefined
  return {
    name: 'changai-publish',
    hooks: {
      'astro:config:done': ({ config }) => {
        siteUrl = config.site ?? ''
      },
      'astro:build:start': ({ logger }) => {
        const { siteRoot, cache } = sitePaths()
        code = siteCodeHash(siteRoot, siteUrl)
        fs.mkdirSync(cache, { recursive: true })
        pagesDir = fs.mkdtempSync(path.join(cache, 'page-keys-'))
        process.env[PAGES_DIR_ENV] = pagesDir
        live = liveRelease(sitePaths().live)
        reuseFrom = live?.pages?.code === code ? live.release : undefined
        if (reuseFrom) {
          process.env[LIVE_PAGES_ENV] = path.join(reuseFrom, RELEASE_PAGES_FILE)
          logger.info(`Pages unchanged since the live release will be reused from ${reuseFrom}`)
        } else delete process.env[LIVE_PAGES_ENV]
      },
      'astro:build:done': async ({ dir, pages: rendered, logger }) => {
        const staging = fileURLToPath(dir)
        const pages = collectedPageKeys(pagesDir)
        fs.rmSync(pagesDir, { recursive: true, force: true })
        const written = htmlFiles(staging)
        const reused = reuseFrom ? linkReusedPages(staging, reuseFrom, pages) : []
        await writeSitemap(staging, siteUrl)
        const search = planSearchIndex(
          staging,
          new Set(written),
          live?.pages?.search && { release: live.release, state: live.pages.search },
        )
        const publish = (site: string, state: SearchIndexState) => {
          checkBuild(site, written)
          writeReleasePages(site, { code, pages, search: state })
          return switchLive(site)
        }
        const announce = (release: string, note: string) =>
          logger.info(
            `Published ${rendered.length} pages rendered by Astro and ${reused.length} reused from the live ` +
              `release${note}: ${sitePaths().live} → ${release}`,
          )
        const report = process.env[PUBLISH_REPORT_ENV]
        if (search.dirty.size && canServePreviousIndex(search)) {
          // Pages first, with the live search index; then the changed shards, in a release of their own.
          const pagesRelease = publish(staging, linkSearchIndex(staging, search, { previousForDirty: true }))
          announce(pagesRelease, `; the search index follows`)
          if (report) fs.writeFileSync(report, JSON.stringify({ release: pagesRelease, reused }))
          copyReleaseForSearch(pagesRelease, staging, search.dirty)
          const release = publish(staging, await indexDirtyShards(staging, search))
          logger.info(
            `Search index: ${search.dirty.size} of ${search.shards} shards indexed anew → ${release}`,
          )
        } else {
          linkSearchIndex(staging, search)
          const state = await indexDirtyShards(staging, search)
          logger.info(`Search index: ${search.dirty.size} of ${search.shards} shards indexed anew`)
          const release = publish(staging, state)
          announce(release, '')
          if (report) fs.writeFileSync(report, JSON.stringify({ release, reused }))
        }
      },
    },
  }
}

function writeReleasePages(site: string, releasePages: ReleasePages) {
  fs.writeFileSync(path.join(site, RELEASE_PAGES_FILE), JSON.stringify(releasePages))
}

/**
 * A new staging folder with every file of the just-published release linked in, but those to be written
 * again: the page keys, the search index's top files and the shards to be indexed anew.
 */
function copyReleaseForSearch(release: string, staging: string, dirty: Set<number>) {
  const rewritten = [
    RELEASE_PAGES_FILE,
    ...SEARCH_INDEX_TOP_FILES.map((file) => path.join(SEARCH_DIR, file)),
    ...[...dirty].map((shard) => path.join(SEARCH_DIR, String(shard))),
  ]
  linkTree(release, staging, (file) => rewritten.some((r) => file === r || file.startsWith(`${r}/`)))
}

/** The release the live link points at, with its page keys and search index state if it has them. */
function liveRelease(live: string) {
  if (!fs.existsSync(live) || !fs.lstatSync(live).isSymbolicLink()) return undefined
  const release = fs.realpathSync(live)
  return { release, pages: readReleasePages(release) }
}

/**
 * Hard-links into the staging folder the pages getStaticPaths() left out because the live release has them
 * with the same key. Releases are never written after they are published, so sharing files is safe.
 */
function linkReusedPages(staging: string, release: string, pages: PageKeys) {
  const reused: string[] = []
  for (const file of Object.keys(pages)) {
    const target = path.join(staging, file)
    if (fs.existsSync(target)) continue
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.linkSync(path.join(release, file), target)
    reused.push(file)
  }
  return reused
}

/**
 * sitemap-index.xml and sitemap-0.xml… over every page of the release, reused ones included (Astro's sitemap
 * integration only sees the pages Astro rendered).
 */
async function writeSitemap(site: string, siteUrl: string) {
  const base = siteUrl.replace(/\/?$/, '/')
  const urls = htmlFiles(site)
    .filter((file) => file !== '404.html')
    .map((file) => `/${file}`.replace(/index\.html$/, ''))
    .sort()
  const sitemaps = new SitemapAndIndexStream({
    limit: 45_000,
    getSitemapStream: (i) => {
      const sitemap = new SitemapStream({ hostname: base })
      const name = `sitemap-${i}.xml`
      const written = sitemap.pipe(fs.createWriteStream(path.join(site, name)))
      return [new URL(name, base).toString(), sitemap, written]
    },
  })
  await pipeline(
    Readable.from(urls.map((url) => ({ url }))),
    sitemaps,
    fs.createWriteStream(path.join(site, 'sitemap-index.xml')),
  )
}

/**
 * The pages this build wrote must link only to files the release has. Reused pages were checked when they
 * were rendered, and a page whose link target went away shows other props, so it is rendered again.
 */
function checkBuild(site: string, written: string[]) {
  if (!fs.existsSync(path.join(site, 'index.html')))
    throw new Error('The build has no home page; not publishing it.')
  const broken = brokenInternalLinks(site, written)
  if (broken.length) {
    const sample = broken.slice(0, 10).map((b) => `${b.page} → ${b.link}`)
    throw new Error(
      `The build has ${broken.length} broken internal links; not publishing it:\n${sample.join('\n')}`,
    )
  }
}

/** Moves the checked build into releases/ and points the live symlink at it atomically (rename over it). */
function switchLive(staging: string) {
  const { live, releases } = sitePaths()
  fs.mkdirSync(releases, { recursive: true })
  const release = path.join(releases, new Date().toISOString().replace(/[:.]/g, '-'))
  fs.renameSync(staging, release)
  if (fs.existsSync(live) && !fs.lstatSync(live).isSymbolicLink()) {
    throw new Error(
      `${live} is a real folder, not the link this build publishes through; move it away first.`,
    )
  }
  const link = `${live}.next-link`
  fs.rmSync(link, { force: true })
  fs.symlinkSync(release, link)
  fs.renameSync(link, live)
  pruneReleases(releases, release)
  return release
}

/** Keeps the live release and the one before it (for a quick manual rollback). */
function pruneReleases(releases: string, current: string) {
  const older = fs
    .readdirSync(releases)
    .map((name) => path.join(releases, name))
    .filter((release) => release !== current)
    .sort()
  for (const release of older.slice(0, -1)) fs.rmSync(release, { recursive: true, force: true })
}
