import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import { requestSiteBuild } from '../lib/site-builds'
import { hasDrafts, publicationChange } from './publication'

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
  const change = await publicationChange(doc, previousDoc, operation, collection, req)
  if (change) {
    await outsideRestore(req, () =>
      requestSiteBuild(
        req.payload,
        {
          collection: collection.slug,
          docId: String(doc.id),
          title: titleOf(doc),
          operation: change,
          user: userOf(req),
        },
        { req, userId: req.user ? String(req.user.id) : undefined },
      ),
    )
  }
  return doc
}

/**
 * A version restore marks the request (`context.isRestoringVersion`), and Payload then skips default values
 * in every nested save on that request too: the build queue's own save would lose its required fields. The
 * queue entry is not part of the restore, so it is written without the mark.
 */
async function outsideRestore<T>(req: PayloadRequest, run: () => Promise<T>): Promise<T> {
  const restoring = req.context.isRestoringVersion
  if (!restoring) return run()
  delete req.context.isRestoringVersion
  try {
    return await run()
  } finally {
    req.context.isRestoringVersion = restoring
  }
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
