/**
 * Typed look-ups over the pulled collections. Everything here runs at build time, once per page at most;
 * the collections are small enough to hold in memory (see `npm run bench` for large corpora).
 */
import { getCollection } from 'astro:content'

import type { PortalChannel, PortalRegion } from '../../../content-schema/portal'

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

/** A region and its ancestors, root first: 江苏省 › 苏州市 › 苏州工业园区. */
export function regionTrail(region: PortalRegion, regions: Map<string, PortalRegion>) {
  const trail = [region]
  for (let parent = region.parent; parent && trail.length < 10;) {
    const next = regions.get(parent)
    if (!next) break
    trail.unshift(next)
    parent = next.parent
  }
  return trail
}

/** A channel and its ancestors, root first: 产改工作 › 他山之石. */
export function channelTrail(channel: PortalChannel, channels: Map<string, PortalChannel>) {
  const trail = [channel]
  for (let parent = channel.parent; parent && trail.length < 10;) {
    const next = channels.get(parent)
    if (!next) break
    trail.unshift(next)
    parent = next.parent
  }
  return trail
}

/** Every region at or below `slug` in the tree. */
export function regionAndDescendants(slug: string, regions: PortalRegion[]) {
  const found = new Set([slug])
  for (let grew = true; grew;) {
    grew = false
    for (const r of regions) {
      if (r.parent && found.has(r.parent) && !found.has(r.slug)) {
        found.add(r.slug)
        grew = true
      }
    }
  }
  return found
}
