import type { CollectionAfterChangeHook } from 'payload'

import { settings } from '../../config/settings'
import { prepareImageVariants } from '../../scripts/pull/images'
import type { Media } from '../../content-schema/payload-types'

/**
 * Resizes an image once, when it is uploaded: the portal's widths in AVIF and WebP, kept beside the original
 * (scripts/pull/images.ts), so that no build reads or encodes it again.
 */
export const prepareVariantsOnUpload: CollectionAfterChangeHook<Media> = async ({ doc, req }) => {
  if (!doc.filename || !doc.width || !doc.mimeType?.startsWith('image/')) return doc
  try {
    await prepareImageVariants(settings().mediaDir, doc.filename, doc.width)
  } catch (error) {
    // The pull resizes what is missing; an upload is not refused for this.
    req.payload.logger.warn(`Could not resize ${doc.filename} on upload: ${(error as Error).message}`)
  }
  return doc
}
