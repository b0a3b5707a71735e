/**
 * Images are resized once, when they are uploaded (cms/hooks/imageVariants.ts); a pull publishes those
 * variants without reading or encoding the original (scripts/pull/images.ts).
 */
import fs from 'node:fs'
import path from 'node:path'

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { preparedVariantsDir, publishImages } from '../scripts/pull/images'
import { pullPortalContent } from '../scripts/pull/index'
import { localApiSource, localMediaFile } from '../scripts/pull/sources'
import { startTestCms, type TestCms } from './helpers/cms'

let cms: TestCms
const mediaDir = () => process.env.MEDIA_DIR!
const png = (width: number) =>
  sharp({ create: { width, height: 600, channels: 3, background: '#225588' } })
    .png()
    .toBuffer()

beforeAll(async () => {
  cms = await startTestCms()
}, 120_000)
afterAll(() => cms?.close())

describe('an uploaded image', () => {
  it("is resized to the portal's widths when it is uploaded, and a pull never reads its original", async () => {
    const data = await png(1200)
    const media = await cms.payload.create({
      collection: 'media',
      data: { alt: '上传时即生成尺寸的图片' },
      file: { data, mimetype: 'image/png', name: 'shangchuan.png', size: data.length },
    })
    const prepared = fs
      .readdirSync(preparedVariantsDir(mediaDir()))
      .filter((f) => f.startsWith('shangchuan-'))
    expect(prepared.sort()).toEqual(
      ['480', '960', '1200'].flatMap((w) => [`shangchuan-${w}.avif`, `shangchuan-${w}.webp`]).sort(),
    )
    expect(
      (await sharp(path.join(preparedVariantsDir(mediaDir()), 'shangchuan-960.webp')).metadata()).width,
    ).toBe(960)
    await cms.payload.create({
      collection: 'articles',
      data: { title: '配图文章', heroImage: media.id, _status: 'published' },
    })
    // Without its original, the image can only be published from the variants made on upload.
    fs.rmSync(path.join(mediaDir(), 'shangchuan.png'))
    const publicDir = path.join(cms.dir, 'public')
    for (let pull = 0; pull < 2; pull++)
      await pullPortalContent(localApiSource(cms.payload), {
        publicDir,
        mediaFrom: localMediaFile(mediaDir()),
      })
    for (const file of prepared)
      expect(fs.readFileSync(path.join(publicDir, 'media', file))).toEqual(
        fs.readFileSync(path.join(preparedVariantsDir(mediaDir()), file)),
      )
  })

  it('without variants made on upload is resized by the first pull only', async () => {
    const original = path.join(cms.dir, 'elsewhere', 'jiu.png')
    fs.mkdirSync(path.dirname(original), { recursive: true })
    fs.writeFileSync(original, await png(700))
    const dir = path.join(cms.dir, 'public-old')
    const media = [{ src: '/media/jiu.png', from: original, width: 700 }]
    expect(await publishImages(media, dir)).toEqual({ encoded: 4 })
    fs.rmSync(original)
    expect(await publishImages(media, dir)).toEqual({ encoded: 0 })
  })
})
