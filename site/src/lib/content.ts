/**
 * Typed look-ups over the pulled collections. Everything here runs at build time, once per page at most;
 * the collections are small enough to hold in memory (see `npm run bench` for large corpora).
 */
import { getCollection } from 'astro:content'

const dataOf = <T>(entries: { data: T }[]) => entries.map((entry) => entry.data)

export const getArticles = async () =>
  dataOf(await getCollection('articles')).sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
export const getRegions = async () => dataOf(await getCollection('regions'))
export const getEnterprises = async () => dataOf(await getCollection('enterprises'))
export const getIndicators = async () => dataOf(await getCollection('indicators'))
export const getMetrics = async () => dataOf(await getCollection('metrics'))
export const getChannels = async () => dataOf(await getCollection('channels'))
export const getTopics = async () => dataOf(await getCollection('topics'))

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
