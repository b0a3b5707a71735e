/**
 * Which documents each page shows, recorded while its props are computed, so that the next build renders
 * only the pages a change reaches (see static-paths.ts and README "Publishing").
 *
 * A page depends on keys:
 * - `articles/<slug>` (a document, figures by id): recorded when the page's props read one of its fields, or
 *   look it up by slug (found or not: a page that looked for an unpublished region is reached when it is
 *   published);
 * - `articles.regions=<slug>` (who is in a list: the articles of a region), `articles.*` (every article, in
 *   order): declared by the route with `dependOn`, since a page cannot read the documents that are not in
 *   its list yet;
 * - `neighbours/<slug>`: an article's place in the order (its 上一篇/下一篇);
 * - `settings/site`: the site settings every page's footer shows (recorded for every page by pagesToBuild).
 *
 * A changed document gives its own key; when it joins or leaves lists, or moves in the order, also the keys
 * of those lists (before and after) and of its new neighbours (see changedKeys).
 */
import { createHash } from 'node:crypto'

import type { PortalCollection } from '../../../content-schema/portal'
import type { DocState } from '../../integrations/dependency-index'

export type { DocState }

let recorded: Set<string> | undefined
let paused = 0

/** Adds a key to the page whose props are being computed; outside one, does nothing. */
export function dependOn(key: string) {
  if (recorded && !paused) recorded.add(key)
}

/** Computes a page's props and the keys it depended on. */
export function recording<T>(compute: () => T): { value: T; keys: string[] } {
  const outer = recorded
  recorded = new Set()
  try {
    const value = compute()
    return { value, keys: [...recorded].sort() }
  } finally {
    recorded = outer
  }
}

/**
 * Runs `read` without recording: for walks over a whole collection whose result the caller declares
 * itself (e.g. the regions below a region, declared as the lists of their children).
 */
export function untracked<T>(read: () => T): T {
  paused++
  try {
    return read()
  } finally {
    paused--
  }
}

export const docKey = (collection: PortalCollection, id: string) => `${collection}/${id}`
export const listKey = (collection: PortalCollection, field: string, value: string) =>
  `${collection}.${field}=${value}`
export const wholeListKey = (collection: PortalCollection) => `${collection}.*`
export const neighboursKey = (articleSlug: string) => `neighbours/${articleSlug}`
export const SITE_SETTINGS_KEY = 'settings/site'

/** The fields by which pages list a collection's documents (a region's articles, an indicator's figures). */
export const LISTED_BY: Record<PortalCollection, readonly string[]> = {
  articles: ['channel', 'topics', 'regions', 'enterprises'],
  metrics: ['region', 'enterprise', 'indicator', 'sourceArticle'],
  enterprises: ['region'],
  regions: ['parent'],
  channels: ['parent'],
  indicators: [],
  topics: [],
}

const COLLECTION = Symbol.for('changai.collection')

/**
 * A document whose field reads are recorded as the current page's dependency on it. Props hold these
 * proxies; templates reading them later record nothing (no page is being computed then).
 */
export function tracked<T extends object>(collection: PortalCollection, id: string, doc: T): T {
  const key = docKey(collection, id)
  return new Proxy(doc, {
    get(target, property, receiver) {
      if (property === COLLECTION) return collection
      dependOn(key)
      return Reflect.get(target, property, receiver)
    },
    ownKeys(target) {
      dependOn(key)
      return Reflect.ownKeys(target)
    },
  })
}

/** The collection of a tracked document, if it is one. */
export const collectionOf = (doc: object): PortalCollection | undefined =>
  (doc as Record<symbol, PortalCollection | undefined>)[COLLECTION]

const digestOf = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('base64url')

/** The site settings are in no list and no order: a change to them changes SITE_SETTINGS_KEY only. */
export const settingsState = (settings: object): DocState => ({
  digest: digestOf(settings),
  order: '',
  lists: [],
})

export function docState(collection: PortalCollection, doc: Record<string, unknown>): DocState {
  const values = (field: string) => {
    const value = doc[field]
    return (Array.isArray(value) ? value : value == null ? [] : [value]).map(String)
  }
  return {
    digest: digestOf(doc),
    order: collection === 'articles' ? String(doc.publishedAt) : '',
    lists: [
      wholeListKey(collection),
      ...LISTED_BY[collection].flatMap((field) =>
        values(field).map((value) => listKey(collection, field, value)),
      ),
    ],
  }
}

/**
 * The keys a change of content reaches: every document added, removed or changed, and for those that joined
 * or left lists or moved in the order, those lists (as they were and as they are) and, for articles, the
 * pages of their new neighbours (`neighboursOf`; the old ones showed the article, so they depend on it).
 */
export function changedKeys(
  before: Record<string, DocState>,
  after: Map<string, DocState>,
  neighboursOf: (articleSlug: string) => string[],
) {
  const keys = new Set<string>()
  const moved = (key: string, was?: DocState, is?: DocState) => {
    keys.add(key)
    for (const list of [...(was?.lists ?? []), ...(is?.lists ?? [])]) keys.add(list)
    if (is && key.startsWith('articles/'))
      for (const slug of neighboursOf(key.slice('articles/'.length))) keys.add(neighboursKey(slug))
  }
  for (const [key, is] of after) {
    const was = before[key]
    if (was?.digest === is.digest) continue
    if (!was || was.order !== is.order || was.lists.join('\n') !== is.lists.join('\n')) moved(key, was, is)
    else keys.add(key)
  }
  for (const key of Object.keys(before)) if (!after.has(key)) moved(key, before[key])
  return keys
}
