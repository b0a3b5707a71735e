import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { AstroIntegration } from 'astro'
import * as pagefind from 'pagefind'

import { sitePaths } from '../output'
import { brokenInternalLinks, htmlFiles } from './link-check'

/**
 * After Astro has written the site into the staging folder: index it for search (Pagefind's extended build,
 * which segments Chinese), check it, and only then make it the live site in one step. A build that fails
 * anywhere before the switch leaves the previous live site as it was.
 */
export function publishSite(): AstroIntegration {
  return {
    name: 'changai-publish',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const staging = fileURLToPath(dir)
        await writeSearchIndex(staging)
        checkBuild(staging)
        const release = switchLive(staging)
        logger.info(`Published ${htmlFiles(release).length} pages: ${sitePaths().live} → ${release}`)
      },
    },
  }
}

async function writeSearchIndex(site: string) {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh-cn' })
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`)
  const added = await index.addDirectory({ path: site })
  if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`)
  await index.writeFiles({ outputPath: path.join(site, 'pagefind') })
  await pagefind.close()
}

function checkBuild(site: string) {
  if (!fs.existsSync(path.join(site, 'index.html')))
    throw new Error('The build has no home page; not publishing it.')
  const broken = brokenInternalLinks(site)
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
