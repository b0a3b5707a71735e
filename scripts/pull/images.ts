import fs from 'node:fs/promises'
import path from 'node:path'

import sharp from 'sharp'

import { IMAGE_FORMATS, imageVariantPath, imageWidths } from '../../content-schema/images'
import type { PortalContent } from '../../content-schema/portal'

/**
 * Images are resized once. When an image is uploaded, the CMS writes its variants (the portal's widths in
 * AVIF and WebP) beside the original, in the media folder's `.portal/` (cms/hooks/imageVariants.ts). A pull
 * links the variants of the images the portal uses into `publicDir` (the site's public/ folder, which Astro
 * copies into the build); an image whose variants are there already is not even read. Only an image without
 * prepared variants (uploaded before they existed, or from a remote CMS) is resized here, once: its
 * variants stay in `publicDir`. Variants of images the portal no longer uses (their article was unpublished
 * or deleted, the image replaced) are removed, so the next build does not publish them.
 *
 * Returns how many variants it encoded.
 */
export async function publishImages(media: PortalContent['media'], publicDir: string) {
  const wanted = new Set<string>()
  let encoded = 0
  for (const { src, from, width } of media) {
    const local = !/^https?:/.test(from)
    const original = width ? undefined : await readOriginal(from)
    const widths = imageWidths(width ?? (await sharp(original).metadata()).width ?? 0)
    const missing = []
    for (const w of widths)
      for (const format of IMAGE_FORMATS) {
        const file = path.join(publicDir, imageVariantPath(src, w, format))
        wanted.add(path.resolve(file))
        if (!(await exists(file))) missing.push({ file, w, format })
      }
    for (const { file, w, format } of missing) {
      await fs.mkdir(path.dirname(file), { recursive: true })
      const prepared = local
        ? path.join(preparedVariantsDir(path.dirname(from)), variantName(src, w, format))
        : ''
      if (prepared && (await exists(prepared))) {
        await fs.copyFile(prepared, file)
        continue
      }
      await encode(original ?? (await readOriginal(from)), w, format, file)
      encoded++
    }
  }
  await removeUnused(path.join(publicDir, 'media'), wanted)
  return { encoded }
}

/** Where the CMS keeps the variants it made of its uploads: inside the media folder, beside the originals. */
export const preparedVariantsDir = (mediaDir: string) => path.join(mediaDir, '.portal')

const variantName = (src: string, width: number, format: (typeof IMAGE_FORMATS)[number]) =>
  path.basename(imageVariantPath(src, width, format))

/**
 * Writes the portal's variants of an uploaded image (`filename` in `mediaDir`, `width` px wide) into
 * preparedVariantsDir(mediaDir), those it does not have yet. Returns how many it encoded.
 */
export async function prepareImageVariants(mediaDir: string, filename: string, width: number) {
  const dir = preparedVariantsDir(mediaDir)
  await fs.mkdir(dir, { recursive: true })
  const src = `/media/${filename}`
  let original: Buffer | undefined
  let encoded = 0
  for (const w of imageWidths(width))
    for (const format of IMAGE_FORMATS) {
      const file = path.join(dir, variantName(src, w, format))
      if (await exists(file)) continue
      original ??= await fs.readFile(path.join(mediaDir, filename))
      await encode(original, w, format, file)
      encoded++
    }
  return encoded
}

/** Written aside and renamed: a variant is there whole or not at all. */
async function encode(original: Buffer, width: number, format: (typeof IMAGE_FORMATS)[number], file: string) {
  const partial = `${file}.${process.pid}.partial`
  await sharp(original)
    .resize({ width, withoutEnlargement: true })
    .toFormat(format, { quality: 70 })
    .toFile(partial)
  await fs.rename(partial, file)
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
