/**
 * The dependency index: for every page of a release, the keys it depends on (documents, lists, an article's
 * neighbours; see site/src/lib/dependencies.ts), and for every document what the next build needs to tell
 * what its change reaches. Each build reads the live release's index (when the live release was built from
 * the same code) and writes the next into the new release, beside its manifest.
 *
 * The build's pages (site/src/lib/static-paths.ts) and its publish step (publish.ts) share one build context
 * in this process: the pages record there what each route rendered and reused.
 */
import fs from 'node:fs'

export const DEPENDENCY_INDEX_FILE = '.deps.json'

/** What the next build needs to know of a document to tell what its change reaches. */
export type DocState = {
  digest: string
  /** Its place in the order of its collection's lists (articles: the date), '' where order is not kept. */
  order: string
  /** The lists it is in: `articles.*`, `articles.regions=<slug>` … */
  lists: string[]
}

/** Keys are stored once, pages refer to them by number: at 50,000 pages this is a tenth of the size. */
export type DependencyIndex = {
  keys: string[]
  docs: Record<string, DocState>
  pages: Record<string, number[]>
}

/** A route's pages this build: each rendered one with the keys it recorded, each reused one with null. */
export type RoutePages = Map<string, string[] | null>

export type BuildContext = {
  /** The live release's index, when its pages may be reused. */
  previousIndex?: DependencyIndex
  routes: Map<string, RoutePages>
  docs?: Map<string, DocState>
}

const CONTEXT = Symbol.for('changai.build-context')
const shared = globalThis as unknown as Record<symbol, BuildContext | undefined>

/** The context of the build running in this process, if the publish step runs (not in dev, nor a preview). */
export const buildContext = () => shared[CONTEXT]

export function startBuildContext(previousIndexFile?: string) {
  shared[CONTEXT] = {
    previousIndex: previousIndexFile ? readDependencyIndex(previousIndexFile) : undefined,
    routes: new Map(),
  }
  return shared[CONTEXT]
}

export function readDependencyIndex(file: string): DependencyIndex | undefined {
  try {
    const index = JSON.parse(fs.readFileSync(file, 'utf8')) as DependencyIndex
    return Array.isArray(index.keys) && index.pages && index.docs ? index : undefined
  } catch {
    return undefined
  }
}

/** The index of the release this build makes: rendered pages with their new keys, reused ones as they were. */
export function nextDependencyIndex(context: BuildContext): DependencyIndex {
  const keys: string[] = []
  const ids = new Map<string, number>()
  const idOf = (key: string) => {
    let id = ids.get(key)
    if (id === undefined) {
      id = keys.push(key) - 1
      ids.set(key, id)
    }
    return id
  }
  const previous = context.previousIndex
  const pages: Record<string, number[]> = {}
  for (const route of context.routes.values())
    for (const [file, recorded] of route) {
      const kept = recorded ?? previous?.pages[file]?.map((id) => previous.keys[id]!)
      if (!kept) throw new Error(`The page ${file} was reused, but the live release has no record of it.`)
      pages[file] = kept.map(idOf)
    }
  return { keys, docs: Object.fromEntries(context.docs ?? []), pages }
}
