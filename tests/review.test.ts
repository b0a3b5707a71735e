import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { createStaff, graphql, rest, startTestCms, type TestCms } from './helpers/cms'

let cms: TestCms
let tokens: Awaited<ReturnType<typeof createStaff>>

const graphqlAs = (token: string, query: string) => graphql(cms.payload, query, token)

beforeAll(async () => {
  cms = await startTestCms()
  tokens = await createStaff(cms.payload)
})
afterAll(() => cms?.close())

describe('先审后发: contributors write, editors publish', () => {
  let draftId: string

  it('a contributor writes a draft and submits it for review', async () => {
    const created = await rest(cms.payload, 'POST', '/api/articles?draft=true', {
      token: tokens.contributor,
      body: { title: '柳市镇金牌员工评选', summary: '撰稿人初稿' },
    })
    expect(created.status).toBe(201)
    draftId = created.json.doc.id
    expect(created.json.doc.createdBy).toBeTruthy()
    const submitted = await rest(cms.payload, 'PATCH', `/api/articles/${draftId}?draft=true`, {
      token: tokens.contributor,
      body: { review: { state: 'pending' } },
    })
    expect(submitted.status).toBe(200)
    expect(submitted.json.doc.review.state).toBe('pending')
  })

  it('refuses the contributor publishing over REST and GraphQL, and leaves the draft unpublished', async () => {
    const viaRest = await rest(cms.payload, 'PATCH', `/api/articles/${draftId}`, {
      token: tokens.contributor,
      body: { _status: 'published' },
    })
    expect(viaRest.status).toBe(403)
    expect(JSON.stringify(viaRest.json)).toContain('撰稿人不能直接发布')
    const created = await rest(cms.payload, 'POST', '/api/articles', {
      token: tokens.contributor,
      body: { title: '绕过审核的文章', _status: 'published' },
    })
    expect(created.status).toBe(403)

    const viaGraphql = await graphqlAs(
      tokens.contributor,
      `mutation { updateArticle(id: "${draftId}", data: { _status: published }) { id _status } }`,
    )
    expect(viaGraphql.errors?.[0]?.message).toContain('撰稿人不能直接发布')

    const stored = await cms.payload.findByID({ collection: 'articles', id: draftId })
    expect(stored._status).toBe('draft')
    expect(
      (await cms.payload.count({ collection: 'articles', where: { title: { equals: '绕过审核的文章' } } }))
        .totalDocs,
    ).toBe(0)
  })

  it('refuses a contributor marking their own draft as reviewed', async () => {
    const response = await rest(cms.payload, 'PATCH', `/api/articles/${draftId}?draft=true`, {
      token: tokens.contributor,
      body: { review: { state: 'published' } },
    })
    expect(response.status).toBe(403)
  })

  it('an editor publishes it, and the review is recorded', async () => {
    const response = await rest(cms.payload, 'PATCH', `/api/articles/${draftId}`, {
      token: tokens.editor,
      body: { _status: 'published', review: { note: '数据已核对' } },
    })
    expect(response.status).toBe(200)
    const stored = await cms.payload.findByID({ collection: 'articles', id: draftId, depth: 1 })
    expect(stored._status).toBe('published')
    expect(stored.review).toMatchObject({ state: 'published', note: '数据已核对' })
    expect((stored.review?.reviewedBy as { role: string }).role).toBe('editor')
    expect(stored.review?.reviewedAt).toBeTruthy()
  })

  it('refuses the contributor unpublishing or deleting published content, over REST and GraphQL', async () => {
    const unpublish = await rest(cms.payload, 'PATCH', `/api/articles/${draftId}`, {
      token: tokens.contributor,
      body: { _status: 'draft' },
    })
    expect(unpublish.status).toBe(403)
    expect(
      (await rest(cms.payload, 'DELETE', `/api/articles/${draftId}`, { token: tokens.contributor })).status,
    ).toBe(403)
    const viaGraphql = await graphqlAs(
      tokens.contributor,
      `mutation { deleteArticle(id: "${draftId}") { id } }`,
    )
    expect(viaGraphql.errors?.[0]?.message).toBeTruthy()
    expect((await cms.payload.findByID({ collection: 'articles', id: draftId }))._status).toBe('published')
  })

  it("a contributor cannot edit someone else's document", async () => {
    const editorsDraft = await rest(cms.payload, 'POST', '/api/articles?draft=true', {
      token: tokens.editor,
      body: { title: '编辑自己的草稿' },
    })
    const attempt = await rest(cms.payload, 'PATCH', `/api/articles/${editorsDraft.json.doc.id}?draft=true`, {
      token: tokens.contributor,
      body: { title: '撰稿人改了编辑的稿' },
    })
    expect(attempt.status).toBe(403)
  })

  it('a contributor may save a draft revision of published content without unpublishing it', async () => {
    const response = await rest(cms.payload, 'PATCH', `/api/articles/${draftId}?draft=true`, {
      token: tokens.contributor,
      body: { summary: '修改建议稿' },
    })
    expect(response.status).toBe(200)
    expect((await cms.payload.findByID({ collection: 'articles', id: draftId }))._status).toBe('published')
  })
})

describe('scheduled publishing', () => {
  afterEach(() => vi.useRealTimers())

  it('publishes at the scheduled time through the jobs runner, not a moment before, and requests a rebuild', async () => {
    const { payload } = cms
    const editor = (await payload.find({ collection: 'users', where: { role: { equals: 'editor' } } }))
      .docs[0]!
    const draft = await payload.create({
      collection: 'articles',
      data: { title: '定时发布的文章' },
      draft: true,
    })
    await payload.delete({ collection: 'site-builds', where: { id: { exists: true } } })
    // The clock the jobs runner reads is set here: the job is due at 09:00 on the day, whatever the real time.
    const due = Date.parse('2026-12-01T09:00:00.000Z')
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(due - 60 * 60_000)
    await payload.jobs.queue({
      task: 'schedulePublish',
      waitUntil: new Date(due),
      input: {
        type: 'publish',
        doc: { relationTo: 'articles', value: String(draft.id) },
        user: { relationTo: 'users', value: editor.id },
      } as never,
    })
    const status = async () => (await payload.findByID({ collection: 'articles', id: draft.id }))._status

    await payload.jobs.run()
    expect(await status()).toBe('draft')
    vi.setSystemTime(due - 1)
    await payload.jobs.run()
    expect(await status()).toBe('draft')
    expect((await payload.find({ collection: 'site-builds' })).docs).toEqual([])

    vi.setSystemTime(due + 1)
    await payload.jobs.run()
    expect(await status()).toBe('published')
    const [build] = (await payload.find({ collection: 'site-builds' })).docs
    expect(build?.changes?.[0]).toMatchObject({
      collection: 'articles',
      operation: 'publish',
      title: '定时发布的文章',
      at: new Date(due + 1).toISOString(),
    })
  })
})
