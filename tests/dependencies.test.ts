/**
 * What a change of content reaches (site/src/lib/dependencies.ts), without a build: the keys a changed
 * document gives, and the pages of an index that depend on them (site/src/lib/static-paths.ts).
 */
import { describe, expect, it } from 'vitest'

import type { DependencyIndex } from '../site/integrations/dependency-index'
import { changedKeys, docState, recording, tracked } from '../site/src/lib/dependencies'

const article = (slug: string, changes: Record<string, unknown> = {}) => ({
  slug,
  title: `标题${slug}`,
  publishedAt: '2024-01-01T00:00:00.000Z',
  channel: 'dongtai',
  topics: ['jineng'],
  regions: ['wuxi'],
  enterprises: [],
  ...changes,
})
const states = (...docs: ReturnType<typeof article>[]) =>
  new Map(docs.map((doc) => [`articles/${doc.slug}`, docState('articles', doc)]))
const noNeighbours = () => []

describe('a changed document', () => {
  it('reaches only its own key when it stays in the same lists and place (a new title)', () => {
    const before = Object.fromEntries(states(article('a'), article('b')))
    const keys = changedKeys(before, states(article('a', { title: '新标题' }), article('b')), noNeighbours)
    expect([...keys]).toEqual(['articles/a'])
  })

  it('reaches the lists it left and joined, and its new neighbours, when it moves', () => {
    const before = Object.fromEntries(states(article('a'), article('b')))
    const after = states(
      article('a', { regions: ['suzhou'], publishedAt: '2025-01-01T00:00:00.000Z' }),
      article('b'),
    )
    const keys = changedKeys(before, after, (slug) => (slug === 'a' ? ['b'] : []))
    expect(keys).toEqual(
      new Set([
        'articles/a',
        'articles.*',
        'articles.channel=dongtai',
        'articles.topics=jineng',
        'articles.regions=wuxi',
        'articles.regions=suzhou',
        'neighbours/b',
      ]),
    )
  })

  it('reaches, added or removed, its lists; nothing else changed reaches nothing', () => {
    const before = Object.fromEntries(states(article('a'), article('b')))
    expect(changedKeys(before, states(article('a')), noNeighbours)).toEqual(
      new Set([
        'articles/b',
        'articles.*',
        'articles.channel=dongtai',
        'articles.topics=jineng',
        'articles.regions=wuxi',
      ]),
    )
    expect(changedKeys(before, states(article('a'), article('b')), noNeighbours).size).toBe(0)
  })
})

describe('recording', () => {
  it("records the documents a page's props read, and nothing read outside a page", () => {
    const a = tracked('articles', 'a', article('a'))
    const b = tracked('articles', 'b', article('b'))
    void a.title // outside a page: not recorded anywhere
    const { value, keys } = recording(() => ({ title: a.title, count: 2 }))
    expect(value.title).toBe('标题a')
    expect(keys).toEqual(['articles/a'])
    expect(recording(() => b.slug).keys).toEqual(['articles/b'])
  })

  it('gives the pages of an index that depend on a key', async () => {
    const { affectedPages } = await import('../site/src/lib/static-paths')
    const index: DependencyIndex = {
      keys: ['articles/a', 'articles.*', 'articles/b'],
      docs: {},
      pages: { 'articles/a/index.html': [0], 'articles/index.html': [0, 1, 2], 'articles/b/index.html': [2] },
    }
    expect(affectedPages(index, new Set(['articles/a']))).toEqual(
      new Set(['articles/a/index.html', 'articles/index.html']),
    )
  })
})
