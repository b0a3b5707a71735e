/** The publish step's link check (site/integrations/link-check.ts), on small folders written here. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { brokenInternalLinks } from '../site/integrations/link-check'

let dir = ''
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

/** A site folder holding `files` (path → content). */
function site(files: Record<string, string>) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changai-links-'))
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), content)
  }
  return dir
}

describe('brokenInternalLinks', () => {
  it('needs index.html for a folder link and the exact file otherwise, ignoring query, hash and other hosts', () => {
    const root = site({
      'index.html': [
        '<a href="/articles/liushi-2021/">ok</a>',
        '<a href="/articles/liushi-2021/?from=home#top">ok</a>',
        '<a href="/feed.xml">ok</a>',
        '<a href="https://example.org/nowhere/">external</a>',
        '<script src="//cdn.example.org/x.js"></script>',
        '<a href="/articles/missing/">broken</a>',
        '<img src="/media/missing.webp" alt="">',
        '<a href="/feed">broken: no such file</a>',
      ].join('\n'),
      'articles/liushi-2021/index.html': '<a href="/">home</a>',
      'feed.xml': '<rss/>',
    })
    expect(brokenInternalLinks(root)).toEqual([
      { page: 'index.html', link: '/articles/missing/' },
      { page: 'index.html', link: '/media/missing.webp' },
      { page: 'index.html', link: '/feed' },
    ])
  })

  it('reads percent-encoded Chinese paths as the files they name', () => {
    const root = site({
      'index.html': `<a href="${encodeURI('/topics/产改/')}">产改</a>`,
      'topics/产改/index.html': '',
    })
    expect(brokenInternalLinks(root)).toEqual([])
  })

  it('checks every image of a srcset, not only src', () => {
    const root = site({
      'index.html': [
        '<picture>',
        '<source type="image/avif" srcset="/media/a-480.avif 480w, /media/a-960.avif 960w" sizes="100vw">',
        '<img src="/media/a-480.webp" srcset="/media/a-480.webp 480w,/media/a-960.webp 960w" alt="">',
        '</picture>',
      ].join('\n'),
      'media/a-480.avif': '',
      'media/a-480.webp': '',
      'media/a-960.webp': '',
    })
    expect(brokenInternalLinks(root)).toEqual([{ page: 'index.html', link: '/media/a-960.avif' }])
  })

  it('reports a malformed % escape as a broken link instead of failing the check', () => {
    const root = site({
      'index.html': '<a href="/topics/%E4%BA/">cut escape</a><a href="/search/100%/">bare %</a>',
    })
    expect(brokenInternalLinks(root)).toEqual([
      { page: 'index.html', link: '/topics/%E4%BA/' },
      { page: 'index.html', link: '/search/100%/' },
    ])
  })

  it('checks only the pages it is given, against the files it is given', () => {
    const root = site({ 'a.html': '<a href="/b.html">b</a>', 'c.html': '<a href="/nope.html">x</a>' })
    expect(brokenInternalLinks(root, ['a.html'], new Set(['a.html', 'b.html']))).toEqual([])
    expect(brokenInternalLinks(root, ['a.html'], new Set(['a.html']))).toEqual([
      { page: 'a.html', link: '/b.html' },
    ])
  })
})
