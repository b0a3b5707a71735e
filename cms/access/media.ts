import type { Access, CollectionSlug, FlattenedField, PayloadRequest } from 'payload'

import { isEditor } from './roles'

const MEDIA = 'media'

/** Where documents can point at an image: upload/relationship fields to media, and rich text (upload nodes). */
function mediaFieldsOf(fields: FlattenedField[]): { names: string[]; nested: boolean } {
  const names: string[] = []
  let nested = false
  for (const field of fields) {
    const pointsAtMedia =
      ((field.type === 'upload' || field.type === 'relationship') &&
        [field.relationTo].flat().includes(MEDIA)) ||
      field.type === 'richText'
    if (pointsAtMedia) names.push(field.name)
    else if ('flattenedFields' in field && mediaFieldsOf(field.flattenedFields).names.length) {
      names.push(field.name)
      nested = true
    }
  }
  return { names, nested }
}

/** Every media id found in a document's values: relationship ids and rich-text upload nodes. */
function collectMediaIds(value: unknown, into: Set<string>, field = false) {
  if (value === null || value === undefined) return
  if (field && (typeof value === 'string' || typeof value === 'number')) into.add(String(value))
  if (Array.isArray(value)) for (const item of value) collectMediaIds(item, into, field)
  else if (typeof value === 'object') {
    const node = value as Record<string, unknown>
    if (node.type === 'upload' && node.relationTo === MEDIA) {
      const ref = node.value
      into.add(String(typeof ref === 'object' && ref ? (ref as { id: unknown }).id : ref))
      return
    }
    if (field && 'id' in node && Object.keys(node).length > 1 && 'filename' in node) into.add(String(node.id))
    for (const child of Object.values(node)) collectMediaIds(child, into, false)
  }
}

const cache = new WeakMap<object, Promise<string[]>>()

/**
 * The images readers can see: those used by published content (any collection with drafts; every document
 * of one without). An image used only by drafts, or by nothing, is not public (issue #13, item 5), and one on
 * a published page is live, so changing it is an editor's call (item 3). Computed once per request.
 */
export function publicMediaIds(req: PayloadRequest): Promise<string[]> {
  const key = req.context ?? req
  let ids = cache.get(key)
  if (!ids) {
    ids = (async () => {
      const found = new Set<string>()
      for (const collection of req.payload.config.collections) {
        if (collection.slug === MEDIA || collection.slug.startsWith('payload-')) continue
        const { names } = mediaFieldsOf(collection.flattenedFields)
        if (!names.length) continue
        const drafts = Boolean(collection.versions && collection.versions.drafts)
        const { docs } = await req.payload.find({
          collection: collection.slug as CollectionSlug,
          where: drafts ? { _status: { equals: 'published' } } : {},
          select: Object.fromEntries(names.map((name) => [name, true])),
          depth: 0,
          limit: 0,
          pagination: false,
          draft: false,
          overrideAccess: true,
          req,
        })
        for (const doc of docs) {
          for (const name of names) {
            const field = collection.flattenedFields.find((f) => f.name === name)
            collectMediaIds(
              (doc as unknown as Record<string, unknown>)[name],
              found,
              field?.type !== 'richText',
            )
          }
        }
      }
      return [...found]
    })()
    cache.set(key, ids)
  }
  return ids
}

/** A Where that matches no document (an empty `in` list is not portable across adapters). */
const NOTHING = { id: { exists: false } }

/** Staff see every image; everyone else only images on published pages. */
export const readMedia: Access = async ({ req }) => {
  if (req.user) return true
  const ids = await publicMediaIds(req)
  return ids.length ? { id: { in: ids } } : NOTHING
}

/** Editors change any image; a contributor only images no published page uses yet (theirs in review). */
export const updateMedia: Access = async ({ req }) => {
  if (isEditor(req.user)) return true
  if (!req.user) return false
  const ids = await publicMediaIds(req)
  return ids.length ? { id: { not_in: ids } } : true
}
