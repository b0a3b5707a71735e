import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestCms, validationMessages, type TestCms } from './helpers/cms'

let cms: TestCms
let ids: { people: string; share: string; region: string; article: string }

beforeAll(async () => {
  cms = await startTestCms()
  const { payload } = cms
  const published = { _status: 'published' as const }
  const create = async (collection: 'indicators' | 'regions' | 'articles', data: Record<string, unknown>) =>
    String((await payload.create({ collection, data: { ...data, ...published } as never })).id)
  ids = {
    people: await create('indicators', { name: '新增高技能人才', kind: 'count', canonicalUnit: '人' }),
    share: await create('indicators', { name: '非公企业工会占比', kind: 'share', canonicalUnit: '%' }),
    region: await create('regions', { name: '无锡市', level: 'city', adminCode: '320200' }),
    article: await create('articles', { title: '无锡技能提升报道' }),
  }
})
afterAll(() => cms?.close())

const metric = (overrides: Record<string, unknown>) => ({
  indicator: ids.people,
  region: ids.region,
  sourceArticle: ids.article,
  evidence: '新增高技能人才1.36万人',
  period: { kind: 'partOfYear', label: '2021年上半年', start: '2021-01-01', end: '2021-06-30' },
  value: 13600,
  unit: '人',
  ...overrides,
})

/** Runs a save that must fail, and returns its messages after checking the collection did not change. */
async function rejectedMessages(collection: 'metrics' | 'regions', save: () => Promise<unknown>) {
  const before = await cms.payload.find({ collection, limit: 0, depth: 0, draft: true })
  const error = await save().then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, 'the save should have been refused').toBeDefined()
  const after = await cms.payload.find({ collection, limit: 0, depth: 0, draft: true })
  expect(after.docs).toEqual(before.docs)
  return validationMessages(error).join(' | ')
}

describe('figures (metrics)', () => {
  it('stores a figure typed the Chinese way in base units and prints it back', async () => {
    const doc = await cms.payload.create({
      collection: 'metrics',
      data: metric({ value: undefined, unit: undefined, figureText: '1.36万人' }) as never,
    })
    expect(doc).toMatchObject({
      value: 13600,
      unit: '人',
      qualifier: 'exact',
      comparison: 'none',
      display: '1.36万人',
    })
    expect(doc.title).toBe('无锡市 · 新增高技能人才 · 1.36万人')
  })

  it('refuses a value that is not a number', async () => {
    const messages = await rejectedMessages('metrics', () =>
      cms.payload.create({ collection: 'metrics', data: metric({ value: '一万多' }) as never }),
    )
    expect(messages).toContain('不是数字')
  })

  it('refuses figure text it cannot read instead of guessing', async () => {
    const messages = await rejectedMessages('metrics', () =>
      cms.payload.create({ collection: 'metrics', data: metric({ figureText: '很多人' }) as never }),
    )
    expect(messages).toMatch(/无法识别/)
  })

  it('refuses a unit that does not fit the indicator (人次 is not 人)', async () => {
    const messages = await rejectedMessages('metrics', () =>
      cms.payload.create({ collection: 'metrics', data: metric({ unit: '人次' }) as never }),
    )
    expect(messages).toContain('单位「人次」与指标「新增高技能人才」的标准单位「人」不相符')
  })

  it('accepts 名 for an indicator counted in 人', async () => {
    const doc = await cms.payload.create({
      collection: 'metrics',
      data: metric({ unit: '名', value: 2857 }) as never,
    })
    expect(doc.display).toBe('2857名')
  })

  it('refuses a share above 100%', async () => {
    const messages = await rejectedMessages('metrics', () =>
      cms.payload.create({
        collection: 'metrics',
        data: metric({ indicator: ids.share, unit: '%', value: 120 }) as never,
      }),
    )
    expect(messages).toContain('占比应在0%到100%之间')
  })

  it('allows a decrease against last year, which is not a share', async () => {
    const doc = await cms.payload.create({
      collection: 'metrics',
      data: metric({ indicator: ids.share, figureText: '同比下降60%' }) as never,
    })
    expect(doc).toMatchObject({ value: -60, unit: '%', comparison: 'yoy', display: '同比下降60%' })
  })

  it('refuses a period that ends before it starts', async () => {
    const messages = await rejectedMessages('metrics', () =>
      cms.payload.create({
        collection: 'metrics',
        data: metric({
          period: { kind: 'cumulative', label: '三年来', start: '2022-01-01', end: '2020-12-31' },
        }) as never,
      }),
    )
    expect(messages).toContain('结束日期不能早于开始日期')
  })

  it('leaves a stored figure unchanged when an update is refused', async () => {
    const doc = await cms.payload.create({ collection: 'metrics', data: metric({ value: 2097 }) as never })
    await rejectedMessages('metrics', () =>
      cms.payload.update({ collection: 'metrics', id: doc.id, data: { unit: '人次' } as never }),
    )
    const stored = await cms.payload.findByID({ collection: 'metrics', id: doc.id, depth: 0 })
    expect(stored).toMatchObject({ value: 2097, unit: '人' })
  })
})

describe('regions', () => {
  it('refuses an administrative code that is not 6 digits', async () => {
    const messages = await rejectedMessages('regions', () =>
      cms.payload.create({
        collection: 'regions',
        data: { name: '锡山区', level: 'county', adminCode: '32020' },
      }),
    )
    expect(messages).toContain('行政区划代码「32020」必须是6位数字')
  })

  it('refuses a region as its own parent or ancestor', async () => {
    const { payload } = cms
    const province = await payload.create({
      collection: 'regions',
      data: { name: '江苏省', level: 'province' },
    })
    const city = await payload.create({
      collection: 'regions',
      data: { name: '苏州市', level: 'city', parent: province.id },
    })
    const park = await payload.create({
      collection: 'regions',
      data: { name: '苏州工业园区', level: 'park', parent: city.id },
    })

    const self = await rejectedMessages('regions', () =>
      payload.update({ collection: 'regions', id: province.id, data: { parent: province.id } }),
    )
    expect(self).toContain('上级地区不能是本地区自己')
    const loop = await rejectedMessages('regions', () =>
      payload.update({ collection: 'regions', id: province.id, data: { parent: park.id } }),
    )
    expect(loop).toContain('会形成循环')
    expect((await payload.findByID({ collection: 'regions', id: province.id, depth: 0 })).parent).toBeFalsy()
  })

  it('generates pinyin slugs, unique within the collection', async () => {
    const { payload } = cms
    const first = await payload.create({ collection: 'regions', data: { name: '姜堰区', level: 'county' } })
    const second = await payload.create({ collection: 'regions', data: { name: '姜堰区', level: 'county' } })
    expect(first.slug).toBe('jiangyan-qu')
    expect(second.slug).toBe('jiangyan-qu-2')
  })

  it('refuses a slug already used by another region', async () => {
    const messages = await rejectedMessages('regions', () =>
      cms.payload.create({
        collection: 'regions',
        data: { name: '另一个姜堰', level: 'county', slug: 'jiangyan-qu' },
      }),
    )
    expect(messages).toContain('链接名「jiangyan-qu」已被同类内容使用')
  })

  it('refuses a slug that is not lowercase pinyin', async () => {
    const messages = await rejectedMessages('regions', () =>
      cms.payload.create({
        collection: 'regions',
        data: { name: '柳市镇', level: 'town', slug: '柳市 Zhen' },
      }),
    )
    expect(messages).toContain('只能包含小写字母、数字和连字符')
  })

  it('keeps a slug when the name changes later', async () => {
    const { payload } = cms
    const doc = await payload.create({
      collection: 'regions',
      data: { name: '宜兴市', level: 'county', _status: 'published' },
    })
    const renamed = await payload.update({
      collection: 'regions',
      id: doc.id,
      data: { name: '宜兴市（县级市）' },
    })
    expect(renamed.slug).toBe(doc.slug)
  })
})
