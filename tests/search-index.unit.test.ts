/** Search-index shard planning (planSearchIndex in site/integrations/search-index.ts), on pages written here. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import {
  canServePreviousIndex,
  planSearchIndex,
  previousForDirty,
  shardVersions,
  type SearchIndexState,
} from '../site/integrations/search-index'

let dir = ''
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

const page = (body: string, ignored = '') =>
  `<html><body><nav>菜单</nav><main data-pagefind-body><h1>${body}</h1>` +
  `<section data-pagefind-ignore>${ignored}</section></main><footer>页脚</footer></body></html>`

function write(files: Record<string, string>) {
  dir ||= fs.mkdtempSync(path.join(os.tmpdir(), 'changai-search-'))
  for (const [file, html] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), html)
  }
  return Object.keys(files)
}
const here = () => dir
/** A page source that must not be read: the plan takes unchanged pages from the previous index. */
const unread = (file: string): string => {
  throw new Error(`read ${file}`)
}

/** `count` pages as a previous index recorded them, each with its own text hash. */
const recorded = (count: number, shards: number): SearchIndexState => ({
  shards,
  pages: Object.fromEntries(Array.from({ length: count }, (_, i) => [`articles/a${i}/index.html`, `h${i}`])),
})

describe('planSearchIndex', () => {
  it('indexes every shard on a first build, leaving out pages that are not searchable', () => {
    const pages = write({
      'index.html': page('首页'),
      'articles/liushi/index.html': page('柳市镇'),
      '404.html': '<html><body><main><h1>找不到</h1></main></body></html>',
    })
    const plan = planSearchIndex(pages, new Set(pages), here)
    expect(Object.keys(plan.pages).sort()).toEqual(['articles/liushi/index.html', 'index.html'])
    expect(plan.shards).toBe(1)
    expect([...plan.dirty]).toEqual([0])
    expect(canServePreviousIndex(plan)).toBe(false)
  })

  it('takes unchanged pages from the previous index without reading them, and indexes nothing new', () => {
    const previous = recorded(3, 1)
    const plan = planSearchIndex(Object.keys(previous.pages), new Set(), unread, previous)
    expect(plan.pages).toEqual(previous.pages)
    expect(plan.dirty.size).toBe(0)
  })

  it('ignores a change in a data-pagefind-ignore section, and re-indexes for a change in the text', () => {
    const [file] = write({ 'articles/x/index.html': page('正文', '相关文章：甲') })
    const first = planSearchIndex([file!], new Set([file!]), here)
    write({ 'articles/x/index.html': page('正文', '相关文章：乙') })
    expect(planSearchIndex([file!], new Set([file!]), here, first).dirty.size).toBe(0)
    write({ 'articles/x/index.html': page('改过的正文', '相关文章：乙') })
    const changed = planSearchIndex([file!], new Set([file!]), here, first)
    expect([...changed.dirty]).toEqual([0])
    expect(canServePreviousIndex(changed)).toBe(true)
  })

  it('re-indexes only the shard of a changed page, and the shard of a removed one', () => {
    const previous = recorded(3000, 4)
    const files = Object.keys(previous.pages)
    const [changedFile] = write({ [files[0]!]: page('新的正文') })
    const plan = planSearchIndex(files, new Set([changedFile!]), here, previous)
    expect(plan.shards).toBe(4)
    const changedShard = [...plan.dirty]
    expect(changedShard).toHaveLength(1)
    // The versions tell which shard holds the page: only that one differs from the previous index.
    const before = shardVersions(previous)
    const after = shardVersions(plan)
    expect(after.flatMap((v, shard) => (v === before[shard] ? [] : [shard]))).toEqual(changedShard)

    const withoutOne = planSearchIndex(files.slice(1), new Set(), unread, previous)
    expect([...withoutOne.dirty]).toEqual(changedShard)
  })

  it('uses a power-of-two count of shards of about a thousand pages, and indexes all when it changes', () => {
    const shardsFor = (pages: number) => {
      const previous = recorded(pages, 1)
      return planSearchIndex(Object.keys(previous.pages), new Set(), unread, previous)
    }
    expect(shardsFor(0).shards).toBe(1)
    expect(shardsFor(1000).shards).toBe(1)
    const grown = shardsFor(1001)
    expect(grown.shards).toBe(2)
    expect([...grown.dirty].sort()).toEqual([0, 1])
    expect(canServePreviousIndex(grown)).toBe(false)
    expect(shardsFor(4001).shards).toBe(8)
  })
})

describe('previousForDirty', () => {
  it('publishes the dirty shards as the live index has them until they are indexed anew', () => {
    const previous = recorded(3000, 4)
    const files = Object.keys(previous.pages)
    write({ [files[0]!]: page('新的正文'), 'articles/new/index.html': page('新文章') })
    const fresh = new Set([files[0]!, 'articles/new/index.html'])
    const plan = planSearchIndex([...files, 'articles/new/index.html'], fresh, here, previous)
    expect(plan.pages['articles/new/index.html']).toBeDefined()
    const interim = previousForDirty(plan)
    expect(interim.shards).toBe(4)
    expect(interim.pages[files[0]!]).toBe(previous.pages[files[0]!])
    expect('articles/new/index.html' in interim.pages).toBe(false)
    for (const file of files.slice(1)) expect(interim.pages[file]).toBe(plan.pages[file])
  })
})
