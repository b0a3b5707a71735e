/**
 * Every getStaticPaths() hands its pages to `pagesToBuild` with their props not yet computed. A cold build
 * computes and renders them all; an incremental one (the live release was built from the same code) only
 * those a change reaches, found in the live release's dependency index (dependencies.ts), and pages new
 * since then. Both paths compute a page's props the same way, recording what they read, and the publish step
 * (integrations/publish.ts) writes the index the next build reads: the pages kept their entries, the pages
 * rendered the keys they recorded now.
 *
 * Nothing here computes the props of a page that is not rendered; per route it lists the pages' names (to
 * find new and removed pages).
 */
import type { Params } from 'astro'

import type { PortalCollection } from '../../../content-schema/portal'
import { reportPlannedPages } from '../../integrations/build-progress'
import { buildContext, type DependencyIndex } from '../../integrations/dependency-index'
import { pageFile } from '../../integrations/page-keys'
import { sitePaths } from '../../output'
import { getArticles, getSiteSettings, validatedContent } from './content'
import {
  changedKeys,
  dependOn,
  docState,
  recording,
  settingsState,
  SITE_SETTINGS_KEY,
  untracked,
  type DocState,
} from './dependencies'

/** A page of a route, its props computed only if it is rendered. */
export type LazyPath<P> = { params: Params; props: () => P }

type Plan = {
  docs: Map<string, DocState>
  /** Undefined in a cold build: every page is rendered. */
  previous?: { pages: Set<string>; affected: Set<string> }
}

let planned: Promise<Plan> | undefined
const plan = () => (planned ??= makePlan())

async function makePlan(): Promise<Plan> {
  if (sitePaths().preview) return { docs: new Map() }
  const content = await validatedContent()
  const docs = new Map<string, DocState>()
  for (const collection of Object.keys(content) as PortalCollection[])
    for (const doc of content[collection] as Record<string, unknown>[]) {
      const id = String(doc.slug ?? doc.id)
      docs.set(`${collection}/${id}`, docState(collection, doc))
    }
  const settings = await getSiteSettings()
  if (settings) docs.set(SITE_SETTINGS_KEY, settingsState(settings))
  const context = buildContext()
  if (context) context.docs = docs
  const index = context?.previousIndex
  if (!index) return { docs }
  const articles = await getArticles()
  const position = untracked(() => new Map(articles.map((a, i) => [a.slug, i])))
  const neighboursOf = (slug: string) => {
    const i = position.get(slug)
    if (i === undefined) return []
    return untracked(() => [articles[i - 1]?.slug, articles[i + 1]?.slug]).filter((s): s is string => !!s)
  }
  const keys = changedKeys(index.docs, docs, neighboursOf)
  return {
    docs,
    previous: { pages: new Set(Object.keys(index.pages)), affected: affectedPages(index, keys) },
  }
}

/** The pages of the index that depend on any of `keys`. */
export function affectedPages(index: DependencyIndex, keys: Set<string>) {
  const ids = new Set(index.keys.flatMap((key, id) => (keys.has(key) ? [id] : [])))
  const affected = new Set<string>()
  if (!ids.size) return affected
  for (const [file, pageKeys] of Object.entries(index.pages))
    if (pageKeys.some((id) => ids.has(id))) affected.add(file)
  return affected
}

export async function pagesToBuild<P>(routePattern: string, paths: LazyPath<P>[]) {
  const { previous } = await plan()
  const record = new Map<string, string[] | null>()
  const toRender: { params: Params; props: P }[] = []
  // A draft preview renders its article's page only.
  const only = sitePaths().preview?.page
  for (const path of paths) {
    const file = pageFile(routePattern, path.params)
    if (only && file !== only) continue
    if (previous && previous.pages.has(file) && !previous.affected.has(file)) {
      record.set(file, null)
      continue
    }
    const { value, keys } = recording(() => {
      // Every page's footer shows the site settings (layouts/Base.astro): a change to them renders every page.
      dependOn(SITE_SETTINGS_KEY)
      return path.props()
    })
    record.set(file, keys)
    toRender.push({ params: path.params, props: value })
  }
  buildContext()?.routes.set(routePattern, record)
  reportPlannedPages(toRender.length)
  return toRender
}

/**
 * Astro's paginate() for lazy pages: the pages' slices are cut up front (cheap), what they show of each item
 * only for the pages rendered.
 */
export function lazyPaginated<T, Item, P extends object, Pg extends { data: T[] }>(
  pages: { params: Params; props: { page: Pg } }[],
  show: (item: T) => Item,
  more: () => P,
) {
  return pages.map(({ params, props }) => ({
    params,
    props: (): P & { page: Omit<Pg, 'data'> & { data: Item[] } } => ({
      ...more(),
      page: { ...props.page, data: props.page.data.map(show) },
    }),
  }))
}
