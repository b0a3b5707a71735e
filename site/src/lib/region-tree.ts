/**
 * The region tree in reading order: 江苏省 before 浙江省 (by 行政区划代码), a city's districts in code order,
 * towns and parks (which have no code here) after them by pinyin.
 */
import { REGION_LEVELS } from '../../../content-schema/enums'
import type { PortalRegion } from '../../../content-schema/portal'

const levelRank = (region: PortalRegion) => REGION_LEVELS.findIndex((l) => l.value === region.level)
const collator = new Intl.Collator('zh-CN')

export function compareRegions(a: PortalRegion, b: PortalRegion) {
  if (a.adminCode && b.adminCode) return a.adminCode.localeCompare(b.adminCode)
  if (a.adminCode || b.adminCode) return a.adminCode ? -1 : 1
  return levelRank(a) - levelRank(b) || collator.compare(a.name, b.name)
}

/**
 * Children of each region, sorted; the key '' holds the roots (regions without a parent, or whose parent is
 * not published).
 */
export function regionChildren(regions: PortalRegion[]) {
  const known = new Set(regions.map((r) => r.slug))
  const children = new Map<string, PortalRegion[]>()
  for (const region of regions) {
    const key = region.parent && known.has(region.parent) ? region.parent : ''
    children.set(key, [...(children.get(key) ?? []), region])
  }
  for (const list of children.values()) list.sort(compareRegions)
  return children
}

/** Every region, parents before their children, each with its depth (0 for a root). */
export function regionsInTreeOrder(regions: PortalRegion[]) {
  const children = regionChildren(regions)
  const ordered: { region: PortalRegion; depth: number }[] = []
  const seen = new Set<string>()
  const visit = (region: PortalRegion, depth: number) => {
    if (seen.has(region.slug)) return
    seen.add(region.slug)
    ordered.push({ region, depth })
    for (const child of children.get(region.slug) ?? []) visit(child, depth + 1)
  }
  for (const root of children.get('') ?? []) visit(root, 0)
  // A cycle in the parent links leaves regions unreachable from any root; list them rather than lose them.
  for (const region of regions.toSorted(compareRegions)) visit(region, 0)
  return ordered
}

export type RegionNode = { region: PortalRegion; children: RegionNode[] }

/**
 * The regions as nested nodes for drawing the tree, from the roots (or from below `under`, a region's slug).
 * Each region appears once, even if the parent links loop. A caller drawing many subtrees passes `children`
 * (regionChildren), sorted once.
 */
export function regionForest(
  regions: PortalRegion[],
  under?: string,
  children = regionChildren(regions),
): RegionNode[] {
  const seen = new Set<string>(under ? [under] : [])
  const build = (region: PortalRegion): RegionNode => {
    seen.add(region.slug)
    const kids = (children.get(region.slug) ?? []).filter((child) => !seen.has(child.slug))
    return { region, children: kids.map(build) }
  }
  const top = (children.get(under ?? '') ?? []).filter((r) => !seen.has(r.slug)).map(build)
  if (under) return top
  const stray = regions
    .toSorted(compareRegions)
    .filter((r) => !seen.has(r.slug))
    .map(build)
  return [...top, ...stray]
}
