import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'

import { makeBuildWorkingDir } from '../../site/output'
import { SEARCH_RANKING } from '../../site/src/lib/search'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * Runs the real `astro build` of site/ as the README's `npm run build` does, against the given database,
 * writing into `dist` (with its staging, releases and cache beside it). Never throws: returns the exit code
 * and everything it printed.
 */
export async function buildSite(databaseUri: string, dist: string, env: Record<string, string> = {}) {
  const astro = path.join(repoRoot, 'node_modules/astro/bin/astro.mjs')
  const workDir = makeBuildWorkingDir()
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [astro, 'build', '--root', path.join(repoRoot, 'site')],
      {
        cwd: workDir,
        env: { ...process.env, DATABASE_URI: databaseUri, SITE_DIST: dist, NO_COLOR: '1', ...env },
        maxBuffer: 64 * 1024 * 1024,
      },
    )
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const { code, stdout = '', stderr = '' } = error as { code?: number; stdout?: string; stderr?: string }
    return { code: code ?? 1, output: stdout + stderr }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true })
  }
}

/** Every file under `dir`, relative to it (follows the live symlink). */
export const filesUnder = (dir: string) =>
  fs
    .readdirSync(fs.realpathSync(dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => fs.statSync(path.join(fs.realpathSync(dir), f)).isFile())

export const readPage = (dist: string, urlPath: string) =>
  fs.readFileSync(path.join(dist, urlPath, urlPath.endsWith('/') ? 'index.html' : ''), 'utf8')

/** A search result as the search page reads it (site/src/lib/search.ts). */
export type SearchResult = {
  raw_url: string
  url: string
  excerpt: string
  content: string
  meta: Record<string, string>
  filters: Record<string, string[]>
}

/**
 * Searches the built Pagefind index the way the search page does (its ranking, its filters), with Pagefind's
 * own client running in Node: its fetches of index files are answered from disk. Returns the results in order.
 */
export async function searchResults(
  dist: string,
  query: string,
  { ranking = SEARCH_RANKING, filters }: { ranking?: object; filters?: Record<string, string> } = {},
): Promise<SearchResult[]> {
  const root = fs.realpathSync(dist)
  // The index comes in shards, as the search page loads them: the first searched, the others merged in.
  const [first, ...others] = (
    JSON.parse(fs.readFileSync(path.join(root, 'pagefind/bundles.json'), 'utf8')) as string[]
  ).map((bundle) => pathToFileURL(path.join(root, bundle)).href + '/')
  const realFetch = globalThis.fetch
  globalThis.fetch = async (input, init) => {
    const url = new URL(String(input), first)
    if (url.protocol !== 'file:') return realFetch(input, init)
    return new Response(fs.readFileSync(fileURLToPath(url)))
  }
  try {
    // A fresh module each time: Pagefind's client keeps its options and merged indexes per module.
    const pagefind = await import(`${new URL('pagefind.js', first!).href}?${Date.now()}-${Math.random()}`)
    await pagefind.options({ basePath: first, ranking })
    for (const bundle of others) await pagefind.mergeIndex(bundle)
    const { results } = await pagefind.search(query, filters ? { filters } : {})
    const pages = await Promise.all(results.map((r: { data: () => Promise<SearchResult> }) => r.data()))
    await pagefind.destroy?.()
    return pages
  } finally {
    globalThis.fetch = realFetch
  }
}

/** The page paths of the results of `query`, best first. */
export const searchSite = async (dist: string, query: string) =>
  (await searchResults(dist, query)).map((p) => p.raw_url)
