import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { readSettings } from '../config/settings'

const siteRoot = path.dirname(fileURLToPath(import.meta.url))
export const CMS_SNAPSHOT_FILE = 'cms-snapshot.json'
/** The portal's public address (SITE_URL), which links, the sitemap and the RSS feed are written with. */
export const siteUrlOf = (env: NodeJS.ProcessEnv = process.env) => readSettings(env).siteUrl
/** Set by the publish worker, which pulls the content itself and tells the build over IPC (build-progress.ts). */
export const PULLED_CONTENT_ENV = 'PORTAL_CONTENT'
/** Set by the content loader for the publish step: the digest of the content this build renders. */
export const CONTENT_DIGEST_ENV = 'PORTAL_CONTENT_DIGEST'

/**
 * Where builds go. Astro writes into `staging`; a build that passes its checks is brought into the standby
 * release tree (`releases/a` or `releases/b`, see integrations/releases.ts) and `live` (a symlink, what the
 * static server serves) is switched to it in one step. A failed build never touches `live`. Astro's cache and
 * the pull's snapshot sit beside them. SITE_DIST moves them all (tests build into a temporary folder).
 */
export function sitePaths(env: NodeJS.ProcessEnv = process.env) {
  const live = readSettings(env).siteDist
  // A draft preview (PREVIEW_ARTICLE_ID) builds one page into its own folder, never into the live site's.
  const preview = env.PREVIEW_ARTICLE_ID
    ? {
        articleId: env.PREVIEW_ARTICLE_ID,
        page: `articles/${env.PREVIEW_ARTICLE_SLUG}/index.html`,
        outDir: path.resolve(env.PREVIEW_DIR!),
      }
    : undefined
  return {
    siteRoot,
    live,
    staging: `${live}.staging`,
    releases: `${live}.releases`,
    cache: `${live}.cache`,
    /** The documents the last pull fetched (see scripts/pull/snapshot.ts); a preview reads it, never writes it. */
    snapshot: path.join(`${live}.cache`, CMS_SNAPSHOT_FILE),
    /** The publish worker's heartbeat (scripts/publish/worker.ts), read by GET /api/health. */
    heartbeat: path.join(`${live}.cache`, 'worker-heartbeat.json'),
    preview,
  }
}

/**
 * A fresh folder to run one `astro build` from, removed by the caller afterwards. When the output folder is
 * outside the working directory (tests, previews, the bench write to temporary folders), Astro keeps its
 * intermediate files in `<cwd>/.astro/`; from the repository root, two builds at once (the worker, a preview,
 * a test) would delete each other's there. A folder of its own inside site/ keeps them apart, and still lets
 * those files find node_modules.
 */
export function makeBuildWorkingDir() {
  return claimFolder(fs.mkdtempSync(path.join(workDirParent(), WORK_DIR_PREFIX)))
}

const WORK_DIR_PREFIX = '.work-'
/** site/ of the checkout, found through the settings: this module is also bundled into the admin (previews). */
const workDirParent = () => path.join(readSettings().repoRoot, 'site')
/** A folder a process made for itself names it, so one left by a process that died can be told apart. */
const OWNER_FILE = '.owner-pid'

/** Marks `dir` as this process's. */
export function claimFolder(dir: string) {
  fs.writeFileSync(path.join(dir, OWNER_FILE), String(process.pid))
  return dir
}

/** Whether the process that claimed `dir` is gone (or never said who it was). */
export function isAbandoned(dir: string) {
  let owner: number
  try {
    owner = Number(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8'))
  } catch {
    return true
  }
  return !processIsAlive(owner)
}

/** Whether a process of this machine with this id runs. */
export function processIsAlive(pid: number) {
  if (!pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes the working folders of builds whose process is gone (killed, or stopped before it could clean up).
 * Folders of live processes (a build running elsewhere) are left alone. Returns how many were removed.
 */
export function removeAbandonedWorkingDirs() {
  const dirs = fs
    .readdirSync(workDirParent())
    .filter((entry) => entry.startsWith(WORK_DIR_PREFIX))
    .map((entry) => path.join(workDirParent(), entry))
    .filter(isAbandoned)
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  return dirs.length
}
