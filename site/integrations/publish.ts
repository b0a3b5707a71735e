import fs from 'node:fs'
import path from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'

import type { AstroIntegration, AstroIntegrationLogger } from 'astro'
import { SitemapAndIndexStream, SitemapStream } from 'sitemap'

import { CONTENT_DIGEST_ENV, sitePaths } from '../output'
import { allFiles, brokenInternalLinks } from './link-check'
import { reportPublished } from './build-progress'
import {
  DEPENDENCY_INDEX_FILE,
  nextDependencyIndex,
  startBuildContext,
  type BuildContext,
} from './dependency-index'
import { siteCodeHash } from './page-keys'
import {
  liveRelease,
  prepareStandby,
  removeOldReleases,
  standbyTree,
  switchLive,
  syncTree,
  type ReleaseManifest,
  type ReleaseSources,
} from './releases'
import {
  canServePreviousIndex,
  indexDirtyShards,
  planSearchIndex,
  previousForDirty,
  SEARCH_DIR,
  shardPath,
  shardVersions,
  writeSearchTopFiles,
  type SearchIndexPlan,
  type SearchIndexState,
} from './search-index'

/**
 * The publish step. Before Astro renders, it offers the live release's dependency index when that release
 * was built from the same code, so that only the pages a change reaches are rendered (see
 * site/src/lib/static-paths.ts). After Astro has written the staging folder
 * (the pages it rendered, and the rest of the site), it writes the sitemap and the search index (only the
 * shards with changed pages are indexed again, see search-index.ts), checks the links of the pages it
 * rendered, brings the standby release tree up to the new release and switches the live link to it in one
 * step (see releases.ts). A build that fails before the switch leaves the live site as it was.
 *
 * When only some search shards changed, the pages go live first with the live search index, and the shards
 * follow in a second switch: an edit is served without waiting for the search index.
 */
export function publishSite({ siteUrl, live }: PublishPlan): AstroIntegration {
  let context: BuildContext | undefined
  return {
    name: 'changai-publish',
    hooks: {
      'astro:build:start': ({ logger }) => {
        const index = live.reusable ? path.join(live.release!.dir, DEPENDENCY_INDEX_FILE) : undefined
        context = startBuildContext(index)
        if (context.previousIndex)
          logger.info(`Only pages changes reach are rendered; the rest are kept from ${live.release!.dir}`)
      },
      'astro:build:done': async ({ dir, logger }) => {
        const staging = fileURLToPath(dir)
        const index = nextDependencyIndex(context!)
        fs.writeFileSync(path.join(staging, DEPENDENCY_INDEX_FILE), JSON.stringify(index))
        await publish({
          staging,
          pages: releasePages(context!, live.release?.manifest),
          code: live.code,
          siteUrl,
          live: live.release,
          logger,
        })
      },
    },
  }
}

/**
 * The release's pages from getStaticPaths(), each with the build that rendered it: a page rendered now gets
 * this build's stamp, a kept one the stamp it has in the live release (the release trees compare stamps).
 */
function releasePages(context: BuildContext, live?: ReleaseManifest): ReleaseManifest['pages'] {
  const stamp = `${Date.now().toString(36)}-${process.pid}`
  const pages: ReleaseManifest['pages'] = {}
  for (const route of context.routes.values())
    for (const [file, keys] of route) pages[file] = keys ? stamp : live!.pages[file]!
  return pages
}

export type PublishPlan = { siteUrl: string; live: ReturnType<typeof liveSite> }

/**
 * The live release, and whether its pages can be reused: it was built from the same code (site code,
 * packages and address, see siteCodeHash). Decided before the build, as Astro's own incremental cache is
 * only needed when they cannot.
 */
export function liveSite(siteUrl: string) {
  const code = siteCodeHash(sitePaths().siteRoot, siteUrl)
  const release = liveRelease(sitePaths().live)
  return { code, release, reusable: release?.manifest?.code === code }
}

type PublishInput = {
  staging: string
  pages: ReleaseManifest['pages']
  code: string
  siteUrl: string
  live: ReturnType<typeof liveRelease>
  logger: AstroIntegrationLogger
}

export const SITEMAP_STYLESHEET = '/sitemap.xsl'

/** Files inside a search index shard: they move with their shard, not one by one. */
const SHARD_FILE = new RegExp(`^${SEARCH_DIR}/\\d+/`)

async function publish({ staging, pages, code, siteUrl, live, logger }: PublishInput) {
  const { live: liveLink, releases } = sitePaths()
  const rendered = allFiles(staging)
  const renderedSet = new Set(rendered)
  const reused = Object.keys(pages).filter((file) => !renderedSet.has(file))
  if (reused.length && !live?.dir) throw new Error('Pages were left out for reuse, but no release is live.')
  const fromStagingOrLive = (file: string) => (renderedSet.has(file) ? staging : live!.dir)
  const allPages = [...new Set([...Object.keys(pages), ...rendered])].filter((file) => file.endsWith('.html'))

  await writeSitemap(staging, siteUrl, allPages)
  const search = planSearchIndex(allPages, renderedSet, fromStagingOrLive, live?.manifest?.search)
  const pagesFirst = search.dirty.size > 0 && canServePreviousIndex(search)
  if (!pagesFirst) await indexDirtyShards(staging, search, fromStagingOrLive)
  const indexed = pagesFirst ? previousForDirty(search) : search
  // Decided before the staging folder may be renamed into the release tree.
  const shardSources = Array.from({ length: search.shards }, (_, shard) =>
    fs.existsSync(path.join(staging, shardPath(shard))) ? staging : live!.dir,
  )
  writeSearchTopFiles(staging, search.shards, shardSources[0]!)

  const stagedFiles = allFiles(staging)
  // What the publish step wrote itself (sitemap, search index top files) comes from staging too.
  const stagedSet = new Set(stagedFiles)
  const fromStaging = (file: string) => (stagedSet.has(file) ? staging : live!.dir)
  const written = stagedFiles.filter((file) => !(file in pages) && !SHARD_FILE.test(file))
  checkLinks(staging, rendered, new Set([...Object.keys(pages), ...written]))
  const manifest = (state: SearchIndexState): ReleaseManifest => ({
    code,
    // Only a release with its search index complete counts as built from this content: a build with the same
    // content is then not needed (scripts/publish/build.ts), while one after a failed search step is.
    content: state === search ? process.env[CONTENT_DIGEST_ENV] : undefined,
    pages,
    written,
    search: { shards: state.shards, pages: state.pages },
    shards: shardVersions(state),
  })
  const standby = standbyTree(releases, live?.dir)
  removeOldReleases(releases, live?.dir)
  syncTree(
    standby,
    manifest(indexed),
    { file: fromStaging, shard: (shard) => shardSources[shard]! },
    { dir: staging, files: stagedSet },
  )
  switchLive(liveLink, standby)
  logger.info(
    `Published ${rendered.length} files rendered by Astro and ${reused.length} pages reused from the live ` +
      `release${pagesFirst ? '; the search index follows' : ''}: ${liveLink} → ${standby}`,
  )
  reportPublished({ release: standby, reused: reused.map((f) => `/${f}`) })
  fs.rmSync(staging, { recursive: true, force: true })
  // With the pages first, the search step brings the other tree up to date; otherwise, do it now.
  if (!pagesFirst) {
    try {
      prepareStandby(releases, standby, manifest(indexed))
    } catch (error) {
      // The release is live; the next build fills the other tree instead.
      logger.warn(`Could not prepare ${standbyTree(releases, standby)}: ${(error as Error).message}`)
    }
  }

  if (pagesFirst) await publishSearchIndex(search, manifest(search), standby, live!.dir, logger)
  else logger.info(`Search index: ${search.dirty.size} of ${search.shards} shards indexed anew`)
}

/**
 * The second switch: the shards indexed anew, into the tree that was live before this build, with the pages
 * of the release just published.
 */
async function publishSearchIndex(
  search: SearchIndexPlan,
  manifest: ReleaseManifest,
  published: string,
  previous: string,
  logger: AstroIntegrationLogger,
) {
  const fresh = fs.mkdtempSync(`${sitePaths().staging}-search-`)
  try {
    await indexDirtyShards(fresh, search, () => published)
    const sources: ReleaseSources = {
      file: () => published,
      shard: (shard) => (search.dirty.has(shard) ? fresh : published),
    }
    syncTree(previous, manifest, sources)
    switchLive(sitePaths().live, previous)
    logger.info(`Search index: ${search.dirty.size} of ${search.shards} shards indexed anew → ${previous}`)
  } catch (error) {
    throw new Error(
      `The pages are live in ${published}, but the search index could not be updated: ${(error as Error).message}`,
      { cause: error },
    )
  } finally {
    fs.rmSync(fresh, { recursive: true, force: true })
  }
}

/**
 * sitemap-index.xml and sitemap-0.xml… over every page of the release, reused ones included (Astro's sitemap
 * integration only sees the pages Astro rendered).
 */
async function writeSitemap(site: string, siteUrl: string, htmlPages: string[]) {
  const base = siteUrl.replace(/\/?$/, '/')
  const urls = htmlPages
    .filter((file) => file !== '404.html')
    .map((file) => `/${file}`.replace(/index\.html$/, ''))
    .sort()
  const sitemaps = new SitemapAndIndexStream({
    limit: 45_000,
    getSitemapStream: (i) => {
      const sitemap = new SitemapStream({ hostname: base })
      const name = `sitemap-${i}.xml`
      const written = sitemap.pipe(withStylesheet()).pipe(fs.createWriteStream(path.join(site, name)))
      return [new URL(name, base).toString(), sitemap, written]
    },
  })
  await pipeline(
    Readable.from(urls.map((url) => ({ url }))),
    sitemaps,
    withStylesheet(),
    fs.createWriteStream(path.join(site, 'sitemap-index.xml')),
  )
}

/**
 * Browsers show the sitemaps as a page through site/public/sitemap.xsl. Its processing instruction goes after
 * the XML declaration as a path on the site itself, so it loads at whichever address the portal is opened
 * (localhost, 127.0.0.1, the public name): browsers refuse a stylesheet from another origin, and the sitemap
 * library only writes absolute URLs.
 */
function withStylesheet() {
  let first = true
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!first) return done(null, chunk)
      first = false
      const head = chunk.toString('utf8')
      const instruction = `<?xml-stylesheet type="text/xsl" href="${SITEMAP_STYLESHEET}"?>`
      const declaration = /^<\?xml[^?]*\?>/.exec(head)?.[0] ?? ''
      done(null, declaration + instruction + head.slice(declaration.length))
    },
  })
}

/**
 * The pages this build rendered must link only to files the release will have. Reused pages were checked when
 * they were rendered, and a page whose link target went away shows other props, so it is rendered again.
 */
function checkLinks(staging: string, rendered: string[], releaseFiles: Set<string>) {
  if (!releaseFiles.has('index.html')) throw new Error('The build has no home page; not publishing it.')
  const pages = rendered.filter((file) => file.endsWith('.html'))
  const broken = brokenInternalLinks(staging, pages, releaseFiles)
  if (broken.length) {
    const sample = broken.slice(0, 10).map((b) => `${b.page} → ${b.link}`)
    throw new Error(
      `The build has ${broken.length} broken internal links; not publishing it:\n${sample.join('\n')}`,
    )
  }
}
