/**
 * Bad inputs, across the fields, uploads and the importer, through the real REST and GraphQL handlers (and
 * the Local API): each is refused with its exact 4xx status and a message in Chinese, and leaves the
 * database and the media folder exactly as they were. None answers 500.
 */
import fs from 'node:fs'
import path from 'node:path'

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createStaff, graphql, startTestCms, uploadFile, type TestCms } from './helpers/cms'

let cms: TestCms
let tokens: Awaited<ReturnType<typeof createStaff>>
const ids: Record<string, string> = {}

beforeAll(async () => {
  cms = await startTestCms()
  tokens = await createStaff(cms.payload)
  const { payload } = cms
  const published = { _status: 'published' as const }
  const create = async (collection: 'indicators' | 'regions' | 'articles', data: Record<string, unknown>) =>
    String((await payload.create({ collection, data: { ...data, ...published } as never })).id)
  ids.people = await create('indicators', { name: '新增高技能人才', kind: 'count', canonicalUnit: '人' })
  ids.share = await create('indicators', { name: '非公企业工会占比', kind: 'share', canonicalUnit: '%' })
  ids.region = await create('regions', { name: '无锡市', level: 'city', adminCode: '320200' })
  ids.taken = await create('regions', { name: '姜堰区', level: 'county' })
  ids.article = await create('articles', { title: '无锡技能提升报道', slug: 'wuxi-jineng' })
}, 300_000)
afterAll(() => cms?.close())

type Answer = { status: number; messages: string[] }

/** Every message of a REST answer: the top one and each field's. */
const messagesOf = (json: unknown): string[] =>
  (
    (json as { errors?: { message?: string; data?: { errors?: { message?: string }[] } }[] })?.errors ?? []
  ).flatMap((e) => [e.message ?? '', ...(e.data?.errors ?? []).map((d) => d.message ?? '')])

/** A raw request through the real REST handler, as an editor: any body, any content type. */
async function send(method: 'POST' | 'PATCH', apiPath: string, body: string, type = 'application/json') {
  const { handleEndpoints } = await import('payload')
  const request = new Request(`http://localhost${apiPath}`, {
    method,
    headers: { 'content-type': type, authorization: `JWT ${tokens.editor}` },
    body,
  })
  const response = await handleEndpoints({ config: cms.payload.config, request })
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = { errors: [{ message: text }] }
  }
  return { status: response.status, messages: messagesOf(json) }
}

const post = (collection: string, data: unknown) => send('POST', `/api/${collection}`, JSON.stringify(data))
const patch = (collection: string, id: string, data: unknown) =>
  send('PATCH', `/api/${collection}/${id}`, JSON.stringify(data))

/** A GraphQL mutation: its status is in the error's extensions. */
async function mutation(query: string): Promise<Answer> {
  const result = await graphql(cms.payload, `mutation { ${query} }`, tokens.editor)
  const errors = (result.errors ?? []) as { message: string; extensions?: { statusCode?: number } }[]
  return {
    status: errors.length ? (errors[0]!.extensions?.statusCode ?? 500) : 200,
    messages: errors.flatMap((e) => [
      e.message,
      ...((e.extensions as { data?: { errors?: { message: string }[] } })?.data?.errors ?? []).map(
        (d) => d.message,
      ),
    ]),
  }
}

/** A Local API save: the status of what it throws. */
async function local(save: () => Promise<unknown>): Promise<Answer> {
  try {
    await save()
    return { status: 200, messages: [] }
  } catch (error) {
    const e = error as { status?: number; message: string; data?: { errors?: { message: string }[] } }
    return { status: e.status ?? 500, messages: [e.message, ...(e.data?.errors ?? []).map((d) => d.message)] }
  }
}

const upload = (
  collection: 'media' | 'saved-pages',
  file: Blob,
  name: string,
  fields: Record<string, unknown> = {},
) =>
  uploadFile(cms.payload, collection, { file, name, fields, token: tokens.editor }).then(
    ({ status, json }) => ({
      status,
      messages: messagesOf(json),
    }),
  )

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#a3150f' } })
    .png()
    .toBuffer()

const metric = (overrides: Record<string, unknown>) => ({
  indicator: ids.people,
  region: ids.region,
  sourceArticle: ids.article,
  evidence: '新增高技能人才1.36万人',
  period: { kind: 'year', label: '2021年' },
  value: 13600,
  unit: '人',
  ...overrides,
})
const article = (overrides: Record<string, unknown>) => ({ title: '一篇报道', ...overrides })
const enterprise = (overrides: Record<string, unknown>) => ({
  name: '某某精锻公司',
  region: ids.region,
  ...overrides,
})
const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`
const nestedDivs = (bytes: number) => {
  const levels = Math.floor(bytes / 11)
  return `<html><body>${'<div>'.repeat(levels)}产改${'</div>'.repeat(levels)}</body></html>`
}

/** [what, how it is sent, the status it must get, a phrase its Chinese message must contain] */
const CASES: [string, () => Promise<Answer>, number, string | RegExp][] = [
  // Articles over REST
  [
    'article: 30 February',
    () => post('articles', article({ publishedAt: '2024-02-30' })),
    400,
    '2024年2月没有30日',
  ],
  [
    'article: year 99999',
    () => post('articles', article({ publishedAt: '+099999-01-01T00:00:00.000Z' })),
    400,
    '年份「99999」',
  ],
  [
    'article: year 1800',
    () => post('articles', article({ publishedAt: '1800-01-01' })),
    400,
    '1949年到2100年',
  ],
  [
    'article: date that is no date',
    () => post('articles', article({ publishedAt: 'yesterday' })),
    400,
    '不是日期',
  ],
  [
    'article: 25 o’clock',
    () => post('articles', article({ publishedAt: '2024-05-01T25:00:00Z' })),
    400,
    '时间不对',
  ],
  [
    'article: 5,000-character slug',
    () => post('articles', article({ slug: 'a'.repeat(5000) })),
    400,
    '链接名太长',
  ],
  [
    'article: slug with spaces',
    () => post('articles', article({ slug: 'Has Spaces' })),
    400,
    '只能包含小写字母',
  ],
  ['article: slug in Chinese', () => post('articles', article({ slug: '柳市镇' })), 400, '只能包含小写字母'],
  ['article: slug taken', () => post('articles', article({ slug: 'wuxi-jineng' })), 400, '已被同类内容使用'],
  ['article: no title', () => post('articles', { summary: '没有标题' }), 400, '必填'],
  [
    'article: title of 100,000 characters',
    () => post('articles', article({ title: '字'.repeat(100_000) })),
    400,
    '最大长度',
  ],
  [
    'article: summary as an object',
    () => post('articles', article({ summary: { text: '导语' } })),
    400,
    '应是一段文字',
  ],
  [
    'article: 50,000 authors',
    () => post('articles', article({ authors: Array.from({ length: 50_000 }, () => ({ name: '记者' })) })),
    400,
    '最多200项',
  ],
  ['article: authors not a list', () => post('articles', article({ authors: '张三' })), 400, '应是一个列表'],
  [
    'article: author not an object',
    () => post('articles', article({ authors: ['张三'] })),
    400,
    '第1项应是一组字段',
  ],
  [
    'article: author without a name',
    () => post('articles', article({ authors: [{ role: 'author' }] })),
    400,
    '必填',
  ],
  [
    'article: unknown author role',
    () => post('articles', article({ authors: [{ name: '张三', role: 'boss' }] })),
    400,
    '不能是「boss」',
  ],
  ['article: unknown region id', () => post('articles', article({ regions: ['999999'] })), 400, '不存在'],
  ['article: regions not a list', () => post('articles', article({ regions: 'wuxi' })), 400, '应是一组编号'],
  [
    'article: region as an object without id',
    () => post('articles', article({ regions: [{ name: '无锡' }] })),
    400,
    '应是所引用内容的编号',
  ],
  [
    'article: unknown hero image',
    () => post('articles', article({ heroImage: 'no-such-image' })),
    400,
    '不存在',
  ],
  ['article: unknown channel', () => post('articles', article({ channel: 12345 })), 400, '不存在'],
  ['article: body as a string', () => post('articles', article({ body: 'hello' })), 400, '格式不对'],
  ['article: body without root', () => post('articles', article({ body: { root: 5 } })), 400, '格式不对'],
  [
    'article: body node without type',
    () => post('articles', article({ body: { root: { type: 'root', children: [{ text: 'x' }] } } })),
    400,
    '格式不对',
  ],
  [
    'article: body children not a list',
    () => post('articles', article({ body: { root: { type: 'root', children: 'x' } } })),
    400,
    '格式不对',
  ],
  ['article: _status bogus', () => post('articles', article({ _status: 'bogus' })), 400, '不能是「bogus」'],
  [
    'article: original URL javascript:',
    () => post('articles', article({ originalUrl: 'javascript:alert(1)' })),
    400,
    '应以 http:// 或 https:// 开头',
  ],
  // Request bodies
  [
    'request: text/plain body',
    () => send('POST', '/api/articles', '标题是产改', 'text/plain'),
    400,
    '不是一个 JSON 对象',
  ],
  ['request: JSON array', () => send('POST', '/api/articles', '[1,2]'), 400, '不是一个 JSON 对象'],
  ['request: JSON null', () => send('POST', '/api/articles', 'null'), 400, '不是一个 JSON 对象'],
  ['request: JSON string', () => send('POST', '/api/articles', '"产改"'), 400, '不是一个 JSON 对象'],
  ['request: broken JSON', () => send('POST', '/api/articles', '{"title":'), 400, '不是有效的 JSON'],
  [
    'request: JSON nested 20,000 deep',
    () => send('POST', '/api/articles', `{"title":"x","extra":${deep(20_000)}}`),
    400,
    '嵌套超过64层',
  ],
  [
    'request: body nested 20,000 deep',
    () => send('POST', '/api/articles', `{"title":"x","body":${deep(20_000)}}`),
    400,
    '嵌套超过64层',
  ],
  [
    'request: JSON with 300,000 values',
    () => post('articles', article({ extra: Array.from({ length: 300_000 }, () => 1) })),
    400,
    '过大',
  ],
  // Figures over REST
  ['figure: value "12abc"', () => post('metrics', metric({ value: '12abc' })), 400, '「12abc」不是数字'],
  ['figure: value "1,000"', () => post('metrics', metric({ value: '1,000' })), 400, '不是数字'],
  ['figure: value 1e308', () => post('metrics', metric({ value: 1e308 })), 400, '太大'],
  ['figure: value as an object', () => post('metrics', metric({ value: { n: 1 } })), 400, '不是数字'],
  ['figure: value missing', () => post('metrics', metric({ value: null })), 400, '不是数字'],
  ['figure: negative value', () => post('metrics', metric({ value: -5 })), 400, '不能为负数'],
  ['figure: unit not in the table', () => post('metrics', metric({ unit: 'kg' })), 400, '不在单位表中'],
  ['figure: unit not fitting the indicator', () => post('metrics', metric({ unit: '人次' })), 400, '不相符'],
  ['figure: unknown qualifier', () => post('metrics', metric({ qualifier: 'lots' })), 400, '不能是「lots」'],
  ['figure: unknown comparison', () => post('metrics', metric({ comparison: 'mom' })), 400, '不能是「mom」'],
  [
    'figure: 30 February as period start',
    () => post('metrics', metric({ period: { kind: 'year', label: '2024年', start: '2024-02-30' } })),
    400,
    '2024年2月没有30日',
  ],
  [
    'figure: period ending before it starts',
    () =>
      post(
        'metrics',
        metric({ period: { kind: 'cumulative', label: '三年来', start: '2022-01-01', end: '2020-12-31' } }),
      ),
    400,
    '不能早于开始日期',
  ],
  [
    'figure: unknown period kind',
    () => post('metrics', metric({ period: { kind: 'decade', label: '十年来' } })),
    400,
    '不能是「decade」',
  ],
  ['figure: period as text', () => post('metrics', metric({ period: '2021年' })), 400, '应是一组字段'],
  ['figure: unknown region id', () => post('metrics', metric({ region: 'abc' })), 400, '不存在'],
  [
    'figure: unknown source article',
    () => post('metrics', metric({ sourceArticle: '999999' })),
    400,
    '不存在',
  ],
  [
    'figure: unreadable figure text',
    () => post('metrics', metric({ figureText: '很多人' })),
    400,
    '无法识别',
  ],
  [
    'figure: share over 100%',
    () => post('metrics', metric({ indicator: ids.share, unit: '%', value: 120 })),
    400,
    '0%到100%',
  ],
  ['figure: no evidence', () => post('metrics', metric({ evidence: undefined })), 400, '必填'],
  ['figure: _status bogus', () => post('metrics', metric({ _status: 'bogus' })), 400, '不能是「bogus」'],
  // Regions, enterprises, indicators
  [
    'region: unknown level',
    () => post('regions', { name: '某国', level: 'country' }),
    400,
    '不能是「country」',
  ],
  [
    'region: five-digit code',
    () => post('regions', { name: '锡山区', level: 'county', adminCode: '32020' }),
    400,
    '必须是6位数字',
  ],
  [
    'region: unknown parent',
    () => post('regions', { name: '新区', level: 'county', parent: '99999' }),
    400,
    '不存在',
  ],
  [
    'region: its own parent',
    () => patch('regions', ids.region, { parent: ids.region }),
    400,
    '不能是本地区自己',
  ],
  [
    'region: slug taken',
    () => post('regions', { name: '另一个姜堰', level: 'county', slug: 'jiangyan-qu' }),
    400,
    '已被同类内容使用',
  ],
  ['region: no name', () => post('regions', { level: 'county' }), 400, '必填'],
  [
    'enterprise: pilot year "2020abc"',
    () => post('enterprises', enterprise({ pilotYear: '2020abc' })),
    400,
    '不是数字',
  ],
  [
    'enterprise: pilot year 2010',
    () => post('enterprises', enterprise({ pilotYear: 2010 })),
    400,
    '产改自2017年起',
  ],
  [
    'enterprise: unknown ownership',
    () => post('enterprises', enterprise({ ownership: 'alien' })),
    400,
    '不能是「alien」',
  ],
  [
    'enterprise: website ftp://',
    () => post('enterprises', enterprise({ website: 'ftp://example.com' })),
    400,
    '应以 http:// 或 https:// 开头',
  ],
  ['enterprise: no region', () => post('enterprises', { name: '无地区企业' }), 400, '必填'],
  [
    'enterprise: 300 honours',
    () =>
      post('enterprises', enterprise({ honours: Array.from({ length: 300 }, () => ({ title: '荣誉' })) })),
    400,
    '最多200项',
  ],
  [
    'enterprise: honour year "1999年"',
    () => post('enterprises', enterprise({ honours: [{ title: '荣誉', year: '1999年' }] })),
    400,
    '不是数字',
  ],
  [
    'indicator: unknown kind',
    () => post('indicators', { name: '某指标', kind: 'magic', canonicalUnit: '人' }),
    400,
    '不能是「magic」',
  ],
  // Updates
  [
    'update: 30 February',
    () => patch('articles', ids.article, { publishedAt: '2024-02-30' }),
    400,
    '2024年2月没有30日',
  ],
  [
    'update: 5,000-character slug',
    () => patch('articles', ids.article, { slug: 'b'.repeat(5000) }),
    400,
    '链接名太长',
  ],
  [
    'update: text/plain body',
    () => send('PATCH', `/api/articles/${ids.article}`, 'x', 'text/plain'),
    400,
    '不是一个 JSON 对象',
  ],
  [
    'update: figure value "12abc"',
    () => patch('metrics', 'no-such-figure', { value: '12abc' }),
    400,
    '不是数字',
  ],
  // GraphQL
  [
    'GraphQL: 5,000-character slug',
    () => mutation(`createArticle(data: { title: "x", slug: "${'c'.repeat(5000)}" }) { id }`),
    400,
    '链接名太长',
  ],
  [
    'GraphQL: 30 February',
    () => mutation(`createArticle(data: { title: "x", publishedAt: "2024-02-30" }) { id }`),
    400,
    '2024年2月没有30日',
  ],
  [
    'GraphQL: unknown region',
    () => mutation(`createRegion(data: { name: "x", level: county, parent: "99999" }) { id }`),
    400,
    '不存在',
  ],
  [
    'Local API: year 99999',
    () =>
      local(() =>
        cms.payload.create({
          collection: 'articles',
          data: { title: 'x', publishedAt: '+099999-01-01T00:00:00.000Z' } as never,
        }),
      ),
    400,
    '年份「99999」',
  ],
  [
    'Local API: value "12abc"',
    () =>
      local(() => cms.payload.create({ collection: 'metrics', data: metric({ value: '12abc' }) as never })),
    400,
    '不是数字',
  ],
  [
    'Local API: _status bogus',
    () =>
      local(() =>
        cms.payload.create({
          collection: 'regions',
          data: { name: 'x', level: 'city', _status: 'bogus' } as never,
        }),
      ),
    400,
    '不能是「bogus」',
  ],
  // Uploads
  [
    'upload: a PDF',
    async () =>
      upload('media', new Blob(['%PDF-1.4 not an image'], { type: 'application/pdf' }), '通知.pdf', {
        alt: '一份文件',
      }),
    400,
    '只能上传',
  ],
  [
    'upload: text named .png',
    async () =>
      upload('media', new Blob(['就是一段文字'], { type: 'image/png' }), '假图片.png', { alt: '假图片' }),
    400,
    /只能上传|损坏/,
  ],
  [
    'upload: an SVG',
    async () =>
      upload(
        'media',
        new Blob(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], {
          type: 'image/svg+xml',
        }),
        '图.svg',
        { alt: '图' },
      ),
    400,
    '只能上传',
  ],
  [
    'upload: a broken PNG',
    async () =>
      upload('media', new Blob([(await png(50, 50)).subarray(0, 60)], { type: 'image/png' }), '坏图.png', {
        alt: '坏图',
      }),
    400,
    '已损坏或无法读取',
  ],
  [
    'upload: no alt text',
    async () => upload('media', new Blob([await png(100, 100)], { type: 'image/png' }), '无说明.png'),
    400,
    '必填',
  ],
  [
    'upload: over 10 MB',
    async () =>
      upload(
        'media',
        new Blob([await png(100, 100), Buffer.alloc(10 * 1024 * 1024)], { type: 'image/png' }),
        '超大图片.png',
        { alt: '超大' },
      ),
    413,
    '超过10 MB',
  ],
  [
    'upload: alt as an object',
    async () =>
      upload('media', new Blob([await png(100, 100)], { type: 'image/png' }), '图.png', {
        alt: { zh: '图' },
      }),
    400,
    '应是一段文字',
  ],
  ['upload: no file', () => post('media', { alt: '没有文件' }), 400, '没有收到文件：请选择要上传的图片'],
  // The importer
  [
    'import: an empty file',
    () => upload('saved-pages', new Blob([''], { type: 'text/html' }), '空.html'),
    400,
    '文件是空的',
  ],
  [
    'import: 9 MB of nested divs',
    () => upload('saved-pages', new Blob([nestedDivs(9_000_000)], { type: 'text/html' }), '嵌套.html'),
    400,
    '网页太大',
  ],
  [
    'import: 1 MB of nested divs',
    () => upload('saved-pages', new Blob([nestedDivs(1_000_000)], { type: 'text/html' }), '嵌套.html'),
    400,
    '嵌套超过400层',
  ],
  [
    'import: a PDF',
    () => upload('saved-pages', new Blob(['%PDF-1.4 通知'], { type: 'application/pdf' }), '通知.pdf'),
    400,
    '只能上传保存下来的网页',
  ],
  [
    'import: a login page',
    () =>
      upload(
        'saved-pages',
        new Blob([fs.readFileSync(path.join(import.meta.dirname, 'fixtures/import/login.shtml'))], {
          type: 'text/html',
        }),
        'login.shtml',
      ),
    400,
    /未导入|不是/,
  ],
  [
    'import: an image',
    async () => upload('saved-pages', new Blob([await png(20, 20)], { type: 'image/png' }), '图.png'),
    400,
    '不是网页或文本：只能上传保存下来的网页',
  ],
]

/** Everything the cases could have written: every document (drafts and versions too), and the media files. */
async function snapshot() {
  const { payload } = cms
  const collections = [
    'articles',
    'regions',
    'enterprises',
    'metrics',
    'indicators',
    'media',
    'saved-pages',
    'imports',
    'site-builds',
  ] as const
  const docs = await Promise.all(
    collections.map((collection) =>
      payload.find({ collection, depth: 0, draft: true, pagination: false, sort: 'id' }).then((r) => r.docs),
    ),
  )
  const versions = await Promise.all(
    (['articles', 'regions', 'enterprises', 'metrics'] as const).map((collection) =>
      payload.countVersions({ collection }).then((r) => r.totalDocs),
    ),
  )
  const mediaDir = process.env.MEDIA_DIR!
  const files = fs.existsSync(mediaDir)
    ? fs
        .readdirSync(mediaDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.join(entry.parentPath, entry.name))
        .sort()
    : []
  return { docs, versions, files }
}

describe('bad inputs', () => {
  it('are at least 60', () => expect(CASES.length).toBeGreaterThanOrEqual(60))

  it.each(CASES)('%s', async (_, sendIt, status, phrase) => {
    const before = await snapshot()
    const answer = await sendIt()
    expect(answer.status, answer.messages.join(' | ')).toBe(status)
    expect(answer.messages.length).toBeGreaterThan(0)
    for (const message of answer.messages) {
      expect(message).toMatch(/[\u4e00-\u9fff]/)
      // No English sentence, not even inside the Chinese (a value echoed back is one word).
      expect(message).not.toMatch(/[A-Za-z]{3,} [A-Za-z]{2,} [A-Za-z]{3,}/)
    }
    expect(answer.messages.join(' | ')).toMatch(phrase)
    expect(await snapshot()).toEqual(before)
  })
})
