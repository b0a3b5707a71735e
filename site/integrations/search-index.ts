/**
 * The portal's search index, written by Pagefind's extended build (which segments Chinese) in shards:
 * /pagefind/<n>/ each holds the pages whose path hashes to n, and /pagefind/bundles.json lists them for the
 * search page, which merges them. Pagefind cannot update an index, so one index over 12,000 pages would be
 * rebuilt whole on every change (a minute, and gigabytes of memory). In shards, a rebuild re-indexes only the
 * shards holding a page whose indexed text changed, and links the others from the live release.
 *
 * The indexed text of a page is its <main data-pagefind-body> without its data-pagefind-ignore sections, so
 * pages mark as ignored what changes with other documents (lists of articles, figure tables naming their
 * sources, 上一篇/下一篇): retitling one article then touches one shard.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import * as pagefind from 'pagefind'

import { htmlFiles } from './link-check'

export const SEARCH_DIR = 'pagefind'
/** About this many pages a shard, in a power-of-two count of shards, so the count rarely changes. */
const PAGES_PER_SHARD = 1000

/** What the next build needs to know of this index: the shard count and each page's indexed-text hash. */
export type SearchIndexState = { shards: number; pages: Record<string, string> }
export type PreviousIndex = { release: string; state: SearchIndexState }
export type SearchIndexPlan = SearchIndexState & { dirty: Set<number>; previous?: PreviousIndex }

/** Files the search index writes at the top of /pagefind/ (rewritten by every build, never linked). */
export const SEARCH_INDEX_TOP_FILES = ['bundles.json', 'pagefind-ui.js', 'pagefind-ui.css']

/**
 * Which shards must be indexed anew. `changed` are the pages this build wrote (the others are the live
 * release's files, linked, so their indexed text is as the previous index recorded it).
 */
export function planSearchIndex(
  site: string,
  changed: Set<string>,
  previous?: PreviousIndex,
): SearchIndexPlan {
  const pages: Record<string, string> = {}
  for (const file of htmlFiles(site)) {
    const hash = previous && !changed.has(file) ? previous.state.pages[file] : indexedTextHash(site, file)
    if (hash) pages[file] = hash
  }
  const shards = shardCount(Object.keys(pages).length)
  return { shards, pages, dirty: dirtyShards(pages, shards, previous?.state), previous }
}

/** The previous index can be served as it is while the dirty shards are indexed: it has the same shards. */
export const canServePreviousIndex = (plan: SearchIndexPlan) => plan.previous?.state.shards === plan.shards

/**
 * Links the shards the plan keeps from the previous release, and with `previousForDirty` the dirty ones too
 * (as they were, to be replaced by a later release). Returns the state of the index as linked.
 */
export function linkSearchIndex(site: string, plan: SearchIndexPlan, { previousForDirty = false } = {}) {
  const { previous } = plan
  const linked = shardNumbers(plan.shards).filter((shard) => previousForDirty || !plan.dirty.has(shard))
  if (!previous) return { shards: plan.shards, pages: plan.pages }
  for (const shard of linked) linkTree(shardDir(previous.release, shard), shardDir(site, shard))
  writeTopFiles(site, plan.shards)
  if (!previousForDirty) return { shards: plan.shards, pages: plan.pages }
  // What is published until the dirty shards are replaced: their pages as the previous index has them.
  const pages = Object.fromEntries(
    Object.entries({ ...previous.state.pages, ...plan.pages }).flatMap(([file, hash]) => {
      const dirty = plan.dirty.has(shardOf(file, plan.shards))
      const indexed = dirty ? previous.state.pages[file] : hash
      return indexed ? [[file, indexed]] : []
    }),
  )
  return { shards: plan.shards, pages }
}

/** Indexes the dirty shards (into folders that must not exist yet) and lists all shards for the search page. */
export async function indexDirtyShards(site: string, plan: SearchIndexPlan) {
  const byShard = Map.groupBy(Object.keys(plan.pages), (file) => shardOf(file, plan.shards))
  try {
    for (const shard of plan.dirty) await indexShard(site, byShard.get(shard) ?? [], shardDir(site, shard))
  } finally {
    await pagefind.close()
  }
  writeTopFiles(site, plan.shards)
  return { shards: plan.shards, pages: plan.pages }
}

const shardNumbers = (shards: number) => Array.from({ length: shards }, (_, shard) => shard)
const shardDir = (site: string, shard: number) => path.join(site, SEARCH_DIR, String(shard))

/** The search page loads Pagefind's UI from /pagefind/ and merges the shards listed in bundles.json. */
function writeTopFiles(site: string, shards: number) {
  const out = path.join(site, SEARCH_DIR)
  for (const asset of ['pagefind-ui.js', 'pagefind-ui.css']) {
    fs.rmSync(path.join(out, asset), { force: true })
    fs.copyFileSync(path.join(out, '0', asset), path.join(out, asset))
  }
  const bundles = shardNumbers(shards).map((shard) => `/${SEARCH_DIR}/${shard}/`)
  fs.rmSync(path.join(out, 'bundles.json'), { force: true })
  fs.writeFileSync(path.join(out, 'bundles.json'), JSON.stringify(bundles))
}

/** A hash of what Pagefind indexes of the page, or undefined if the page is not searchable. */
function indexedTextHash(site: string, file: string) {
  const html = fs.readFileSync(path.join(site, file), 'utf8')
  const start = html.indexOf('data-pagefind-body')
  if (start < 0) return undefined
  // Cutting at the first closing tag may leave part of an ignored section in: the hash then covers a little
  // more than Pagefind indexes, which can cost a shard rebuild but never misses a change.
  const indexed = html
    .slice(start, html.indexOf('</main>', start))
    .replace(/<(section|nav|aside)\b[^>]*data-pagefind-ignore[^>]*>[\s\S]*?<\/\1>/g, '')
  return createHash('sha256').update(indexed).digest('hex').slice(0, 24)
}

const shardCount = (pages: number) => 2 ** Math.max(0, Math.ceil(Math.log2(pages / PAGES_PER_SHARD)))

const shardOf = (file: string, shards: number) =>
  createHash('sha256').update(file).digest().readUInt32BE(0) % shards

function dirtyShards(pages: Record<string, string>, shards: number, previous?: SearchIndexState) {
  if (!previous || previous.shards !== shards) return new Set(Array.from({ length: shards }, (_, i) => i))
  const dirty = new Set<number>()
  for (const [file, hash] of Object.entries(pages))
    if (previous.pages[file] !== hash) dirty.add(shardOf(file, shards))
  for (const file of Object.keys(previous.pages)) if (!(file in pages)) dirty.add(shardOf(file, shards))
  return dirty
}

async function indexShard(site: string, files: string[], outputPath: string) {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh-cn' })
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`)
  for (const file of files) {
    const added = await index.addHTMLFile({
      url: `/${file}`.replace(/index\.html$/, ''),
      content: fs.readFileSync(path.join(site, file), 'utf8'),
    })
    if (added.errors.length) throw new Error(`Pagefind could not index ${file}: ${added.errors.join('; ')}`)
  }
  const written = await index.writeFiles({ outputPath })
  if (written.errors.length)
    throw new Error(`Pagefind could not write ${outputPath}: ${written.errors.join('; ')}`)
  await index.deleteIndex()
}

/**
 * Hard-links every file under `from` to the same place under `to`, but those `skip` names (paths relative to
 * `from`). Files of a published release are never written again, so sharing them is safe; a file to be
 * written must be skipped here, or it would change the published release too.
 */
export function linkTree(from: string, to: string, skip: (relative: string) => boolean = () => false) {
  for (const entry of fs.readdirSync(from, { recursive: true, withFileTypes: true })) {
    const source = path.join(entry.parentPath, entry.name)
    const relative = path.relative(from, source)
    if (skip(relative)) continue
    const target = path.join(to, relative)
    if (entry.isDirectory()) fs.mkdirSync(target, { recursive: true })
    else {
      fs.mkdirSync(path.dirname(target), { recursive: true })
      fs.linkSync(source, target)
    }
  }
}
