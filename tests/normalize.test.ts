import { describe, expect, it } from 'vitest'

import { regionSchema } from '../content-schema/portal'
import { normalizeContent, type RawContent } from '../scripts/pull/normalize'

const empty: RawContent = {
  articles: [],
  regions: [],
  enterprises: [],
  indicators: [],
  metrics: [],
  channels: [],
  topics: [],
  media: [],
}

describe('normalizeContent', () => {
  it('treats a field the editor cleared ("") as not given, so the portal schema accepts it', () => {
    const region = {
      id: 'r1',
      name: '测试镇',
      slug: 'ceshi-zhen',
      level: 'town',
      adminCode: '',
      pilotDesignation: '',
      summary: null,
      _status: 'published',
      updatedAt: '2026-11-21T00:00:00.000Z',
      createdAt: '2026-11-21T00:00:00.000Z',
    }
    const content = normalizeContent(
      { ...empty, regions: [region] } as unknown as RawContent,
      () => {},
      () => '',
    )
    expect(content.regions[0]).not.toHaveProperty('adminCode', '')
    expect(regionSchema.safeParse(content.regions[0]).success).toBe(true)
  })

  it('converts a body again when a document it links to resolves differently, and only then', () => {
    const paragraph = (children: unknown[]) => ({ type: 'paragraph', version: 1, children })
    const text = (t: string) => ({ type: 'text', version: 1, text: t, format: 0 })
    const body = {
      root: {
        type: 'root',
        version: 1,
        children: [
          paragraph([
            {
              type: 'link',
              version: 1,
              fields: { linkType: 'internal', doc: { relationTo: 'regions', value: 'r1' } },
              children: [text('柳市镇')],
            },
          ]),
        ],
      },
    }
    const at = '2026-11-21T00:00:00.000Z'
    const region = (slug: string) => ({
      id: 'r1',
      name: '柳市镇',
      slug,
      level: 'town',
      updatedAt: at,
      createdAt: at,
    })
    const article = {
      id: 'a1',
      title: '文章',
      slug: 'wenzhang',
      body,
      publishedAt: at,
      updatedAt: at,
      createdAt: at,
    }
    const pull = (slug: string, warnings: string[] = []) =>
      normalizeContent(
        { ...empty, articles: [article], regions: [region(slug)] } as unknown as RawContent,
        (m) => warnings.push(m),
        () => '',
      ).articles[0]!.bodyHtml
    expect(pull('liushi-zhen')).toContain('href="/regions/liushi-zhen/"')
    expect(pull('liushi-zhen')).toContain('href="/regions/liushi-zhen/"')
    expect(pull('liushi')).toContain('href="/regions/liushi/"')
    // Unpublished: the words stay, the link goes, and the warning is given each time, converted or not.
    for (let i = 0; i < 2; i++) {
      const warnings: string[] = []
      const html = normalizeContent(
        { ...empty, articles: [article] } as unknown as RawContent,
        (m) => warnings.push(m),
        () => '',
      ).articles[0]!.bodyHtml
      expect(html).not.toContain('href')
      expect(warnings.join()).toMatch(/regions\/r1/)
    }
  })
})
