import path from 'node:path'
import { fileURLToPath } from 'node:url'

const siteRoot = path.dirname(fileURLToPath(import.meta.url))

/**
 * Where builds go. Astro writes into `staging`; a build that passes its checks moves to `releases/<id>` and
 * `live` (a symlink, what the static server serves) is switched to it in one step. A failed build never
 * touches `live`. Astro's cache sits beside them. SITE_DIST moves them all (tests build into a temporary folder).
 */
export function sitePaths() {
  const live = path.resolve(process.env.SITE_DIST || path.join(siteRoot, 'dist'))
  // A draft preview (PREVIEW_ARTICLE_ID) builds into its own folder, never into the live site's.
  const preview = process.env.PREVIEW_ARTICLE_ID
    ? { articleId: process.env.PREVIEW_ARTICLE_ID, outDir: path.resolve(process.env.PREVIEW_DIR!) }
    : undefined
  return {
    siteRoot,
    live,
    staging: `${live}.staging`,
    releases: `${live}.releases`,
    cache: `${live}.cache`,
    preview,
  }
}
