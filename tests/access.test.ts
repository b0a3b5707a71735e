import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createStaff, rest, startTestCms, type TestCms } from './helpers/cms'

const DRAFT_MARKER = '草稿标记-7f3a'
const publicCollections = [
  'articles',
  'regions',
  'enterprises',
  'metrics',
  'indicators',
  'channels',
  'topics',
] as const

let cms: TestCms
let tokens: Awaited<ReturnType<typeof createStaff>>
const published: Record<string, string> = {}
const drafts: Record<string, string> = {}

/** One published and one draft document in every public collection; drafts carry a marker in their name. */
async function createContent() {
  const { payload } = cms
  const make = async (collection: string, data: Record<string, unknown>, status: 'published' | 'draft') => {
    const doc: { id: string | number } = await payload.create({
      collection: collection as never,
      data: { ...data, _status: status } as never,
      draft: status === 'draft',
    })
    return String(doc.id)
  }
  const both = async (collection: string, data: (name: string) => Record<string, unknown>) => {
    published[collection] = await make(collection, data('公开的内容'), 'published')
    drafts[collection] = await make(collection, data(DRAFT_MARKER), 'draft')
  }
  await both('channels', (name) => ({ name }))
  await both('topics', (name) => ({ name }))
  await both('regions', (name) => ({ name, level: 'city' }))
  await both('indicators', (name) => ({ name, kind: 'count', canonicalUnit: '人' }))
  await both('enterprises', (name) => ({ name, region: published.regions }))
  await both('articles', (title) => ({ title, summary: title }))
  await both('metrics', (evidence) => ({
    indicator: published.indicators,
    region: published.regions,
    sourceArticle: published.articles,
    figureText: '2097人',
    evidence,
    period: { kind: 'year', label: '2022年' },
  }))
}

beforeAll(async () => {
  cms = await startTestCms()
  tokens = await createStaff(cms.payload)
  await createContent()
})
afterAll(() => cms?.close())

describe('anonymous readers', () => {
  it.each(publicCollections)('see published %s and no drafts over REST', async (collection) => {
    for (const query of ['', '?draft=true', '?where[_status][equals]=draft']) {
      const { status, json } = await rest(cms.payload, 'GET', `/api/${collection}${query}`)
      expect(status).toBe(200)
      const ids = json.docs.map((d: { id: string }) => d.id)
      if (!query.includes('equals]=draft')) expect(ids).toContain(published[collection])
      expect(ids).not.toContain(drafts[collection])
      expect(JSON.stringify(json)).not.toContain(DRAFT_MARKER)
    }
  })

  it.each(publicCollections)('cannot open a draft %s by id', async (collection) => {
    const { status, json } = await rest(
      cms.payload,
      'GET',
      `/api/${collection}/${drafts[collection]}?draft=true`,
    )
    expect(status).toBe(404)
    expect(JSON.stringify(json)).not.toContain(DRAFT_MARKER)
  })

  it('cannot read version history', async () => {
    const { status } = await rest(cms.payload, 'GET', '/api/articles/versions')
    expect(status).toBe(403)
  })

  it('see no drafts through the Local API when it is asked to apply access control', async () => {
    const { docs } = await cms.payload.find({ collection: 'articles', overrideAccess: false, draft: true })
    expect(docs.map((d) => d.id)).toEqual([published.articles])
  })

  it('never see users', async () => {
    expect((await rest(cms.payload, 'GET', '/api/users')).status).toBe(403)
    await expect(cms.payload.find({ collection: 'users', overrideAccess: false })).rejects.toThrow()
  })

  it.each(publicCollections)('write nothing to %s', async (collection) => {
    const before = await cms.payload.find({ collection, limit: 0, depth: 0, draft: true })
    const attempts = [
      await rest(cms.payload, 'POST', `/api/${collection}`, { body: { name: '匿名', title: '匿名' } }),
      await rest(cms.payload, 'PATCH', `/api/${collection}/${published[collection]}`, {
        body: { name: '改', title: '改' },
      }),
      await rest(cms.payload, 'DELETE', `/api/${collection}/${published[collection]}`),
    ]
    expect(attempts.map((a) => a.status)).toEqual([403, 403, 403])
    expect((await cms.payload.find({ collection, limit: 0, depth: 0, draft: true })).docs).toEqual(
      before.docs,
    )
  })

  it('cannot create accounts or upload media', async () => {
    const users = await rest(cms.payload, 'POST', '/api/users', {
      body: { email: 'x@example.org', password: 'x', name: 'x' },
    })
    expect(users.status).toBe(403)
    expect((await rest(cms.payload, 'POST', '/api/media', { body: { alt: 'x' } })).status).toBe(403)
  })
})

describe('editors', () => {
  it('create, update and delete an article over REST', async () => {
    const token = tokens.editor
    const created = await rest(cms.payload, 'POST', '/api/articles', {
      token,
      body: { title: '柳市镇技能认定新进展', summary: '编辑部测试稿', _status: 'published' },
    })
    expect(created.status).toBe(201)
    const id = created.json.doc.id
    expect(created.json.doc.slug).toBe('liushi-zhen-jineng-rending-xin-jinzhan')

    const updated = await rest(cms.payload, 'PATCH', `/api/articles/${id}`, {
      token,
      body: { summary: '已更新' },
    })
    expect(updated.status).toBe(200)
    expect((await cms.payload.findByID({ collection: 'articles', id })).summary).toBe('已更新')

    expect((await rest(cms.payload, 'DELETE', `/api/articles/${id}`, { token })).status).toBe(200)
    expect(await cms.payload.findByID({ collection: 'articles', id, disableErrors: true })).toBeNull()
  })

  it('see drafts that anonymous readers cannot', async () => {
    const { json } = await rest(cms.payload, 'GET', '/api/articles?draft=true', { token: tokens.editor })
    expect(json.docs.map((d: { id: string }) => d.id)).toContain(drafts.articles)
  })
})

describe('contributors', () => {
  it('may write a draft but not delete', async () => {
    const token = tokens.contributor
    const created = await rest(cms.payload, 'POST', '/api/articles?draft=true', {
      token,
      body: { title: '撰稿人的草稿' },
    })
    expect(created.status).toBe(201)
    const removed = await rest(cms.payload, 'DELETE', `/api/articles/${created.json.doc.id}`, { token })
    expect(removed.status).toBe(403)
  })

  it('cannot make themselves admin', async () => {
    const me = await rest(cms.payload, 'GET', '/api/users/me', { token: tokens.contributor })
    await rest(cms.payload, 'PATCH', `/api/users/${me.json.user.id}`, {
      token: tokens.contributor,
      body: { role: 'admin' },
    })
    const stored = await cms.payload.findByID({ collection: 'users', id: me.json.user.id })
    expect(stored.role).toBe('contributor')
  })
})
