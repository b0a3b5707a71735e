/**
 * 审核记录 (issue #17): every review decision — submitted, returned with a note, published — is kept with who
 * and when, whichever interface made it (REST, GraphQL, the Local API as a user or as the system), and no
 * request can write the record itself. Published content is reviewed (seed, system saves), and the desks'
 * queries (cms/lib/desk.ts) find what each role has to do.
 */
import fs from 'node:fs'
import path from 'node:path'

import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { documentsInReview, failedBuilds, importsWithQuestions } from '../cms/lib/desk'
import { seedDemoContent } from '../scripts/seed/index'
import { createStaff, graphql, rest, startTestCms, uploadFile, type TestCms } from './helpers/cms'

let cms: TestCms
let tokens: Awaited<ReturnType<typeof createStaff>>
const staff: Record<string, { id: string }> = {}

beforeAll(async () => {
  cms = await startTestCms()
  await seedDemoContent(cms.payload)
  tokens = await createStaff(cms.payload)
  for (const role of ['admin', 'editor', 'contributor'])
    staff[role] = (await cms.payload.find({ collection: 'users', where: { role: { equals: role } } })).docs[0]
}, 300_000)
afterAll(() => cms?.close())

type Entry = { decision: string; by?: string | { id: string } | null; at: string; note?: string | null }
const historyOf = async (id: string) => {
  const doc = await cms.payload.findByID({ collection: 'articles', id, draft: true, depth: 0 })
  return ((doc.review?.history ?? []) as Entry[]).map(({ decision, by, note, at }) => ({
    decision,
    by: typeof by === 'object' && by ? by.id : (by ?? null),
    note: note ?? null,
    at,
  }))
}
const reqAs = (payload: Payload, role: string) =>
  createLocalReq({ user: { ...staff[role], collection: 'users' } as never }, payload)

describe('审核记录 across interfaces', () => {
  let id: string

  it('keeps each decision with who and when: REST submit, GraphQL return, Local API resubmit, REST publish', async () => {
    const created = await rest(cms.payload, 'POST', '/api/articles?draft=true', {
      token: tokens.contributor,
      body: { title: '审核记录测试稿', summary: '初稿' },
    })
    expect(created.status).toBe(201)
    id = created.json.doc.id
    expect(await historyOf(id), 'writing a draft is no decision').toEqual([])

    const before = Date.now()
    expect(
      (
        await rest(cms.payload, 'PATCH', `/api/articles/${id}?draft=true`, {
          token: tokens.contributor,
          body: { review: { state: 'pending' } },
        })
      ).status,
    ).toBe(200)

    const returned = await graphql(
      cms.payload,
      `mutation { updateArticle(id: "${id}", draft: true, data: { review: { state: returned, note: "请核对数字" } }) { id } }`,
      tokens.editor,
    )
    expect(returned.errors).toBeUndefined()

    await cms.payload.update({
      collection: 'articles',
      id,
      draft: true,
      data: { summary: '修改稿', review: { state: 'pending' } },
      overrideAccess: false,
      req: await reqAs(cms.payload, 'contributor'),
    })

    expect(
      (
        await rest(cms.payload, 'PATCH', `/api/articles/${id}`, {
          token: tokens.editor,
          body: { _status: 'published', review: { note: '已核对' } },
        })
      ).status,
    ).toBe(200)

    const history = await historyOf(id)
    expect(history.map(({ decision, by, note }) => ({ decision, by, note }))).toEqual([
      { decision: 'submitted', by: staff.contributor.id, note: null },
      { decision: 'returned', by: staff.editor.id, note: '请核对数字' },
      { decision: 'submitted', by: staff.contributor.id, note: null },
      { decision: 'published', by: staff.editor.id, note: '已核对' },
    ])
    for (const entry of history) {
      expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(before - 1000)
      expect(Date.parse(entry.at)).toBeLessThanOrEqual(Date.now())
    }
    const stored = await cms.payload.findByID({ collection: 'articles', id, depth: 0 })
    expect(stored._status).toBe('published')
    expect(stored.review?.state).toBe('published')
  })

  it('no request writes the record: REST and GraphQL attempts by an editor leave it as it was', async () => {
    const before = await historyOf(id)
    const forged = [{ decision: 'published', at: '2020-01-01T00:00:00.000Z', note: '伪造' }]
    await rest(cms.payload, 'PATCH', `/api/articles/${id}?draft=true`, {
      token: tokens.editor,
      body: { summary: '再改', review: { history: forged } },
    })
    await graphql(
      cms.payload,
      `mutation { updateArticle(id: "${id}", draft: true, data: { review: { history: [{ decision: published, at: "2020-01-01T00:00:00.000Z" }] } }) { id } }`,
      tokens.editor,
    )
    expect(await historyOf(id)).toEqual(before)
  })

  it('a save without a user that publishes (a scheduled publish, an import published by a script) is recorded as reviewed', async () => {
    const draft = await cms.payload.create({
      collection: 'articles',
      draft: true,
      data: { title: '定时发布测试稿', _status: 'draft' },
    })
    expect(draft.review?.state).toBe('draft')
    await cms.payload.update({ collection: 'articles', id: draft.id, data: { _status: 'published' } })
    const stored = await cms.payload.findByID({ collection: 'articles', id: draft.id, depth: 0 })
    expect(stored.review?.state).toBe('published')
    expect((await historyOf(draft.id)).map((e) => [e.decision, e.by])).toEqual([['published', null]])
  })
})

describe('demo content in coherent states', () => {
  it('everything published is reviewed; the 【待审核】 draft is 待审核', async () => {
    for (const collection of ['articles', 'regions', 'enterprises', 'indicators', 'metrics'] as const) {
      const { docs } = await cms.payload.find({
        collection,
        where: { _status: { equals: 'published' } },
        limit: 0,
        depth: 0,
      })
      expect(docs.length, collection).toBeGreaterThan(0)
      expect(
        docs.filter((d) => d.review?.state !== 'published').map((d) => d.id),
        `${collection}: published but not reviewed`,
      ).toEqual([])
    }
    const { docs } = await cms.payload.find({
      collection: 'articles',
      where: { title: { like: '【待审核】' } },
      draft: true,
      depth: 0,
    })
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({ _status: 'draft', review: { state: 'pending' } })
  })
})

describe('imported content in coherent states', () => {
  it('an import writes drafts that are 草稿 in review too, nothing published', async () => {
    const fixture = path.join(import.meta.dirname, 'fixtures/import/news-credits.shtml')
    const { status, json } = await uploadFile(cms.payload, 'saved-pages', {
      file: new Blob([fs.readFileSync(fixture)], { type: 'text/html' }),
      name: 'news-credits.shtml',
      token: tokens.contributor,
    })
    expect(status).toBe(201)
    const record = await cms.payload.findByID({
      collection: 'imports',
      id: json.doc.importRecord.id ?? json.doc.importRecord,
      depth: 0,
    })
    const documents = (record.documents ?? []).map(
      (d) => d.document as { relationTo: 'articles' | 'metrics' | 'regions' | 'enterprises'; value: string },
    )
    expect(documents.length).toBeGreaterThan(0)
    for (const { relationTo, value } of documents) {
      const doc = await cms.payload.findByID({ collection: relationTo, id: value, draft: true, depth: 0 })
      expect([relationTo, doc._status, doc.review?.state]).toEqual([relationTo, 'draft', 'draft'])
    }
  })
})

describe('the desks’ queries', () => {
  it('待审核 oldest first across collections; a writer’s own drafts and returns only', async () => {
    const req = await reqAs(cms.payload, 'editor')
    const asContributor = await reqAs(cms.payload, 'contributor')
    const submit = async (title: string) => {
      const doc = await cms.payload.create({
        collection: 'articles',
        draft: true,
        data: { title, review: { state: 'pending' } },
        req: asContributor,
        overrideAccess: false,
      })
      await new Promise((resolve) => setTimeout(resolve, 20))
      return doc
    }
    await submit('先提交的稿件')
    await submit('后提交的稿件')
    const pending = await documentsInReview(req, ['pending'], { limit: 100 })
    const titles = pending.map((item) => item.title)
    expect(titles.indexOf('先提交的稿件')).toBeGreaterThan(-1)
    expect(titles.indexOf('先提交的稿件')).toBeLessThan(titles.indexOf('后提交的稿件'))
    expect(pending.map((item) => item.since)).toEqual([...pending.map((item) => item.since)].sort())
    expect(pending.find((item) => item.title === '后提交的稿件')?.by).toBe('contributor 测试')

    const mine = await documentsInReview(asContributor, ['pending'], { createdBy: staff.contributor.id })
    expect(mine.map((item) => item.title).sort()).toEqual(['先提交的稿件', '后提交的稿件'].sort())
  })

  it('imports with questions, and only the builds that failed since the last good one', async () => {
    const req = await reqAs(cms.payload, 'editor')
    const record = (data: Record<string, unknown>) =>
      cms.payload.create({ collection: 'imports', data: data as never, overrideAccess: true })
    await record({
      fileName: 'a.html',
      contentHash: 'a',
      summary: '有问题的导入',
      notes: [{ message: '请核对地区' }],
    })
    await record({ fileName: 'b.html', contentHash: 'b', summary: '没有问题的导入', notes: [] })
    const withQuestions = (await importsWithQuestions(req)).map((r) => r.summary)
    expect(withQuestions).toContain('有问题的导入')
    expect(withQuestions).not.toContain('没有问题的导入')

    const build = (status: string, finishedAt: string, summary: string) =>
      cms.payload.create({ collection: 'site-builds', data: { status, finishedAt, summary } as never })
    await build('failed', '2026-01-01T00:00:00.000Z', '早先失败')
    await build('succeeded', '2026-01-02T00:00:00.000Z', '成功')
    await build('failed', '2026-01-03T00:00:00.000Z', '之后失败')
    expect((await failedBuilds(req)).map((b) => b.summary)).toEqual(['之后失败'])
  })
})
