import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedDemoContent } from '../scripts/seed/index'
import { startTestCms, type TestCms } from './helpers/cms'

let cms: TestCms
const collections = [
  'regions',
  'enterprises',
  'indicators',
  'articles',
  'metrics',
  'channels',
  'topics',
] as const

async function counts() {
  const result: Record<string, number> = {}
  for (const collection of collections) {
    result[collection] = (await cms.payload.count({ collection })).totalDocs
  }
  return result
}

/** The plain text of a Lexical rich-text value. */
const plainText = (node: unknown): string => {
  if (!node || typeof node !== 'object') return ''
  const { text, children, root } = node as { text?: string; children?: unknown[]; root?: unknown }
  return (text ?? '') + (root ? plainText(root) : '') + (children ?? []).map(plainText).join('')
}

beforeAll(async () => {
  cms = await startTestCms()
  await seedDemoContent(cms.payload)
})
afterAll(() => cms?.close())

describe('demo content', () => {
  it('loads the places, enterprises, figures and articles the product promises', async () => {
    const loaded = await counts()
    expect(loaded.enterprises).toBeGreaterThanOrEqual(15)
    expect(loaded.metrics).toBeGreaterThanOrEqual(40)
    const published = await cms.payload.count({
      collection: 'articles',
      where: { _status: { equals: 'published' } },
    })
    expect(published.totalDocs).toBeGreaterThanOrEqual(6)
    for (const name of [
      '江苏省',
      '苏州市',
      '苏州工业园区',
      '浙江省',
      '温州市',
      '乐清市',
      '柳市镇',
      '泰州市',
      '姜堰区',
      '无锡市',
    ]) {
      expect(
        (await cms.payload.count({ collection: 'regions', where: { name: { equals: name } } })).totalDocs,
        name,
      ).toBe(1)
    }
  })

  it('builds the region tree 江苏省 › 苏州市 › 苏州工业园区', async () => {
    const { docs } = await cms.payload.find({
      collection: 'regions',
      where: { slug: { equals: 'suzhou-gongye-yuanqu' } },
      depth: 2,
    })
    const park = docs[0] as { name: string; parent: { name: string; parent: { name: string } } }
    expect([park.name, park.parent.name, park.parent.parent.name]).toEqual([
      '苏州工业园区',
      '苏州市',
      '江苏省',
    ])
  })

  it('gives every figure an indicator, a source article and an evidence phrase found in that article', async () => {
    const { docs } = await cms.payload.find({ collection: 'metrics', limit: 0, depth: 1 })
    for (const metric of docs) {
      const article = metric.sourceArticle as { body?: unknown; title: string }
      expect(typeof metric.indicator, metric.title ?? '').toBe('object')
      expect(plainText(article.body), `${metric.title} in ${article.title}`).toContain(metric.evidence)
    }
  })

  it('stores figures in base units and prints them the Chinese way', async () => {
    const { docs } = await cms.payload.find({
      collection: 'metrics',
      where: { figureText: { equals: '70.06万人次' } },
    })
    expect(docs[0]).toMatchObject({ value: 700600, unit: '人次', display: '70.06万人次' })
  })

  it('keeps the draft article a draft', async () => {
    const drafts = await cms.payload.count({
      collection: 'articles',
      where: { _status: { equals: 'draft' } },
    })
    expect(drafts.totalDocs).toBeGreaterThanOrEqual(1)
  })

  it('creates no duplicates when seeded again', async () => {
    const before = await counts()
    const ids = (await cms.payload.find({ collection: 'metrics', limit: 0, depth: 0 })).docs
      .map((d) => d.id)
      .sort()
    await seedDemoContent(cms.payload)
    expect(await counts()).toEqual(before)
    const after = (await cms.payload.find({ collection: 'metrics', limit: 0, depth: 0 })).docs
      .map((d) => d.id)
      .sort()
    expect(after).toEqual(ids)
  })
})
