import type { CollectionConfig, PayloadRequest } from 'payload'

type Doc = { id: string | number; _status?: 'draft' | 'published' | null }

export type PublicationChange = 'publish' | 'update' | 'unpublish'

const hasDrafts = (collection: CollectionConfig) =>
  Boolean(collection.versions && typeof collection.versions === 'object' && collection.versions.drafts)

/**
 * What a save did to the public side, for afterChange hooks: published something new, changed something
 * published, took it down, or nothing (a draft). A draft saved over published content reaches afterChange
 * looking just like an unpublish; only the stored document tells them apart, since an unpublish leaves it a
 * draft and a draft save leaves it published.
 */
export async function publicationChange(
  doc: Doc,
  previousDoc: Doc | undefined,
  operation: 'create' | 'update',
  collection: CollectionConfig,
  req: PayloadRequest,
): Promise<PublicationChange | undefined> {
  if (!hasDrafts(collection)) return operation === 'create' ? 'publish' : 'update'
  const wasPublished = previousDoc?._status === 'published'
  if (doc._status === 'published') return wasPublished ? 'update' : 'publish'
  if (!wasPublished) return undefined
  const stored = (await req.payload.findByID({
    collection: collection.slug as 'articles',
    id: doc.id,
    depth: 0,
    draft: false,
    disableErrors: true,
    req,
  })) as Doc | null
  return stored?._status === 'published' ? undefined : 'unpublish'
}

export { hasDrafts }
