import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedDemoContent } from '../scripts/seed/index'
import { createStaff, startTestCms, uploadFile, type TestCms } from './helpers/cms'

const fixtures = path.join(import.meta.dirname, 'fixtures/import')
let cms: TestCms
let tokens: Awaited<ReturnType<typeof createStaff>>

beforeAll(async () => {
  cms = await startTestCms()
  await seedDemoContent(cms.payload)
  tokens = await createStaff(cms.payload)
})
afterAll(() => cms?.close())

/** Uploads a saved page as the admin's 导入网页 form does. */
const uploadSavedPage = (fixture: string, type = 'text/html') =>
  uploadFile(cms.payload, 'saved-pages', {
    file: new Blob([fs.readFileSync(path.join(fixtures, fixture))], { type }),
    name: fixture,
    token: tokens.contributor,
  })

const count = async (collection: 'articles' | 'metrics' | 'saved-pages' | 'imports') =>
  (await cms.payload.count({ collection })).totalDocs

describe('importing a saved page from the admin', () => {
  it('turns the upload into drafts and an import record', async () => {
    const before = await count('articles')
    const { status, json } = await uploadSavedPage('news-credits.shtml')
    expect(status).toBe(201)
    expect(json.doc.result).toMatch(/草稿/)
    const record = await cms.payload.findByID({
      collection: 'imports',
      id: json.doc.importRecord.id ?? json.doc.importRecord,
    })
    expect(record.documents?.length).toBeGreaterThan(0)
    expect(await count('articles')).toBeGreaterThan(before)
    const drafted = record.documents!.map((d) => (d.document as { value: { id: string } | string }).value)
    const ids = drafted.map((v) => (typeof v === 'string' ? v : v.id))
    const visible = await cms.payload.find({
      collection: 'articles',
      where: { id: { in: ids } },
      overrideAccess: false,
      limit: 0,
    })
    expect(visible.totalDocs).toBe(0)
  })

  it('refuses a page that is not an article, in Chinese, and keeps nothing', async () => {
    const before = {
      articles: await count('articles'),
      pages: await count('saved-pages'),
      imports: await count('imports'),
    }
    const { status, json } = await uploadSavedPage('login.shtml')
    expect(status).toBe(400)
    expect(JSON.stringify(json)).toMatch(/[\u4e00-\u9fff]/)
    expect({
      articles: await count('articles'),
      pages: await count('saved-pages'),
      imports: await count('imports'),
    }).toEqual(before)
  })
})
