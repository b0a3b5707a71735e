import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import sharp from 'sharp'

import { createStaff, startTestCms, uploadFile, type TestCms } from './helpers/cms'

let cms: TestCms
let tokens: Awaited<ReturnType<typeof createStaff>>

beforeAll(async () => {
  cms = await startTestCms()
  tokens = await createStaff(cms.payload)
})
afterAll(() => cms?.close())

const upload = (file: Blob, name: string, fields: Record<string, string>) =>
  uploadFile(cms.payload, 'media', { file, name, fields, token: tokens.contributor })

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#a3150f' } })
    .png()
    .toBuffer()

describe('uploads', () => {
  it('keeps a Chinese file name and makes an admin thumbnail', async () => {
    const { status, json } = await upload(
      new Blob([await png(800, 450)], { type: 'image/png' }),
      '柳市镇技能比武.png',
      {
        alt: '柳市镇技能比武现场',
      },
    )
    expect(status).toBe(201)
    expect(json.doc.filename).toBe('柳市镇技能比武.png')
    expect(json.doc).toMatchObject({ width: 800, height: 450 })
    expect(json.doc.sizes.thumbnail.width).toBe(400)
  })

  it('requires alt text', async () => {
    const { status } = await upload(new Blob([await png(100, 100)], { type: 'image/png' }), '无说明.png', {})
    expect(status).toBe(400)
  })

  it('takes images only', async () => {
    const { status } = await upload(
      new Blob(['%PDF-1.4 not an image'], { type: 'application/pdf' }),
      '通知.pdf',
      {
        alt: '一份文件',
      },
    )
    expect(status).toBe(400)
  })

  it('refuses a file over the size limit and stores nothing', async () => {
    const { MAX_UPLOAD_BYTES } = await import('../cms/payload.config')
    const before = (await cms.payload.count({ collection: 'media' })).totalDocs
    const big = new Blob([await png(100, 100), Buffer.alloc(MAX_UPLOAD_BYTES)], { type: 'image/png' })
    const { status } = await upload(big, '超大图片.png', { alt: '超大图片' })
    expect(status).toBe(413)
    expect((await cms.payload.count({ collection: 'media' })).totalDocs).toBe(before)
  })
})
