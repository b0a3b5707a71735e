import fs from 'node:fs/promises'
import path from 'node:path'

import sharp from 'sharp'

import { IMAGE_FORMATS, imageVariantPath, imageWidths, type PortalContent } from '../../content-schema/portal'

/**
 * Writes every image the portal uses, resized to the portal's widths in modern formats, under `publicDir`
 * (the site's public/ folder, which Astro copies into the build). Existing variants are kept, so an
 * unchanged image is not converted again.
 */
export async function publishImages(media: PortalContent['media'], publicDir: string) {
  for (const { src, from } of media) {
    const original = await readOriginal(from)
    const { width = 0 } = await sharp(original).metadata()
    for (const w of imageWidths(width)) {
      for (const format of IMAGE_FORMATS) {
        const file = path.join(publicDir, imageVariantPath(src, w, format))
        if (await exists(file)) continue
        await fs.mkdir(path.dirname(file), { recursive: true })
        await sharp(original)
          .resize({ width: w, withoutEnlargement: true })
          [format]({ quality: 70 })
          .toFile(file)
      }
    }
  }
}

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
