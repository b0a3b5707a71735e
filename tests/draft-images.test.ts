import fs from 'node:fs'
import path from 'node:path'

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { imageDirFor, publishImages } from '../scripts/pull/images'
import { pullPortalContent } from '../scripts/pull/index'
import { localApiSource, localMediaFile, withDraftArticle } from '../scripts/pull/sources'
import { createStaff, graphql, rest, startTestCms, type TestCms } from './helpers/cms'

/**
 * Issue #13, item 5: an image used only by a draft is not public — not through the API, not through a
 * preview, and not on the site once its article is unpublished.
 */

let cms: TestCms
let tokens: Awaited<ReturnType<typeof createStaff>>
const ids = { published: '', draftOnly: '', draftArticle: '', publishedArticle: '' }
const DRAFT_ALT = '草稿配图说明-Q7'

const png = (colour: string) =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: colour } })
    .png()
    .toBuffer()

async function image(alt: string, colour: string) {
  const data = await png(colour)
  const doc = await cms.payload.create({
    collection: 'media',
    data: { alt, caption: `${alt}（图注）` },
    file: { data, mimetype: 'image/png', name: `${alt}.png`, size: data.length },
  })
  return String(doc.id)
}

beforeAll(async () => {
  cms = await startTestCms()
  tokens = await createStaff(cms.payload)
  ids.published = await image('公开配图', '#004488')
  ids.draftOnly = await image(DRAFT_ALT, '#aa3300')
  const published = await cms.payload.create({
    collection: 'articles',
    data: { title: '已发布的文章', heroImage: ids.published, _status: 'published' },
  })
  const draft = await cms.payload.create({
    collection: 'articles',
    data: { title: '草稿文章', heroImage: ids.draftOnly, _status: 'draft' },
    draft: true,
  })
  ids.publishedArticle = String(published.id)
  ids.draftArticle = String(draft.id)
}, 120_000)
afterAll(() => cms?.close())

describe("a draft's image", () => {
  it('is not listed or readable by anonymous visitors over REST, GraphQL or its file URL', async () => {
    const list = await rest(cms.payload, 'GET', '/api/media')
    expect(list.status).toBe(200)
    expect(list.json.docs.map((d: { id: string }) => d.id)).toEqual([ids.published])
    expect(JSON.stringify(list.json)).not.toContain(DRAFT_ALT)
    expect((await rest(cms.payload, 'GET', `/api/media/${ids.draftOnly}`)).status).toBe(404)
    const viaGraphql = await graphql(cms.payload, '{ allMedia { docs { id alt caption url } } }')
    expect(JSON.stringify(viaGraphql)).not.toContain(DRAFT_ALT)

    const { handleEndpoints } = await import('payload')
    const file = (name: string) =>
      handleEndpoints({
        config: cms.payload.config,
        request: new Request(`http://localhost/api/media/file/${encodeURIComponent(name)}`),
      })
    expect((await file(`${DRAFT_ALT}.png`)).status).toBe(403)
    expect((await file('公开配图.png')).status).toBe(200)
  })

  it('is visible to staff, who work on the draft', async () => {
    const list = await rest(cms.payload, 'GET', '/api/media', { token: tokens.contributor })
    expect(list.json.docs.map((d: { id: string }) => d.id)).toContain(ids.draftOnly)
  })

  it('becomes public when its article is published', async () => {
    const id = await image('随后发布的配图', '#228833')
    const article = await cms.payload.create({
      collection: 'articles',
      data: { title: '随后发布', heroImage: id, _status: 'draft' },
      draft: true,
    })
    expect((await rest(cms.payload, 'GET', `/api/media/${id}`)).status).toBe(404)
    await cms.payload.update({ collection: 'articles', id: article.id, data: { _status: 'published' } })
    expect((await rest(cms.payload, 'GET', `/api/media/${id}`)).status).toBe(200)
  })
})

describe('image variants on the site', () => {
  const publicDir = () => path.join(cms.dir, 'site-public')
  const variants = () =>
    fs.existsSync(path.join(publicDir(), 'media'))
      ? fs.readdirSync(path.join(publicDir(), 'media')).sort()
      : []

  it('a build pull writes variants of published images only', async () => {
    const { pulled } = await pullPortalContent(localApiSource(cms.payload), {
      publicDir: publicDir(),
      mediaFrom: localMediaFile(process.env.MEDIA_DIR!),
    })
    expect(pulled.content.media.map((m) => m.src).sort()).toEqual([
      '/media/公开配图.png',
      '/media/随后发布的配图.png',
    ])
    expect(variants().some((f) => f.startsWith('公开配图-'))).toBe(true)
    expect(variants().some((f) => f.startsWith(DRAFT_ALT))).toBe(false)
  })

  it("a preview pull writes the draft's variants into a private folder, never the site's", async () => {
    const env = {
      PREVIEW_ARTICLE_ID: ids.draftArticle,
      PREVIEW_DIR: path.join(cms.dir, 'preview-out'),
    }
    const before = variants()
    const { pulled } = await pullPortalContent(localApiSource(cms.payload), {
      publicDir: imageDirFor(publicDir(), env),
      mediaFrom: localMediaFile(process.env.MEDIA_DIR!),
      adjust: (raw) => withDraftArticle(cms.payload, raw, ids.draftArticle),
    })
    expect(pulled.content.media.map((m) => m.src)).toEqual([`/media/${DRAFT_ALT}.png`])
    expect(variants()).toEqual(before)
    expect(fs.readdirSync(path.join(`${env.PREVIEW_DIR}.images`, 'media')).length).toBeGreaterThan(0)
  })

  it('removes the variants of an image once no published page uses it', async () => {
    await cms.payload.update({
      collection: 'articles',
      id: ids.publishedArticle,
      data: { _status: 'draft' },
    })
    await pullPortalContent(localApiSource(cms.payload), {
      publicDir: publicDir(),
      mediaFrom: localMediaFile(process.env.MEDIA_DIR!),
    })
    expect(variants().some((f) => f.startsWith('公开配图-'))).toBe(false)
    expect(variants().some((f) => f.startsWith('随后发布的配图-'))).toBe(true)
  })

  it('keeps variants still in use and removes only the others', async () => {
    const dir = path.join(cms.dir, 'prune')
    const original = path.join(cms.dir, 'original.png')
    fs.writeFileSync(original, await png('#123456'))
    await publishImages(
      [
        { src: '/media/a.png', from: original },
        { src: '/media/b.png', from: original },
      ],
      dir,
    )
    const all = fs.readdirSync(path.join(dir, 'media'))
    await publishImages([{ src: '/media/a.png', from: original }], dir)
    const left = fs.readdirSync(path.join(dir, 'media'))
    expect(left.length).toBe(all.length / 2)
    expect(left.every((f) => f.startsWith('a-'))).toBe(true)
  })
})
