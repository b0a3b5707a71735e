/**
 * The portal's search index, written by Pagefind's extended build (which segments Chinese) in shards:
 * /pagefind/<n>/ each holds the pages whose path hashes to n, and /pagefind/bundles.json lists them for the
 * search page, which merges them. Pagefind cannot update an index, so one index over 12,000 pages would be
 * rebuilt whole on every change (a minute, and gigabytes of memory). In shards, a rebuild indexes anew only
 * the shards holding a page whose indexed text changed; the others stay as the live release has them.
 *
 * The indexed text of a page is its <main data-pagefind-body> without its data-pagefind-ignore sections, so
 * pages mark as ignored what changes with other documents (lists of articles, figure tables naming their
 * sources, 上一篇/下一篇): retitling one article then touches one shard.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import * as pagefind from 'pagefind'

import { punctuateBlocks } from './search-text'

export const SEARCH_DIR = 'pagefind'
/** About this many pages a shard, in a power-of-two count of shards, so the count rarely changes. */
const PAGES_PER_SHARD = 1000

/** What the next build needs to know of an index: the shard count and each page's indexed-text hash. */
export type SearchIndexState = { shards: number; pages: Record<string, string> }
export type SearchIndexPlan = SearchIndexState & { dirty: Set<number>; previous?: SearchIndexState }
/** Where a page's file can be read: the folder that holds it. */
export type PageSource = (file: string) => string

/**
 * Which shards must be indexed anew. `changed` are the pages this build wrote; the others are as the live
 * release has them, so their indexed text is as the previous index recorded it.
 */
export function planSearchIndex(
  htmlPages: string[],
  changed: Set<string>,
  readFrom: PageSource,
  previous?: SearchIndexState,
): SearchIndexPlan {
  const pages: Record<string, string> = {}
  for (const file of htmlPages) {
    const hash = previous && !changed.has(file) ? previous.pages[file] : indexedTextHash(readFrom(file), file)
    if (hash) pages[file] = hash
  }
  const shards = shardCount(Object.keys(pages).length)
  return { shards, pages, dirty: dirtyShards(pages, shards, previous), previous }
}

/** The live index can be served as it is while the dirty shards are indexed: it has the same shards. */
export const canServePreviousIndex = (plan: SearchIndexPlan) => plan.previous?.shards === plan.shards

/** The index as published while the dirty shards are still being indexed: those pages as the live index has them. */
export function previousForDirty(plan: SearchIndexPlan): SearchIndexState {
  const previous = plan.previous!
  const pages = Object.fromEntries(
    [...new Set([...Object.keys(previous.pages), ...Object.keys(plan.pages)])].flatMap((file) => {
      const hash = plan.dirty.has(shardOf(file, plan.shards)) ? previous.pages[file] : plan.pages[file]
      return hash ? [[file, hash]] : []
    }),
  )
  return { shards: plan.shards, pages }
}

/** Indexes the dirty shards into `site`/pagefind/<n>/, reading each page from where it is. */
export async function indexDirtyShards(site: string, plan: SearchIndexPlan, readFrom: PageSource) {
  const byShard = Map.groupBy(Object.keys(plan.pages), (file) => shardOf(file, plan.shards))
  try {
    for (const shard of plan.dirty)
      await indexShard(byShard.get(shard) ?? [], readFrom, shardDir(site, shard))
  } finally {
    await pagefind.close()
  }
}

/**
 * A version for each shard of an index, to tell whether two releases hold the same shard: a hash of its
 * pages and their indexed text.
 */
export function shardVersions(state: SearchIndexState) {
  const hashes = Array.from({ length: state.shards }, () => createHash('sha256'))
  for (const file of Object.keys(state.pages).sort())
    hashes[shardOf(file, state.shards)]!.update(`${file}\n${state.pages[file]}\n`)
  return hashes.map((hash) => hash.digest('hex').slice(0, 24))
}

export const shardPath = (shard: number) => path.join(SEARCH_DIR, String(shard))
const shardDir = (site: string, shard: number) => path.join(site, shardPath(shard))

/**
 * The files at the top of /pagefind/: Pagefind's UI, which the search page loads, and bundles.json, the
 * shards it merges. `uiFrom` is a folder holding shard 0.
 */
export function writeSearchTopFiles(site: string, shards: number, uiFrom: string) {
  const out = path.join(site, SEARCH_DIR)
  fs.mkdirSync(out, { recursive: true })
  for (const asset of ['pagefind-ui.js', 'pagefind-ui.css'])
    fs.copyFileSync(path.join(shardDir(uiFrom, 0), asset), path.join(out, asset))
  const bundles = Array.from({ length: shards }, (_, shard) => `/${SEARCH_DIR}/${shard}/`)
  fs.writeFileSync(path.join(out, 'bundles.json'), JSON.stringify(bundles))
}

/** A hash of what Pagefind indexes of the page, or undefined if the page is not searchable. */
function indexedTextHash(dir: string, file: string) {
  const html = fs.readFileSync(path.join(dir, file), 'utf8')
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
  if (previous?.shards !== shards) return new Set(Array.from({ length: shards }, (_, i) => i))
  const dirty = new Set<number>()
  for (const [file, hash] of Object.entries(pages))
    if (previous.pages[file] !== hash) dirty.add(shardOf(file, shards))
  for (const file of Object.keys(previous.pages)) if (!(file in pages)) dirty.add(shardOf(file, shards))
  return dirty
}

async function indexShard(files: string[], readFrom: PageSource, outputPath: string) {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh-cn' })
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`)
  // All at once: Pagefind works through them while the next are sent (about 15 % faster than one by one).
  await Promise.all(
    files.map(async (file) => {
      const added = await index.addHTMLFile({
        url: `/${file}`.replace(/index\.html$/, ''),
        content: punctuateBlocks(fs.readFileSync(path.join(readFrom(file), file), 'utf8')),
      })
      if (added.errors.length) throw new Error(`Pagefind could not index ${file}: ${added.errors.join('; ')}`)
    }),
  )
  const written = await index.writeFiles({ outputPath })
  if (written.errors.length)
    throw new Error(`Pagefind could not write ${outputPath}: ${written.errors.join('; ')}`)
  await index.deleteIndex()
}
