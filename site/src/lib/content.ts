/**
 * Typed look-ups over the pulled collections. Everything here runs at build time, once per page at most;
 * the collections are small enough to hold in memory (see `npm run bench` for large corpora).
 */
import { getCollection } from 'astro:content'

/**
 * The entries' data in the order of their ids (slugs; figures by id), not in the store's order, which is the
 * order they were stored in (in a build, the pull's): pages listing entries stay the same from build to build.
 */
const dataOf = <T>(entries: { id: string; data: T }[]) =>
  entries.toSorted((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((entry) => entry.data)

/**
 * Each collection is read once per build: every route's getStaticPaths() asks for them, and reading 10,000
 * articles from Astro's store takes a fraction of a second each time. Callers must not change what they get.
 */
const once = <T>(read: () => Promise<T>) => {
  let value: Promise<T> | undefined
  return () => (value ??= read())
}

export const getArticles = once(async () =>
  // Newest first; articles published at the same time in slug order.
  dataOf(await getCollection('articles')).sort((a, b) => b.publishedAt.localeCompare(a.publishedAt)),
)
export const getRegions = once(async () => dataOf(await getCollection('regions')))
export const getEnterprises = once(async () => dataOf(await getCollection('enterprises')))
export const getIndicators = once(async () => dataOf(await getCollection('indicators')))
export const getMetrics = once(async () => dataOf(await getCollection('metrics')))
export const getChannels = once(async () => dataOf(await getCollection('channels')))
export const getTopics = once(async () => dataOf(await getCollection('topics')))
/** The footer's settings (主办单位, contact, 备案 numbers), or undefined until the CMS has them. */
export const getSiteSettings = once(async () => (await getCollection('settings'))[0]?.data)

export const bySlug = <T extends { slug: string }>(items: T[]) =>
  new Map(items.map((item) => [item.slug, item]))

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

/** The slugs of a node and of every node below it in the tree. */
export function withDescendants(slug: string, nodes: TreeNode[]) {
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
}
