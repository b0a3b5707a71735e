/**
 * Typed look-ups over the pulled content. Everything here runs at build time; the collections are held in
 * memory (see `npm run bench` for large corpora).
 *
 * The content is pulled once per build (integrations/content.ts), validated by the pull. It is read by
 * getStaticPaths() and the pages directly, not through Astro's content collections: their store is written
 * whole to disk at every build (36 MB at 10,000 articles), and handing it to the pages in memory took a
 * private Astro module. Documents are tracked (dependencies.ts): what a page's props read is recorded.
 */
import { PORTAL_COLLECTIONS, type PortalCollection, type PortalContent } from '../../../content-schema/portal'
import { pullPortalContent } from '../../integrations/content'
import { collectionOf, docKey, dependOn, tracked, untracked } from './dependencies'

type Validated = { [C in PortalCollection]: PortalContent[C] }
const idOf = (entry: object) => ('slug' in entry ? String(entry.slug) : String((entry as { id: string }).id))

/**
 * The entries in the order of their ids (slugs; figures by id), whatever order they were pulled in: pages
 * listing entries stay the same from build to build.
 */
const byId = (a: object, b: object) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0)

/**
 * The content of this build, untracked (for digests); the pages get tracked copies. Every entry was
 * validated against the portal's schemas by the pull (scripts/pull/renderable.ts), which leaves out or keeps
 * at its last good version what fails; validating 30,000 documents again here cost every build a second.
 */
export const validatedContent = once(async (): Promise<Validated> => {
  const content = await pullPortalContent()
  const sorted = {} as Record<PortalCollection, object[]>
  for (const collection of PORTAL_COLLECTIONS) sorted[collection] = content[collection].toSorted(byId)
  return sorted as Validated
})

function once<T>(read: () => Promise<T>) {
  let value: Promise<T> | undefined
  return () => (value ??= read())
}

/** The arrays getX() return, with their collection: bySlug() records look-ups even in an empty one. */
const collectionOfList = new WeakMap<object, PortalCollection>()

const trackedCollection = <C extends PortalCollection>(
  collection: C,
  order?: (list: PortalContent[C]) => PortalContent[C],
) =>
  once(async () => {
    const docs = (await validatedContent())[collection] as unknown as PortalContent[C]
    const list = (order ? order(docs) : docs).map((doc) =>
      tracked(collection, idOf(doc), doc),
    ) as PortalContent[C]
    collectionOfList.set(list, collection)
    return list
  })

/** Each collection is read once per build. Callers must not change what they get. */
export const getArticles = trackedCollection('articles', (articles) =>
  // Newest first; articles published at the same time in slug order.
  articles.toSorted((a, b) => b.publishedAt.localeCompare(a.publishedAt)),
)
export const getRegions = trackedCollection('regions')
export const getEnterprises = trackedCollection('enterprises')
export const getIndicators = trackedCollection('indicators')
export const getMetrics = trackedCollection('metrics')
export const getChannels = trackedCollection('channels')
export const getTopics = trackedCollection('topics')

/**
 * The footer's settings (主办单位, contact, 备案 numbers), or undefined until the CMS has them. Validated by
 * the pull like the documents. Every page shows them (layouts/Base.astro), so every page depends on them
 * without reading them in its props (static-paths.ts records SITE_SETTINGS_KEY for each).
 */
export const getSiteSettings = once(async () => (await pullPortalContent()).settings)

/** A map by slug whose look-ups a page depends on, whether they find a document or not. */
export function bySlug<T extends { slug: string }>(items: T[]): Map<string, T> {
  const collection = collectionOfList.get(items) ?? (items[0] && collectionOf(items[0]))
  const map = new Map(untracked(() => items.map((item) => [item.slug, item] as const)))
  if (!collection) return map
  const get = map.get.bind(map)
  map.get = (slug: string) => {
    dependOn(docKey(collection, slug))
    return get(slug)
  }
  return map
}

type TreeNode = { slug: string; parent?: string }

/** A node and its ancestors, root first: 江苏省 › 苏州市 › 苏州工业园区, or 产改工作 › 他山之石. */
export function ancestry<T extends TreeNode>(node: T, nodes: Map<string, T>) {
  const trail = [node]
  for (let parent = node.parent; parent && trail.length < 10;) {
    const next = nodes.get(parent)
    if (!next) break
    trail.unshift(next)
    parent = next.parent
  }
  return trail
}

/**
 * The slugs of a node and of every node below it in the tree. A page showing them depends on who is below
 * (the lists of children) rather than on every node it passed over.
 */
export function withDescendants(slug: string, nodes: TreeNode[]) {
  const found = untracked(() => {
    const found = new Set([slug])
    for (let grew = true; grew;) {
      grew = false
      for (const node of nodes) {
        if (node.parent && found.has(node.parent) && !found.has(node.slug)) {
          found.add(node.slug)
          grew = true
        }
      }
    }
    return found
  })
  const collection = collectionOfList.get(nodes) ?? (nodes[0] && collectionOf(nodes[0]))
  if (collection) for (const s of found) dependOn(`${collection}.parent=${s}`)
  return found
}
