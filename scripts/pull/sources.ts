import path from 'node:path'

import type { CollectionSlug, Payload, Where } from 'payload'

import type { RawContent } from './normalize'

export const COLLECTIONS = [
  'articles',
  'regions',
  'enterprises',
  'indicators',
  'metrics',
  'channels',
  'topics',
  'media',
] as const satisfies (keyof RawContent)[]
export type PulledCollection = (typeof COLLECTIONS)[number]

export type RawDoc = { id: string; updatedAt: string }

/** Where published documents come from: the CMS database in-process, or a remote CMS over REST. */
export type ContentSource = {
  /** Names the database or CMS, so documents pulled from one are never taken for another's. */
  name: string
  /** Every published document's id and updatedAt: cheap, for finding what changed. */
  list(collection: PulledCollection): Promise<RawDoc[]>
  /** Published documents in full (depth 0: relationships are ids); all of them without `ids`. */
  fetch(collection: PulledCollection, ids?: string[]): Promise<RawDoc[]>
}

/**
 * Reads published content in-process through Payload's Local API, asking as an anonymous reader
 * (`overrideAccess: false` with no user), so access control applies exactly as it does to the public API.
 */
export const localApiSource = (payload: Payload): ContentSource => {
  const find = async (collection: PulledCollection, options: { where?: Where }) =>
    (
      await payload.find({
        collection: collection as CollectionSlug,
        overrideAccess: false,
        draft: false,
        depth: 0,
        pagination: false,
        where: options.where,
      })
    ).docs as unknown as RawDoc[]
  return {
    name: `local ${process.env.DATABASE_URI}`,
    // Straight from the database: a third of the Local API's time for 20,000 rows. The listing only tells
    // what changed; documents are fetched through the access-checked find above, which leaves out anything
    // an anonymous reader may not see.
    list: async (collection) => {
      const drafts = Boolean(payload.collections[collection as CollectionSlug].config.versions?.drafts)
      const { docs } = await payload.db.find<RawDoc>({
        collection: collection as CollectionSlug,
        where: drafts ? { _status: { equals: 'published' } } : {},
        pagination: false,
        select: { updatedAt: true },
      })
      // As the Local API writes dates (MongoDB's adapter may give Date objects here).
      return docs.map(({ id, updatedAt }) => ({
        id: String(id),
        updatedAt: new Date(updatedAt).toISOString(),
      }))
    },
    fetch: (collection, ids) => find(collection, { where: ids && { id: { in: ids } } }),
  }
}

export const localMediaFile = (mediaDir: string) => (media: { filename?: string | null }) =>
  path.join(mediaDir, media.filename ?? '')

/** Ids per request when fetching changed documents over REST (they go in the query string). */
const REST_ID_BATCH = 50

/**
 * Reads published content from a remote CMS over REST. The API key (if the CMS needs one) may belong to
 * staff who can see drafts, so every query also asks for published documents explicitly.
 */
export const restSource = (cmsUrl: string, apiKey?: string): ContentSource => {
  const headers: Record<string, string> = apiKey ? { authorization: `users API-Key ${apiKey}` } : {}
  const get = async (collection: PulledCollection, query: string) => {
    const published = collection === 'media' ? '' : '&where[_status][equals]=published'
    const url = `${cmsUrl.replace(/\/$/, '')}/api/${collection}?depth=0&pagination=false&draft=false${published}${query}`
    const response = await fetch(url, { headers })
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status} ${response.statusText}`)
    return ((await response.json()) as { docs: RawDoc[] }).docs
  }
  return {
    name: `rest ${cmsUrl}`,
    list: (collection) => get(collection, '&select[updatedAt]=true'),
    fetch: async (collection, ids) => {
      if (!ids) return get(collection, '')
      const batches: string[][] = []
      for (let i = 0; i < ids.length; i += REST_ID_BATCH) batches.push(ids.slice(i, i + REST_ID_BATCH))
      const docs = await Promise.all(
        batches.map((batch) => get(collection, `&where[id][in]=${batch.map(encodeURIComponent).join(',')}`)),
      )
      return docs.flat()
    },
  }
}

export const remoteMediaUrl = (cmsUrl: string) => (media: { url?: string | null }) =>
  new URL(media.url ?? '', cmsUrl).toString()

/**
 * Draft preview: the one article an editor is looking at, in its latest (unpublished) version, in place of
 * the published articles, with only its own figures. The caller has checked that an editor asked.
 */
export async function withDraftArticle(payload: Payload, raw: RawContent, articleId: string) {
  const draft = await payload.findByID({ collection: 'articles', id: articleId, draft: true, depth: 0 })
  raw.articles = [{ ...draft, publishedAt: draft.publishedAt ?? new Date().toISOString() }]
  raw.metrics = raw.metrics.filter((m) => m.sourceArticle === articleId)
}
