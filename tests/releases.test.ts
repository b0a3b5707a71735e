import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { pageFile } from '../site/integrations/page-keys'
import { readManifest, syncTree, type ReleaseManifest } from '../site/integrations/releases'

describe('page files', () => {
  it('are where Astro writes each route with directory format', () => {
    expect(pageFile('/articles/[slug]', { slug: 'liushi-2021' })).toBe('articles/liushi-2021/index.html')
    expect(pageFile('/articles/[...page]', { page: undefined })).toBe('articles/index.html')
    expect(pageFile('/channels/[slug]/[...page]', { slug: 'gongzuo', page: '3' })).toBe(
      'channels/gongzuo/3/index.html',
    )
    expect(pageFile('/indicators/[slug].csv', { slug: 'jineng' })).toBe('indicators/jineng.csv')
  })
})

describe('syncing a release tree', () => {
  const write = (dir: string, file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), text)
  }
  const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8')
  const release = (pages: Record<string, string>, written: string[]): ReleaseManifest => ({
    code: 'code-1',
    pages,
    written,
    search: { shards: 1, pages: {} },
    shards: ['s1'],
  })

  it('changes only what differs, never the files it shares with the live tree', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'changai-releases-'))
    const [live, standby, staging, fresh] = ['a', 'b', 'staging', 'fresh'].map((d) => path.join(root, d))
    // The live tree: three pages, the home page, a search shard.
    for (const [file, text] of [
      ['articles/one/index.html', 'one v1'],
      ['articles/two/index.html', 'two v1'],
      ['articles/gone/index.html', 'gone v1'],
      ['index.html', 'home v1'],
      ['pagefind/0/pagefind-entry.json', 'shard v1'],
    ])
      write(staging, file!, text!)
    const first = release(
      { 'articles/one/index.html': 'k1', 'articles/two/index.html': 'k2', 'articles/gone/index.html': 'k3' },
      ['index.html'],
    )
    syncTree(
      live,
      first,
      { file: () => staging, shard: () => staging },
      {
        dir: staging,
        files: new Set(fs.readdirSync(staging, { recursive: true, encoding: 'utf8' })),
      },
    )
    expect(read(live, 'articles/one/index.html')).toBe('one v1')

    // The next build rendered page one anew and the home page, dropped "gone", kept "two" and the shard.
    write(fresh, 'articles/one/index.html', 'one v2')
    write(fresh, 'index.html', 'home v2')
    const second = release({ 'articles/one/index.html': 'k1b', 'articles/two/index.html': 'k2' }, [
      'index.html',
    ])
    const inFresh = (file: string) => (fs.existsSync(path.join(fresh, file)) ? fresh : live)
    syncTree(standby, second, { file: inFresh, shard: () => live })
    expect(read(standby, 'articles/one/index.html')).toBe('one v2')
    expect(read(standby, 'articles/two/index.html')).toBe('two v1')
    expect(read(standby, 'index.html')).toBe('home v2')
    expect(read(standby, 'pagefind/0/pagefind-entry.json')).toBe('shard v1')
    expect(fs.existsSync(path.join(standby, 'articles/gone'))).toBe(false)
    expect(readManifest(standby)).toEqual(second)

    // Syncing the old live tree to the same release leaves the new one untouched.
    syncTree(live, second, { file: () => standby, shard: () => standby })
    expect(read(live, 'articles/one/index.html')).toBe('one v2')
    expect(fs.existsSync(path.join(live, 'articles/gone'))).toBe(false)
    write(fresh, 'articles/two/index.html', 'two v2')
    const third = release({ 'articles/one/index.html': 'k1b', 'articles/two/index.html': 'k2b' }, [
      'index.html',
    ])
    syncTree(live, third, { file: inFresh, shard: () => standby })
    expect(read(live, 'articles/two/index.html')).toBe('two v2')
    expect(read(standby, 'articles/two/index.html')).toBe('two v1')
    expect(read(standby, 'index.html')).toBe('home v2')
    fs.rmSync(root, { recursive: true, force: true })
  })
})
