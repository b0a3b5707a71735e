import path from 'node:path'

import type { CollectionSlug, Payload } from 'payload'

import type { RawContent } from './normalize'

const COLLECTIONS = [
  'articles',
  'regions',
  'enterprises',
  'indicators',
  'metrics',
  'channels',
  'topics',
  'media',
] as const

/**
 * Reads published content in-process through Payload's Local API, asking as an anonymous reader
 * (`overrideAccess: false` with no user), so access control applies exactly as it does to the public API.
 */
export async function readFromLocalApi(payload: Payload): Promise<RawContent> {
  const entries = await Promise.all(
    COLLECTIONS.map(async (collection) => {
      const { docs } = await payload.find({
        collection: collection as CollectionSlug,
        overrideAccess: false,
        draft: false,
        depth: 0,
        pagination: false,
      })
      return [collection, docs] as const
    }),
  )
  return Object.fromEntries(entries) as unknown as RawContent
}

export const localMediaFile = (mediaDir: string) => (media: { filename?: string | null }) =>
  path.join(mediaDir, media.filename ?? '')

/**
 * Reads published content from a remote CMS over REST. The API key (if the CMS needs one) may belong to
 * staff who can see drafts, so every query also asks for published documents explicitly.
 */
export async function readFromRest(cmsUrl: string, apiKey?: string): Promise<RawContent> {
  const headers: Record<string, string> = apiKey ? { authorization: `users API-Key ${apiKey}` } : {}
  const entries = await Promise.all(
    COLLECTIONS.map(async (collection) => {
      const query = collection === 'media' ? '' : '&where[_status][equals]=published'
      const url = `${cmsUrl.replace(/\/$/, '')}/api/${collection}?depth=0&pagination=false&draft=false${query}`
      const response = await fetch(url, { headers })
      if (!response.ok) throw new Error(`GET ${url} answered ${response.status} ${response.statusText}`)
      const { docs } = (await response.json()) as { docs: unknown[] }
      return [collection, docs] as const
    }),
  )
  return Object.fromEntries(entries) as unknown as RawContent
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
