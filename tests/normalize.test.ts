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
})
