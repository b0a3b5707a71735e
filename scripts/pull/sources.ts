import path from 'node:path'

import type { CollectionSlug, Payload, Where } from 'payload'

import type { SiteSetting } from '../../content-schema/payload-types'
import type { RawContent } from './normalize'
import { describeTarget } from '../../config/database-uri'
import { PORTAL_COLLECTIONS } from '../../content-schema/portal'
import { settings } from '../../config/settings'

export const COLLECTIONS = [...PORTAL_COLLECTIONS, 'media'] as const satisfies (keyof RawContent)[]
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
  /** The site-settings global (one small document: fetched whole at every pull). */
  siteSettings(): Promise<Partial<SiteSetting>>
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
    name: `local ${describeTarget(settings().database)}`,
    // Straight from the database. The listing only tells what changed; documents are fetched through the
    // access-checked find above, which leaves out anything an anonymous reader may not see.
    list: (collection) => listFromTables(payload, collection) ?? listThroughAdapter(payload, collection),
    fetch: (collection, ids) => find(collection, { where: ids && { id: { in: ids } } }),
    siteSettings: () =>
      payload.findGlobal({ slug: 'site-settings', depth: 0, overrideAccess: false }) as Promise<SiteSetting>,
  }
}

const hasDrafts = (payload: Payload, collection: PulledCollection) =>
  Boolean(payload.collections[collection as CollectionSlug].config.versions?.drafts)

/** As the Local API writes dates (MongoDB's adapter gives Date objects). */
const listed = (id: unknown, updatedAt: unknown): RawDoc => ({
  id: String(id),
  updatedAt: new Date(updatedAt as string).toISOString(),
})

/** Published documents' ids and updatedAt through the database adapter (MongoDB). */
export async function listThroughAdapter(payload: Payload, collection: PulledCollection) {
  const { docs } = await payload.db.find<RawDoc>({
    collection: collection as CollectionSlug,
    where: hasDrafts(payload, collection) ? { _status: { equals: 'published' } } : {},
    pagination: false,
    select: { updatedAt: true },
  })
  return docs.map(({ id, updatedAt }) => listed(id, updatedAt))
}

/** The parts of Payload's SQL adapters (SQLite, Postgres) a listing needs: Drizzle and the tables. */
type SqlAdapter = {
  drizzle: {
    select(columns: Record<string, unknown>): {
      from(table: unknown): { orderBy(column: unknown): Promise<Record<string, unknown>[]> }
    }
  }
  tables: Record<string, Record<string, unknown>>
  tableNameMap: Map<string, string>
}

/**
 * Published documents' ids and updatedAt read from the collection's table with Drizzle, when the database is
 * SQL (undefined otherwise). Payload's `db.find` makes a whole document of every row, even with `select`:
 * 0.7 s for 20,000 figures, against 0.08 s here.
 */
export function listFromTables(payload: Payload, collection: PulledCollection) {
  const db = payload.db as unknown as Partial<SqlAdapter>
  const table = db.tables?.[db.tableNameMap?.get(collection) ?? '']
  if (!db.drizzle || !table) return undefined
  const drafts = hasDrafts(payload, collection)
  return db.drizzle
    .select({ id: table.id, updatedAt: table.updatedAt, ...(drafts ? { status: table._status } : {}) })
    .from(table)
    .orderBy(table.id)
    .then((rows) =>
      rows.filter((row) => !drafts || row.status === 'published').map((row) => listed(row.id, row.updatedAt)),
    )
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
  const base = cmsUrl.replace(/\/$/, '')
  return {
    name: `rest ${cmsUrl}`,
    siteSettings: async () => {
      const url = `${base}/api/globals/site-settings?depth=0`
      const response = await fetch(url, { headers })
      if (!response.ok) throw new Error(`GET ${url} answered ${response.status} ${response.statusText}`)
      return (await response.json()) as Partial<SiteSetting>
    },
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
  // A draft's own images are not public (cms/access/media.ts), so the anonymous pull left them out.
  const known = new Set(raw.media.map((m) => String(m.id)))
  const ids = mediaIdsIn(draft.body)
  if (draft.heroImage)
    ids.add(String(typeof draft.heroImage === 'object' ? draft.heroImage.id : draft.heroImage))
  const missing = [...ids].filter((id) => !known.has(id))
  if (missing.length) {
    const { docs } = await payload.find({
      collection: 'media',
      where: { id: { in: missing } },
      depth: 0,
      pagination: false,
    })
    raw.media.push(...docs)
  }
}

/** Image ids a document points at: its upload fields and the upload nodes of its rich text. */
function mediaIdsIn(value: unknown, ids = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) mediaIdsIn(item, ids)
  else if (value && typeof value === 'object') {
    const node = value as Record<string, unknown>
    if (node.type === 'upload' && node.relationTo === 'media' && node.value)
      ids.add(String(typeof node.value === 'object' ? (node.value as { id: unknown }).id : node.value))
    for (const child of Object.values(node)) mediaIdsIn(child, ids)
  }
  return ids
}
