import fs from 'node:fs/promises'
import path from 'node:path'

import sharp from 'sharp'

import { IMAGE_FORMATS, imageVariantPath, imageWidths, type PortalContent } from '../../content-schema/portal'

/**
 * Writes every image the portal uses, resized to the portal's widths in modern formats, under `publicDir`
 * (the site's public/ folder, which Astro copies into the build). Existing variants are kept, so an
 * unchanged image is not converted again; variants of images the portal no longer uses (their article was
 * unpublished or deleted, the image replaced) are removed, so the next build does not publish them.
 */
export async function publishImages(media: PortalContent['media'], publicDir: string) {
  const wanted = new Set<string>()
  for (const { src, from } of media) {
    const original = await readOriginal(from)
    const { width = 0 } = await sharp(original).metadata()
    for (const w of imageWidths(width)) {
      for (const format of IMAGE_FORMATS) {
        const file = path.join(publicDir, imageVariantPath(src, w, format))
        wanted.add(path.resolve(file))
        if (await exists(file)) continue
        await fs.mkdir(path.dirname(file), { recursive: true })
        await sharp(original)
          .resize({ width: w, withoutEnlargement: true })
          .toFormat(format, { quality: 70 })
          .toFile(file)
      }
    }
  }
  await removeUnused(path.join(publicDir, 'media'), wanted)
}

/** Variants in the portal's media folder that no image the portal uses needs (the folder holds only these). */
async function removeUnused(mediaDir: string, wanted: Set<string>) {
  const entries = await fs.readdir(mediaDir, { recursive: true, withFileTypes: true }).catch(() => [])
  const variant = new RegExp(`-\\d+\\.(${IMAGE_FORMATS.join('|')})$`)
  for (const entry of entries) {
    if (!entry.isFile() || !variant.test(entry.name)) continue
    const file = path.resolve(entry.parentPath, entry.name)
    if (!wanted.has(file)) await fs.rm(file, { force: true })
  }
}

/**
 * Where a pull writes image variants. A draft preview (PREVIEW_ARTICLE_ID) writes beside its own private
 * output folder, never into the site's public/ folder: from there the next build would publish the draft's
 * images (issue #13, item 5). The preview endpoint removes that folder with the preview.
 */
export const imageDirFor = (publicDir: string, env: Record<string, string | undefined> = process.env) =>
  env.PREVIEW_ARTICLE_ID && env.PREVIEW_DIR ? previewImageDir(env.PREVIEW_DIR) : publicDir

export const previewImageDir = (previewDir: string) => `${path.resolve(previewDir)}.images`

async function readOriginal(from: string) {
  if (!/^https?:/.test(from)) return fs.readFile(from)
  const response = await fetch(from)
  if (!response.ok) throw new Error(`GET ${from} answered ${response.status}`)
  return Buffer.from(await response.arrayBuffer())
}

const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  )
