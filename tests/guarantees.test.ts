import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createStaff, graphql, rest, startTestCms, uploadFile, type TestCms } from './helpers/cms'

/**
 * Issue #13, items 1–4: what a contributor could do to published content and to others' work, each through
 * the interface the issue names. The access matrix (access-matrix.test.ts) checks every cell's yes or no;
 * these check the consequences: pages stay up, rebuilds are queued, review records cannot be forged.
 */

let cms: TestCms
let tokens: Awaited<ReturnType<typeof createStaff>>
const page = fs.readFileSync(path.join(import.meta.dirname, 'fixtures/import/news-credits.shtml'))

beforeAll(async () => {
  cms = await startTestCms()
  tokens = await createStaff(cms.payload)
})
afterAll(() => cms?.close())

const live = async (id: string) =>
  (await cms.payload.findByID({ collection: 'articles', id, draft: false, depth: 0 }))._status
const queuedBuilds = async () =>
  (await cms.payload.find({ collection: 'site-builds', where: { status: { equals: 'queued' } }, depth: 0 }))
    .docs
const clearBuilds = () => cms.payload.delete({ collection: 'site-builds', where: { id: { exists: true } } })

/** A contributor's article an editor published, with a draft the contributor saved over it since. */
async function publishedWithContributorDraft(title: string) {
  const created = await rest(cms.payload, 'POST', '/api/articles?draft=true', {
    token: tokens.contributor,
    body: { title },
  })
  const id = created.json.doc.id as string
  expect(
    (
      await rest(cms.payload, 'PATCH', `/api/articles/${id}`, {
        token: tokens.editor,
        body: { _status: 'published' },
      })
    ).status,
  ).toBe(200)
  await rest(cms.payload, 'PATCH', `/api/articles/${id}?draft=true`, {
    token: tokens.contributor,
    body: { summary: '撰稿人的修改稿' },
  })
  const { docs } = await cms.payload.findVersions({
    collection: 'articles',
    where: { parent: { equals: id } },
    sort: '-updatedAt',
    limit: 1,
  })
  expect(docs[0]!.version._status).toBe('draft')
  return { id, draftVersion: String(docs[0]!.id) }
}

describe('item 1: restoring a draft version over published content', () => {
  it('is refused for a contributor, in Chinese, and the page stays published (REST and GraphQL)', async () => {
    const { id, draftVersion } = await publishedWithContributorDraft('柳市镇技能人才评价改革')
    await clearBuilds()
    const viaRest = await rest(cms.payload, 'POST', `/api/articles/versions/${draftVersion}`, {
      token: tokens.contributor,
    })
    expect(viaRest.status).toBe(403)
    expect(JSON.stringify(viaRest.json)).toContain('撰稿人不能撤回已发布的内容')
    const viaGraphql = await graphql(
      cms.payload,
      `mutation { restoreVersionArticle(id: "${draftVersion}") { id } }`,
      tokens.contributor,
    )
    expect(viaGraphql.errors?.[0]?.message).toContain('撰稿人不能撤回已发布的内容')
    expect(await live(id)).toBe('published')
    expect(await queuedBuilds()).toEqual([])
  })

  it('by an editor takes the page down and queues a rebuild that says so', async () => {
    const { id, draftVersion } = await publishedWithContributorDraft('姜堰区产改联盟')
    await clearBuilds()
    const restored = await rest(cms.payload, 'POST', `/api/articles/versions/${draftVersion}`, {
      token: tokens.editor,
    })
    expect(restored.status).toBe(200)
    expect(await live(id)).toBe('draft')
    const [build] = await queuedBuilds()
    expect(build?.changes).toEqual([expect.objectContaining({ docId: id, operation: 'unpublish' })])
  })

  it('a contributor may still save drafts over published content without a rebuild', async () => {
    const { id } = await publishedWithContributorDraft('无锡市职工技能竞赛')
    await clearBuilds()
    await rest(cms.payload, 'PATCH', `/api/articles/${id}?draft=true`, {
      token: tokens.contributor,
      body: { summary: '再改一次' },
    })
    expect(await live(id)).toBe('published')
    expect(await queuedBuilds()).toEqual([])
  })
})

describe('scheduled jobs run with the rights of whoever scheduled them', () => {
  it("a contributor's scheduled unpublish or publish does nothing", async () => {
    const { id } = await publishedWithContributorDraft('定时撤回的文章')
    const contributor = (
      await cms.payload.find({ collection: 'users', where: { role: { equals: 'contributor' } } })
    ).docs[0]!
    const draft = await rest(cms.payload, 'POST', '/api/articles?draft=true', {
      token: tokens.contributor,
      body: { title: '定时发布的草稿' },
    })
    for (const [type, doc] of [
      ['unpublish', id],
      ['publish', draft.json.doc.id],
    ] as const) {
      await cms.payload.jobs.queue({
        task: 'schedulePublish',
        input: {
          type,
          doc: { relationTo: 'articles', value: String(doc) },
          user: { relationTo: 'users', value: contributor.id },
        } as never,
      })
      await cms.payload.jobs.run() // one at a time: SQLite takes one writer
    }
    expect(await live(id)).toBe('published')
    expect(await live(draft.json.doc.id)).toBe('draft')
  })
})

describe('item 3: the review record cannot be forged', () => {
  it('ignores createdBy, reviewedBy and reviewedAt sent over REST, GraphQL and duplicate', async () => {
    const me = await rest(cms.payload, 'GET', '/api/users/me', { token: tokens.editor })
    const editorId = me.json.user.id as string
    const forged = await rest(cms.payload, 'POST', '/api/articles?draft=true', {
      token: tokens.contributor,
      body: {
        title: '伪造审核记录',
        createdBy: editorId,
        review: { state: 'draft', reviewedBy: editorId, reviewedAt: '2020-01-01T00:00:00.000Z' },
      },
    })
    expect(forged.status).toBe(201)
    const id = forged.json.doc.id as string
    const stored = await cms.payload.findByID({ collection: 'articles', id, draft: true, depth: 0 })
    expect(stored.createdBy).not.toBe(editorId)
    expect(stored.review?.reviewedBy ?? null).toBeNull()
    expect(stored.review?.reviewedAt ?? null).toBeNull()

    const viaGraphql = await graphql(
      cms.payload,
      `mutation { updateArticle(id: "${id}", draft: true, data: { createdBy: "${editorId}", review: { reviewedBy: "${editorId}", reviewedAt: "2020-01-01T00:00:00.000Z" } }) { id } }`,
      tokens.contributor,
    )
    expect(viaGraphql.errors ?? []).toEqual([])
    const after = await cms.payload.findByID({ collection: 'articles', id, draft: true, depth: 0 })
    expect(after.createdBy).toBe(stored.createdBy)
    expect(after.review?.reviewedBy ?? null).toBeNull()

    // An editor publishes: the record names the editor. A contributor's duplicate does not copy it.
    await rest(cms.payload, 'PATCH', `/api/articles/${id}`, {
      token: tokens.editor,
      body: { _status: 'published' },
    })
    const copy = await rest(cms.payload, 'POST', `/api/articles/${id}/duplicate`, {
      token: tokens.contributor,
      body: {},
    })
    expect(copy.status).toBe(200)
    const duplicate = await cms.payload.findByID({
      collection: 'articles',
      id: copy.json.doc.id,
      draft: true,
      depth: 0,
    })
    expect(duplicate._status).toBe('draft')
    expect(duplicate.review).toMatchObject({ state: 'draft' })
    expect(duplicate.review?.reviewedBy ?? null).toBeNull()
    expect(duplicate.slug).not.toBe(after.slug)
  })
})

describe('item 2: the importer cannot be pointed at others’ work', () => {
  it('refuses a contributor repointing an import record, and re-uploading leaves the published article alone', async () => {
    const target = await rest(cms.payload, 'POST', '/api/articles', {
      token: tokens.editor,
      body: { title: '编辑部已发布的文章', summary: '编辑写的导语', _status: 'published' },
    })
    const targetId = target.json.doc.id as string
    const first = await uploadFile(cms.payload, 'saved-pages', {
      file: new Blob([page], { type: 'text/html' }),
      name: 'news-credits.shtml',
      token: tokens.contributor,
    })
    expect(first.status).toBe(201)
    const recordId = first.json.doc.importRecord.id ?? first.json.doc.importRecord
    const record = await cms.payload.findByID({ collection: 'imports', id: recordId, depth: 0 })
    const documents = record.documents!.map((d) =>
      d.document?.relationTo === 'articles'
        ? { ...d, id: undefined, document: { relationTo: 'articles', value: targetId } }
        : { ...d, id: undefined },
    )
    const repoint = await rest(cms.payload, 'PATCH', `/api/imports/${recordId}`, {
      token: tokens.contributor,
      body: { documents },
    })
    expect(repoint.status).toBe(403)
    // Not even an editor can repoint a record: what it lists is the importer's alone.
    await rest(cms.payload, 'PATCH', `/api/imports/${recordId}`, {
      token: tokens.editor,
      body: { documents },
    })
    const unchanged = await cms.payload.findByID({ collection: 'imports', id: recordId, depth: 0 })
    expect(JSON.stringify(unchanged.documents)).not.toContain(targetId)

    const again = await uploadFile(cms.payload, 'saved-pages', {
      file: new Blob([page], { type: 'text/html' }),
      name: 'news-credits.shtml',
      token: tokens.contributor,
    })
    expect(again.status).toBe(201)
    const article = await cms.payload.findByID({
      collection: 'articles',
      id: targetId,
      draft: true,
      depth: 0,
    })
    expect(article).toMatchObject({
      title: '编辑部已发布的文章',
      summary: '编辑写的导语',
      _status: 'published',
    })
  })

  it("keeps an editor's revision of an imported draft and says so in the record", async () => {
    const bytes = Buffer.from(page.toString('latin1').replace('</body>', '<p>第二份</p></body>'), 'latin1')
    const upload = () =>
      uploadFile(cms.payload, 'saved-pages', {
        file: new Blob([bytes], { type: 'text/html' }),
        name: 'second.shtml',
        token: tokens.contributor,
      })
    const first = await upload()
    const recordId = first.json.doc.importRecord.id ?? first.json.doc.importRecord
    const record = await cms.payload.findByID({ collection: 'imports', id: recordId, depth: 0 })
    const articleId = String(
      record.documents!.find((d) => d.document?.relationTo === 'articles')!.document!.value,
    )
    const revised = await rest(cms.payload, 'PATCH', `/api/articles/${articleId}?draft=true`, {
      token: tokens.editor,
      body: { summary: '编辑的修订' },
    })
    expect(revised.status).toBe(200)

    expect((await upload()).status).toBe(201)
    const kept = await cms.payload.findByID({ collection: 'articles', id: articleId, draft: true, depth: 0 })
    expect(kept.summary).toBe('编辑的修订')
    const after = await cms.payload.findByID({ collection: 'imports', id: recordId, depth: 0 })
    expect(after.notes?.map((n) => n.message).join('\n')).toMatch(/没有覆盖/)
    const listed = after
      .documents!.filter((d) => d.document?.relationTo === 'articles')
      .map((d) => String(d.document!.value))
    expect(listed).toContain(articleId)
    expect(listed.length).toBeGreaterThan(1)
  })
})

describe('item 4: slugs', () => {
  it('a draft cannot take a published article’s slug, so the article’s saves and unpublish keep working', async () => {
    const published = await rest(cms.payload, 'POST', '/api/articles', {
      token: tokens.editor,
      body: { title: '苏州工业园区产改', slug: 'suzhou-chan-gai', _status: 'published' },
    })
    expect(published.status).toBe(201)
    const squat = await rest(cms.payload, 'POST', '/api/articles?draft=true', {
      token: tokens.contributor,
      body: { title: '占用链接名', slug: 'suzhou-chan-gai' },
    })
    expect(squat.status).toBe(400)
    expect(JSON.stringify(squat.json)).toContain('链接名「suzhou-chan-gai」已被同类内容使用')
    const viaGraphql = await graphql(
      cms.payload,
      'mutation { createArticle(draft: true, data: { title: "占用链接名", slug: "suzhou-chan-gai" }) { id } }',
      tokens.contributor,
    )
    expect(viaGraphql.errors?.[0]).toBeTruthy()

    const id = published.json.doc.id as string
    const save = await rest(cms.payload, 'PATCH', `/api/articles/${id}`, {
      token: tokens.editor,
      body: { summary: '更新' },
    })
    expect(save.status).toBe(200)
    const unpublish = await rest(cms.payload, 'PATCH', `/api/articles/${id}`, {
      token: tokens.editor,
      body: { _status: 'draft' },
    })
    expect(unpublish.status).toBe(200)
  })

  it('two saves at once cannot both take a slug: the database refuses the second', async () => {
    // In one process Payload's saves queue up, so the check-then-save window cannot be hit from here; the
    // second save is written as it would be once both had passed the check: straight to the database.
    const region = { name: '同名地区', slug: 'tongming-diqu', level: 'city', _status: 'published' }
    await cms.payload.create({ collection: 'regions', data: region as never })
    await expect(
      cms.payload.db.create({ collection: 'regions', data: { ...region, name: '同名地区二' } }),
    ).rejects.toThrow()
    const { totalDocs } = await cms.payload.count({
      collection: 'regions',
      where: { slug: { equals: 'tongming-diqu' } },
    })
    expect(totalDocs).toBe(1)
  })

  it('the migration keeps a published document’s slug and renames the drafts that shared it', async () => {
    const { up } = await import('../cms/migrations/20261129_205738_slug_unique')
    const { sql } = await import('@payloadcms/db-sqlite')
    const db = (cms.payload.db as unknown as { drizzle: { run: (q: unknown) => Promise<unknown> } }).drizzle
    const tables = ['articles', 'regions', 'enterprises', 'indicators', 'channels', 'topics']
    // The database as it was before: plain indexes, and a slug held twice.
    for (const table of tables) {
      await db.run(sql.raw(`DROP INDEX \`${table}_slug_idx\``))
      await db.run(sql.raw(`CREATE INDEX \`${table}_slug_idx\` ON \`${table}\` (\`slug\`)`))
    }
    const draft = await cms.payload.db.create({
      collection: 'articles',
      data: { title: '先建的草稿', slug: 'chongfu-lianjie', _status: 'draft' },
    })
    const published = await cms.payload.db.create({
      collection: 'articles',
      data: { title: '已发布', slug: 'chongfu-lianjie', _status: 'published' },
    })
    await up({ db, payload: cms.payload, req: {} } as never)
    const slugOf = async (id: string | number) =>
      (await cms.payload.findByID({ collection: 'articles', id, depth: 0 })).slug
    expect(await slugOf(published.id)).toBe('chongfu-lianjie')
    expect(await slugOf(draft.id)).toMatch(/^chongfu-lianjie-[0-9a-f-]{8}$/)
    await expect(
      cms.payload.db.create({ collection: 'articles', data: { title: '又一个', slug: 'chongfu-lianjie' } }),
    ).rejects.toThrow()
  })
})
