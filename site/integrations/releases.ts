/**
 * The live site and its releases. The live folder (site/dist) is a symlink to one of two release trees,
 * releases/a and releases/b; the other holds the release before it. A build brings that other tree up to the
 * new release, changing only what differs from what it holds (each tree's `.pages.json` says what that is),
 * and then switches the link to it in one step. At 17,000 pages, writing or linking a whole tree takes
 * seconds (mostly creating 10,000 folders); changing what differs takes a fraction of that.
 *
 * A file of a tree may be a hard link shared with the other tree, so a file is never written in place: it is
 * removed and linked anew.
 */
import fs from 'node:fs'
import path from 'node:path'

import { RELEASE_PAGES_FILE, type PageKeys } from './page-keys'
import { shardPath, type SearchIndexState } from './search-index'

export type ReleaseManifest = {
  /** The site code the pages were rendered with (see siteCodeHash). */
  code: string
  /** The digest of the content they were rendered from (see scripts/pull/index.ts). */
  content?: string
  /** Pages from getStaticPaths() → their cache keys. */
  pages: PageKeys
  /** Every other file the build wrote (pages without getStaticPaths, assets, sitemap, the search index's top). */
  written: string[]
  search: SearchIndexState
  /** A version for each search index shard (see shardVersions). */
  shards: string[]
}

/** Where the target's files are: a folder holding each file, and one holding each search shard. */
export type ReleaseSources = { file: (file: string) => string; shard: (shard: number) => string }

/** A tree's manifest; undefined when it has none, or one from an earlier version of this step. */
export function readManifest(tree: string): ReleaseManifest | undefined {
  try {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(tree, RELEASE_PAGES_FILE), 'utf8'),
    ) as ReleaseManifest
    return Array.isArray(manifest.written) && Array.isArray(manifest.shards) ? manifest : undefined
  } catch {
    return undefined
  }
}

/** The release tree the live link points at, with its manifest if it has one. */
export function liveRelease(live: string) {
  if (!fs.existsSync(live) || !fs.lstatSync(live).isSymbolicLink()) return undefined
  const dir = fs.realpathSync(live)
  return { dir, manifest: readManifest(dir) }
}

/** The tree a build may change: the one the live link does not point at. */
export const standbyTree = (releases: string, liveDir?: string) =>
  path.join(releases, liveDir && path.basename(liveDir) === 'a' ? 'b' : 'a')

/**
 * Makes `tree` hold exactly the `target` release. When the tree holds nothing usable (no manifest, or pages
 * of other code), it starts afresh: from `adopt` (the staging folder, renamed into place) when given.
 */
export function syncTree(
  tree: string,
  target: ReleaseManifest,
  sources: ReleaseSources,
  adopt?: { dir: string; files: Set<string> },
) {
  const current = readManifest(tree)
  // While it changes, the tree claims nothing: a build that stops half-way leaves it to be rebuilt.
  fs.rmSync(path.join(tree, RELEASE_PAGES_FILE), { force: true })
  let have = current?.code === target.code ? current : undefined
  let writtenInPlace = false
  if (!have) {
    fs.rmSync(tree, { recursive: true, force: true })
    fs.mkdirSync(path.dirname(tree), { recursive: true })
    if (adopt) {
      fs.renameSync(adopt.dir, tree)
      have = adoptedManifest(target, adopt.files)
      writtenInPlace = true
    } else {
      fs.mkdirSync(tree)
      have = { ...target, pages: {}, written: [], shards: [] }
    }
  }
  for (const [file, key] of Object.entries(target.pages))
    if (have.pages[file] !== key) place(tree, file, sources.file(file))
  if (!writtenInPlace) for (const file of target.written) place(tree, file, sources.file(file))
  const kept = new Set([...Object.keys(target.pages), ...target.written])
  for (const file of [...Object.keys(have.pages), ...have.written]) if (!kept.has(file)) remove(tree, file)
  target.shards.forEach((version, shard) => {
    if (have.shards[shard] === version) return
    fs.rmSync(path.join(tree, shardPath(shard)), { recursive: true, force: true })
    linkTree(path.join(sources.shard(shard), shardPath(shard)), path.join(tree, shardPath(shard)))
  })
  for (let shard = target.shards.length; shard < have.shards.length; shard++)
    fs.rmSync(path.join(tree, shardPath(shard)), { recursive: true, force: true })
  fs.writeFileSync(path.join(tree, RELEASE_PAGES_FILE), JSON.stringify(target))
}

/** What a staging folder renamed into a tree holds of the target. */
function adoptedManifest(target: ReleaseManifest, files: Set<string>): ReleaseManifest {
  return {
    ...target,
    pages: Object.fromEntries(Object.entries(target.pages).filter(([file]) => files.has(file))),
    shards: target.shards.map((version, shard) =>
      files.has(path.join(shardPath(shard), 'pagefind-entry.json')) ? version : '',
    ),
  }
}

function place(tree: string, file: string, from: string) {
  const target = path.join(tree, file)
  fs.rmSync(target, { force: true })
  fs.mkdirSync(path.dirname(target), { recursive: true })
  fs.linkSync(path.join(from, file), target)
}

/** Removes a file and the folders it leaves empty. */
function remove(tree: string, file: string) {
  fs.rmSync(path.join(tree, file), { force: true })
  for (let dir = path.dirname(path.join(tree, file)); dir !== tree; dir = path.dirname(dir)) {
    if (fs.readdirSync(dir).length) break
    fs.rmdirSync(dir)
  }
}

/** Hard-links every file under `from` to the same place under `to`. */
function linkTree(from: string, to: string) {
  for (const entry of fs.readdirSync(from, { recursive: true, withFileTypes: true })) {
    const target = path.join(to, path.relative(from, path.join(entry.parentPath, entry.name)))
    if (entry.isDirectory()) fs.mkdirSync(target, { recursive: true })
    else {
      fs.mkdirSync(path.dirname(target), { recursive: true })
      fs.linkSync(path.join(entry.parentPath, entry.name), target)
    }
  }
}

/**
 * Brings the tree that is not live up to the release just published in `liveTree`, unless it already holds a
 * release of the same code. After a first build, or the first after a code change, it holds nothing usable,
 * and the next build would have to fill it whole (seconds at 17,000 pages) before its edit could go live.
 */
export function prepareStandby(releases: string, liveTree: string, release: ReleaseManifest) {
  const other = standbyTree(releases, liveTree)
  if (readManifest(other)?.code === release.code) return
  syncTree(other, release, { file: () => liveTree, shard: () => liveTree })
}

/** Points the live link at `tree` in one step (a new link renamed over the old one). */
export function switchLive(live: string, tree: string) {
  if (fs.existsSync(live) && !fs.lstatSync(live).isSymbolicLink()) {
    throw new Error(
      `${live} is a real folder, not the link this build publishes through; move it away first.`,
    )
  }
  const link = `${live}.next-link`
  fs.rmSync(link, { force: true })
  fs.symlinkSync(tree, link)
  fs.renameSync(link, live)
}

/** Removes release folders of earlier versions of this step (named by date), except the live one. */
export function removeOldReleases(releases: string, liveDir?: string) {
  if (!fs.existsSync(releases)) return
  for (const name of fs.readdirSync(releases)) {
    const dir = path.join(releases, name)
    if (name !== 'a' && name !== 'b' && dir !== liveDir) fs.rmSync(dir, { recursive: true, force: true })
  }
}
