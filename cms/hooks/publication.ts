import type {
  CollectionBeforeChangeHook,
  CollectionBeforeOperationHook,
  CollectionConfig,
  PayloadRequest,
} from 'payload'

import { hasReviewFields } from '../fields/review'

type Doc = { id: string | number; _status?: 'draft' | 'published' | null }

export type PublicationChange = 'publish' | 'update' | 'unpublish'

const hasDrafts = (collection: CollectionConfig) =>
  Boolean(collection.versions && typeof collection.versions === 'object' && collection.versions.drafts)

const contextKey = (collection: CollectionConfig, id: string | number) =>
  `publishedBefore:${collection.slug}:${id}`

/** Whether readers can see the document right now: the stored (not the latest draft) version is published. */
async function isLive(collection: CollectionConfig, id: string | number, req: PayloadRequest) {
  const stored = (await req.payload.findByID({
    collection: collection.slug as 'articles',
    id,
    depth: 0,
    draft: false,
    disableErrors: true,
    overrideAccess: true,
    req,
  })) as Doc | null
  return stored?._status === 'published'
}

/**
 * Records, before a save, whether the document was live. Every write passes through beforeChange — update,
 * a version restore, the importer, jobs — and only this tells what the save did to readers afterwards: a
 * version restore hands afterChange the latest *draft* as `previousDoc`, so it cannot tell an unpublish from
 * a draft save (issue #13, item 1).
 */
export const recordPublicationBefore: CollectionBeforeChangeHook = async ({
  data,
  operation,
  originalDoc,
  collection,
  req,
}) => {
  if (operation === 'update' && hasDrafts(collection) && originalDoc?.id !== undefined) {
    const live = await isLive(collection, originalDoc.id, req)
    // Assigned after the lookup: a nested Local API call replaces req.context with a copy of it.
    req.context[contextKey(collection, originalDoc.id)] = live
  }
  return data
}

/**
 * What a save did to the public side, for afterChange hooks: published something new, changed something
 * published, took it down, or nothing (a draft). Compares the stored document before the save (see
 * recordPublicationBefore) with the stored document after it: a draft saved over published content leaves
 * it published; an unpublish, or a restore of a draft version, does not.
 */
export async function publicationChange(
  doc: Doc,
  previousDoc: Doc | undefined,
  operation: 'create' | 'update',
  collection: CollectionConfig,
  req: PayloadRequest,
): Promise<PublicationChange | undefined> {
  if (!hasDrafts(collection)) return operation === 'create' ? 'publish' : 'update'
  const key = contextKey(collection, doc.id)
  const wasLive =
    operation === 'create'
      ? false
      : key in req.context
        ? Boolean(req.context[key])
        : previousDoc?._status === 'published'
  if (doc._status === 'published') return wasLive ? 'update' : 'publish'
  if (!wasLive) return undefined
  return (await isLive(collection, doc.id, req)) ? undefined : 'unpublish'
}

/**
 * A duplicate is new content: it starts as a draft with a review of its own, whoever makes it and through
 * whichever interface (REST duplicates as a draft by default, GraphQL and the Local API did not), and it
 * gets a slug of its own (fields/slug.ts). Publishing it goes through review like anything else.
 */
export const duplicateAsDraft: CollectionBeforeOperationHook = ({ args, operation, collection }) => {
  if (operation !== 'create' || !args.duplicateFromID || !hasDrafts(collection)) return args
  return {
    ...args,
    draft: true,
    data: {
      ...args.data,
      _status: 'draft',
      ...(hasReviewFields(collection) ? { review: { state: 'draft' } } : {}),
    },
  }
}

export { hasDrafts }
