import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionConfig,
  PayloadRequest,
} from 'payload'

import { requestSiteBuild, type ContentChange } from '../lib/site-builds'

type Doc = {
  id: string | number
  _status?: 'draft' | 'published' | null
  title?: string
  name?: string
  alt?: string
}

const titleOf = (doc: Doc) => doc.title ?? doc.name ?? doc.alt
const userOf = (req: PayloadRequest) =>
  req.user
    ? String(('name' in req.user && req.user.name) || ('email' in req.user && req.user.email) || req.user.id)
    : undefined
const hasDrafts = (collection: CollectionConfig) =>
  Boolean(collection.versions && typeof collection.versions === 'object' && collection.versions.drafts)

/**
 * Requests a portal rebuild when something readers can see changed: a publish, an edit of published
 * content, an unpublish. Saving or autosaving a draft does not. Bulk loads pass `context.skipRebuild`
 * and ask for one rebuild at the end instead.
 */
export const rebuildAfterChange: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  operation,
  collection,
  context,
  req,
}) => {
  if (context.skipRebuild) return doc
  const change = await publicChange(doc, previousDoc, operation, collection, req)
  if (change) {
    await requestSiteBuild(
      req.payload,
      {
        collection: collection.slug,
        docId: String(doc.id),
        title: titleOf(doc),
        operation: change,
        user: userOf(req),
      },
      { req, userId: req.user ? String(req.user.id) : undefined },
    )
  }
  return doc
}

export const rebuildAfterDelete: CollectionAfterDeleteHook = async ({ doc, collection, context, req }) => {
  if (context.skipRebuild || (hasDrafts(collection) && doc._status !== 'published')) return doc
  await requestSiteBuild(
    req.payload,
    {
      collection: collection.slug,
      docId: String(doc.id),
      title: titleOf(doc),
      operation: 'delete',
      user: userOf(req),
    },
    { req, userId: req.user ? String(req.user.id) : undefined },
  )
  return doc
}

async function publicChange(
  doc: Doc,
  previousDoc: Doc | undefined,
  operation: 'create' | 'update',
  collection: CollectionConfig,
  req: PayloadRequest,
): Promise<ContentChange['operation'] | undefined> {
  if (!hasDrafts(collection)) return operation === 'create' ? 'publish' : 'update'
  const wasPublished = previousDoc?._status === 'published'
  if (doc._status === 'published') return wasPublished ? 'update' : 'publish'
  if (!wasPublished) return undefined
  // A draft saved over published content reaches this hook looking just like an unpublish; only the
  // stored document tells them apart: an unpublish leaves it a draft, a draft save leaves it published.
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
