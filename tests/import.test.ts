import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { CollectionSlug } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { decodePage } from '../cms/lib/import/decode'
import { ImportError } from '../cms/lib/import/errors'
import { type LabelledFigure, figuresOnPage, scoreFigures, totalScore } from '../scripts/import/evaluate'
import { type ExtractedArticle, extractArticles } from '../cms/lib/import/extract'
import { type ImportResult, importReport } from '../cms/lib/import/importer'
import { seedDemoContent } from '../scripts/seed/index'
import { startTestCms, type TestCms } from './helpers/cms'

const FIXTURES = fileURLToPath(new URL('./fixtures/import/', import.meta.url))
const bytesOf = (name: string) => fs.readFileSync(path.join(FIXTURES, name))
const pageOf = (name: string) => extractArticles(decodePage(bytesOf(name)).text)
const textOf = (article: ExtractedArticle) => [article.title, ...article.paragraphs].join('\n')
const labelsOf = (page: string): LabelledFigure[] =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES, page.replace(/\.[a-z]+$/, '.figures.json')), 'utf8'))

/** The pages that are articles, each with a labelled list of the figures it contains. */
const ARTICLE_PAGES = [
  'portal-traditional.shtml',
  'forum-thread.txt',
  'news-credits.shtml',
  'digest.txt',
  'gbk-news.shtml',
]

/** Navigation, forum furniture, share bars, footers, spam and credits that must never reach the text. */
const CHROME = [
  '您当前的位置',
  '您當前的位置',
  '首頁',
  '首页',
  '閱讀量',
  '点击数',
  '分享到',
  '微信',
  'QQ空間',
  '登錄',
  '立即注册',
  '找回密码',
  '回复',
  '使用道具',
  '举报',
  '返回顶部',
  '楼主',
  '只看该作者',
  '沙发',
  '写得好',
  '本文由楼主',
  '禁止转载',
  'Powered by',
  'Discuz',
  'GMT+8',
  '版權所有',
  '版权所有',
  'ICP',
  '相關新聞',
  '相关新闻',
  '熱點推薦',
  '打印',
  '毛片',
  '一区二区',
  '在线观看',
  '人妻',
  '张晓东 摄',
  '王海 摄',
  '原文链接',
  '责任编辑',
  '无锡工会网',
]

describe('reading saved pages', () => {
  it('decodes a GBK page, by its declared charset and by detection when it declares none', () => {
    const bytes = bytesOf('gbk-news.shtml')
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow()
    const declared = decodePage(bytes)
    expect(declared).toMatchObject({ encoding: 'GB18030', decidedBy: 'declared' })
    expect(declared.text).toContain('全市完成补贴性职业技能培训70.06万人次')

    const undeclared = Buffer.from(
      Buffer.from(bytes)
        .toString('latin1')
        .replace(/<meta[^>]*charset[^>]*>/i, ''),
      'latin1',
    )
    const detected = decodePage(undeclared)
    expect(detected.decidedBy).toBe('detected')
    expect(detected.text).toContain('新增高技能人才1.36万人')
  })

  it('keeps navigation, forum chrome, footers and spam out of the article text', () => {
    for (const name of ARTICLE_PAGES) {
      for (const article of pageOf(name).articles) {
        const text = textOf(article)
        expect(text.length, name).toBeGreaterThan(40)
        for (const chrome of CHROME) expect(text, `${name}: ${chrome}`).not.toContain(chrome)
      }
    }
  })

  it('reads title, date, source, byline, photographer, editor and original address', () => {
    const portal = pageOf('portal-traditional.shtml')
    expect(portal.traditional).toBe(true)
    expect(portal.articles[0]).toMatchObject({
      title: '蘇州工業園區：社會組織唱主角 產改服務進班組',
      publishedAt: '2023-07-28T10:30:00+08:00',
      source: '園區工會',
      authors: [
        { name: '周明遠', role: 'reporter' },
        { name: '林曉', role: 'correspondent' },
      ],
      originalUrl: 'https://www.example.org.cn/cgzz/tszs/2023/0728/1056.shtml',
    })
    // The page keeps its own characters.
    expect(portal.articles[0].paragraphs[1]).toContain('會員60餘萬人')

    expect(pageOf('forum-thread.txt').articles[0]).toMatchObject({
      title: '乐清柳市：“四大工程”让产业工人干有奔头 学有门路',
      publishedAt: '2021-12-23T09:15:00+08:00',
      source: '今日柳市',
      photographers: ['张晓东'],
    })
    expect(pageOf('news-credits.shtml').articles[0]).toMatchObject({
      title: '姜堰：三个联盟把产改做实',
      publishedAt: '2022-12-06T09:12:00+08:00',
      source: '泰州日报',
      authors: [
        { name: '刘振华', role: 'reporter' },
        { name: '陈思雨', role: 'correspondent' },
      ],
      photographers: ['王海'],
      editor: '赵敏',
      originalUrl: 'https://www.example.cn/news/2022/1206/56789.html',
    })
    expect(pageOf('gbk-news.shtml').articles[0]).toMatchObject({
      title: '无锡多部门联动 为产业工人技能提升提速',
      publishedAt: '2021-08-30',
      source: '无锡日报',
      authors: [{ name: '钱振宇', role: 'correspondent' }],
    })
  })

  it('splits a digest into its items, each with its own headline and byline, and no date', () => {
    const digest = pageOf('digest.txt')
    expect(digest.digest).toBe(true)
    expect(digest.articles.map((a) => [a.title, a.authors])).toEqual([
      ['锡山区职工技能竞赛 吸引上千名职工参赛', [{ name: '李文涛', role: 'reporter' }]],
      ['华润微电子工会 办起线上读书月', [{ name: '吴静', role: 'author' }]],
      ['周庄镇总工会 帮一线职工圆学历梦', [{ name: '庞一鸣', role: 'author' }]],
      ['周铁镇爱心驿站 为环卫工人送清凉', [{ name: '董思远', role: 'author' }]],
    ])
    for (const article of digest.articles) expect(article.publishedAt).toBeUndefined()
    expect(digest.articles[1].paragraphs.join('')).toContain('直播点击量达3.93万人次')
    expect(digest.articles[1].paragraphs.join('')).not.toContain('周庄镇')
    expect(digest.articles[2].paragraphs.at(-1)).toMatch(/报名中专学历提升班。$/)
  })

  it('finds the labelled figures (precision and recall) and reads changes and qualifiers right', () => {
    const scores = ARTICLE_PAGES.map((name) => {
      const score = scoreFigures(figuresOnPage(decodePage(bytesOf(name)).text), labelsOf(name))
      console.log(
        `figures in ${name}: ${score.correct} right of ${score.found} found, ${score.labelled} labelled` +
          (score.missed.length ? `; missed ${score.missed.map((m) => m.phrase).join(' ')}` : '') +
          (score.spurious.length ? `; wrong ${score.spurious.map((s) => s.phrase).join(' ')}` : ''),
      )
      return score
    })
    const total = totalScore(scores)
    console.log(
      `figure extraction on the fixtures: precision ${total.precision.toFixed(3)}, recall ${total.recall.toFixed(3)} ` +
        `(${total.correct} right, ${total.found} found, ${total.labelled} labelled)`,
    )
    expect(total.precision).toBeGreaterThanOrEqual(0.9)
    expect(total.recall).toBeGreaterThanOrEqual(0.9)

    const news = figuresOnPage(decodePage(bytesOf('news-credits.shtml')).text)
    expect(news.find((f) => f.phrase === '71.4%')).toMatchObject({
      figureText: '同比下降71.4%',
      figure: { value: -71.4, unit: '%', comparison: 'yoy' },
    })
    const portal = figuresOnPage(decodePage(bytesOf('portal-traditional.shtml')).text)
    expect(portal.find((f) => f.phrase === '2000餘萬元')?.figure).toEqual({
      value: 20000000,
      unit: '元',
      qualifier: 'more',
      comparison: 'none',
    })
  })

  it('refuses an empty file and a page that is not an article, in Chinese', () => {
    expect(() => pageOf('empty.txt')).toThrow(ImportError)
    expect(() => pageOf('login.shtml')).toThrow(/没有找到文章正文/)
  })
})

describe('importing into the CMS', () => {
  let cms: TestCms
  const results = new Map<string, ImportResult>()
  const COLLECTIONS: CollectionSlug[] = ['articles', 'metrics', 'regions', 'enterprises', 'imports']

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        COLLECTIONS.map(async (c) => [c, (await cms.payload.count({ collection: c })).totalDocs]),
      ),
    )
  const run = (name: string) => importReport(cms.payload, { fileName: name, bytes: bytesOf(name) })
  const idOf = async (collection: 'regions' | 'enterprises' | 'indicators', name: string) => {
    const { docs } = await cms.payload.find({
      collection,
      where: { name: { equals: name } },
      draft: true,
      limit: 1,
    })
    return docs[0]?.id
  }
  const metricOf = async (page: string, figureText: string) => {
    const figure = results.get(page)!.figures.find((f) => f.figureText === figureText)!
    return cms.payload.findByID({ collection: 'metrics', id: figure.id, draft: true, depth: 0 })
  }

  beforeAll(async () => {
    cms = await startTestCms()
    await seedDemoContent(cms.payload)
    for (const name of ARTICLE_PAGES) results.set(name, await run(name))
  })
  afterAll(() => cms?.close())

  it('writes every article and figure as a draft, with an import record', async () => {
    for (const [name, result] of results) {
      expect(result.status, name).toBe('drafted')
      for (const { id } of result.articles) {
        const article = await cms.payload.findByID({ collection: 'articles', id, draft: true })
        expect(article._status, name).toBe('draft')
      }
      const metrics = await cms.payload.find({
        collection: 'metrics',
        where: { sourceArticle: { in: result.articles.map((a) => a.id) } },
        draft: true,
        limit: 0,
      })
      expect(metrics.totalDocs, name).toBe(result.metrics.total)
      expect(metrics.docs.every((m) => m._status === 'draft')).toBe(true)
      const record = await cms.payload.findByID({ collection: 'imports', id: result.importId })
      expect(record.fileName).toBe(name)
      expect(record.documents?.length).toBeGreaterThanOrEqual(result.articles.length + result.metrics.total)
    }
    expect(results.get('digest.txt')!.articles).toHaveLength(4)
  })

  it('fills in the figure, its place, period, indicator and the phrase it came from', async () => {
    const jiangyan = await metricOf('news-credits.shtml', '2097人')
    expect(jiangyan).toMatchObject({
      value: 2097,
      unit: '人',
      qualifier: 'exact',
      indicator: await idOf('indicators', '新增高技能人才'),
      region: await idOf('regions', '姜堰区'),
      period: { kind: 'cumulative', label: '三年来累计' },
      evidence: '新增高技能人才2097人',
    })
    const wuxi = await metricOf('gbk-news.shtml', '70.06万人次')
    expect(wuxi).toMatchObject({
      value: 700600,
      unit: '人次',
      display: '70.06万人次',
      region: await idOf('regions', '无锡市'),
      period: { kind: 'partOfYear', label: '今年上半年' },
    })
    expect(wuxi.period?.start?.slice(0, 10)).toBe('2021-01-01')
    expect(wuxi.period?.end?.slice(0, 10)).toBe('2021-06-30')

    // Every evidence phrase is in the article it links to, as the page wrote it.
    const { docs } = await cms.payload.find({
      collection: 'metrics',
      where: { _status: { equals: 'draft' } },
      draft: true,
      limit: 0,
      depth: 1,
    })
    for (const metric of docs) {
      const article = metric.sourceArticle as { body?: unknown }
      expect(JSON.stringify(article.body)).toContain(JSON.stringify(metric.evidence).slice(1, -1))
    }
  })

  it('links names to existing regions and enterprises, short forms and traditional characters included', async () => {
    const bosch = await idOf('enterprises', '博世汽车部件(苏州)有限公司')
    const park = await idOf('regions', '苏州工业园区')
    // 博世汽車每年拿出300萬元經費: short name, traditional characters.
    expect(await metricOf('portal-traditional.shtml', '300万元')).toMatchObject({
      enterprise: bosch,
      region: park,
    })
    const portal = await cms.payload.findByID({
      collection: 'articles',
      id: results.get('portal-traditional.shtml')!.articles[0].id,
      draft: true,
      depth: 0,
    })
    expect(portal.enterprises).toContain(bosch)
    expect(portal.regions).toContain(park)
    // 柳市是“中国电器之都”，全镇工业企业15580家: 柳市 is 柳市镇.
    expect(await metricOf('forum-thread.txt', '15580家')).toMatchObject({
      region: await idOf('regions', '柳市镇'),
    })
    expect(results.get('forum-thread.txt')!.enterprises.matched).toContain('德力西控股集团有限公司')
  })

  it('proposes unknown regions and enterprises as drafts, and flags a likely typo instead', async () => {
    const forum = results.get('forum-thread.txt')!
    expect(forum.enterprises.proposed).toEqual(['温州明远电器有限公司'])
    expect(forum.flags).toEqual(['疑似笔误：“黄花集团有限公司”，是否为“黄华集团有限公司”？'])
    expect(await idOf('enterprises', '黄花集团有限公司')).toBeUndefined()
    const proposed = await cms.payload.find({
      collection: 'enterprises',
      where: { name: { equals: '温州明远电器有限公司' } },
      draft: true,
    })
    expect(proposed.docs[0]?._status).toBe('draft')

    const town = await cms.payload.find({
      collection: 'regions',
      where: { name: { equals: '张甸镇' } },
      draft: true,
    })
    expect(town.docs[0]).toMatchObject({ level: 'town', _status: 'draft' })

    const record = await cms.payload.findByID({ collection: 'imports', id: forum.importId })
    expect(record.notes?.find((n) => n.kind === 'typo')?.message).toBe(
      '疑似笔误：“黄花集团有限公司”，是否为“黄华集团有限公司”？',
    )
  })

  it('marks what it is unsure of for the editor instead of filling it in silently', async () => {
    const digest = results.get('digest.txt')!
    const record = await cms.payload.findByID({ collection: 'imports', id: digest.importId })
    const reviewNotes = record.notes?.filter((n) => n.kind === 'review') ?? []
    expect(reviewNotes).toHaveLength(digest.metrics.needsReview)
    // The digest has no date, so 今年 cannot be resolved: said, not guessed.
    const thisYear = digest.figures.find((f) => f.figureText === '1260人次')!
    expect(thisYear.review.join()).toContain('页面没有发布日期')
    expect((await metricOf('digest.txt', '1260人次')).period?.start).toBeFalsy()
    // What the page does not say about the article itself is listed too, and nothing when it says it all.
    const portal = results.get('portal-traditional.shtml')!
    expect(portal.notes.filter((n) => n.kind === 'missing')).toEqual([])
    expect(record.notes?.filter((n) => n.kind === 'missing').map((n) => n.message)).toContain(
      '页面没有发布日期，请补上',
    )
  })

  it('updates the same drafts when a page is imported again', async () => {
    const before = await counts()
    for (const name of ARTICLE_PAGES) {
      const again = await run(name)
      expect(again.status, name).toBe('updated')
      expect(again.articles.map((a) => a.id)).toEqual(results.get(name)!.articles.map((a) => a.id))
      expect(again.metrics.created, name).toBe(0)
      expect(again.importId).toBe(results.get(name)!.importId)
    }
    expect(await counts()).toEqual(before)
  })

  it('imports a report out of a PDF about a city new to the catalogue: the city is proposed under its province and gets its figures', async () => {
    const bytes = fs.readFileSync(
      fileURLToPath(new URL('./fixtures/import-corpus/tuned/01-changzhou-pdf.txt', import.meta.url)),
    )
    const result = await importReport(cms.payload, { fileName: 'changzhou.txt', bytes })
    expect(result.regions.proposed).toEqual(['常州市'])
    const city = await cms.payload.findByID({
      collection: 'regions',
      id: (await idOf('regions', '常州市'))!,
      draft: true,
      depth: 0,
    })
    expect(city.parent).toBe(await idOf('regions', '江苏省'))
    expect(result.figures.map((f) => [f.figureText, f.region])).toEqual([
      ['36个', '常州市'],
      ['50余项', '常州市'],
      ['12.6万人次', '常州市'],
      ['1.8万人', '常州市'],
      ['超过30万人次', '常州市'],
      ['420家', '常州市'],
      ['2.1万余家', '常州市'],
      ['5.2亿元', '常州市'],
      ['约1100万人', '江苏省'],
    ])
    const metric = await cms.payload.findByID({
      collection: 'metrics',
      id: result.figures[0].id,
      draft: true,
      depth: 0,
    })
    expect(metric.region).toBe(city.id)
    const article = await cms.payload.findByID({
      collection: 'articles',
      id: result.articles[0].id,
      draft: true,
    })
    expect(article.authors?.map((a) => a.name)).toEqual(['常州市产业工人队伍建设改革联席会议办公室'])
  })

  it('says a report is already in the CMS, links it and writes no second copy unless asked', async () => {
    // The forum report saved again from another site: same title, one sentence longer.
    const resaved = Buffer.from(
      String(bytesOf('forum-thread.txt')).replace('共培训职工3200人次。', '共培训职工3200人次，反响良好。'),
    )
    // The 姜堰 report under another headline, at the same original address.
    const retitled = Buffer.from(
      String(bytesOf('news-credits.shtml')).replaceAll('三个联盟把产改做实', '三个联盟让产改落地见效'),
    )
    // …and again from a site that writes half-width punctuation in its titles (乐清柳市:"四大工程"…).
    const repunctuated = Buffer.from(
      String(bytesOf('forum-thread.txt')).replace('乐清柳市：“四大工程”', '乐清柳市:"四大工程"'),
    )
    const before = await counts()
    for (const [name, bytes, original, how] of [
      ['resaved.txt', resaved, 'forum-thread.txt', '标题相同、正文基本一致'],
      ['repunctuated.txt', repunctuated, 'forum-thread.txt', '标题相同、正文基本一致'],
      ['retitled.shtml', retitled, 'news-credits.shtml', '原文地址相同'],
    ] as const) {
      const result = await importReport(cms.payload, { fileName: name, bytes })
      const existing = results.get(original)!.articles[0]
      expect(result.articles, name).toEqual([{ id: existing.id, title: existing.title, action: 'existing' }])
      expect(result.figures, name).toEqual([])
      const note = result.notes.find((n) => n.document?.collection === 'articles')!
      expect(note.message, name).toContain(`这篇报道已在系统中（${how}）`)
      expect(note.document, name).toEqual({ collection: 'articles', id: existing.id })
    }
    // Nothing but the three import records was written.
    expect(await counts()).toEqual({ ...before, imports: before.imports + 3 })

    const copy = await importReport(cms.payload, { fileName: 'copy.txt', bytes: resaved }, { again: true })
    expect(copy.articles[0].action).toBe('created')
    expect(copy.metrics.created).toBeGreaterThan(0)
  })

  it('refuses an empty file and a page that is not an article, creating nothing', async () => {
    const before = await counts()
    for (const [name, message] of [
      ['empty.txt', /文件是空的/],
      ['login.shtml', /没有找到文章正文/],
    ] as const) {
      const error = await run(name).catch((e: unknown) => e)
      expect(error, name).toBeInstanceOf(ImportError)
      expect((error as Error).message).toMatch(message)
    }
    expect(await counts()).toEqual(before)
  })

  it('leaves nothing behind when a write fails halfway through an import', async () => {
    const before = await counts()
    // A new version of the forum report, imported as a copy on purpose: a different page, so every draft is new.
    const page = Buffer.from(
      String(bytesOf('forum-thread.txt')).replace(
        '共培训职工3200人次。',
        '共培训职工3200人次，今年又新增基地2家。',
      ),
    )
    const create = cms.payload.create.bind(cms.payload)
    let calls = 0
    const spy = vi.spyOn(cms.payload, 'create').mockImplementation(((args: Parameters<typeof create>[0]) => {
      if (++calls > 3) throw new Error('磁盘已满')
      return create(args)
    }) as typeof create)
    try {
      await expect(
        importReport(cms.payload, { fileName: 'again.txt', bytes: page }, { again: true }),
      ).rejects.toThrow('磁盘已满')
    } finally {
      spy.mockRestore()
    }
    expect(calls).toBeGreaterThan(3)
    expect(await counts()).toEqual(before)
  })

  it('publishes nothing: anonymous readers see none of the imported drafts', async () => {
    const ids = [...results.values()].flatMap((r) => r.articles.map((a) => a.id))
    const articles = await cms.payload.find({
      collection: 'articles',
      where: { id: { in: ids } },
      overrideAccess: false,
    })
    expect(articles.totalDocs).toBe(0)
    const metrics = await cms.payload.find({
      collection: 'metrics',
      where: { sourceArticle: { in: ids } },
      overrideAccess: false,
    })
    expect(metrics.totalDocs).toBe(0)
    const proposals = await cms.payload.find({
      collection: 'enterprises',
      where: { name: { equals: '温州明远电器有限公司' } },
      overrideAccess: false,
    })
    expect(proposals.totalDocs).toBe(0)
  })
})
