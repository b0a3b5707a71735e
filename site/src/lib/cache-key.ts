/**
 * Cache keys for Astro's incremental builds (experimental.incrementalBuild). A page returned by
 * getStaticPaths() with a `cacheKey` is reused from the previous build when the key and the page's code are
 * unchanged. Our content comes from the CMS through object loaders, which Astro cannot track, so a page's key
 * must cover everything it shows: pages render only from their props, and the key is a hash of those props.
 */
import { createHash } from 'node:crypto'

/**
 * JSON.stringify's replacer that writes object members in sorted order, so the same data always gives the
 * same text whatever order its keys were set in. Values JSON would silently turn into `{}` or drop (Map,
 * Set, functions, symbols, class instances without toJSON) throw instead: a key that ignored them could let
 * a changed page be reused.
 */
function sortedPlainData(this: unknown, key: string, value: unknown) {
  if (typeof value === 'function' || typeof value === 'symbol')
    throw new TypeError(`cacheKeyOf: cannot hash the ${typeof value} at "${key}"`)
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const prototype = Object.getPrototypeOf(value)
  if (prototype !== Object.prototype && prototype !== null)
    throw new TypeError(
      `cacheKeyOf: cannot hash the ${prototype?.constructor?.name ?? 'object'} at "${key}"; pass plain data`,
    )
  const sorted: Record<string, unknown> = {}
  for (const member of Object.keys(value).sort()) sorted[member] = (value as Record<string, unknown>)[member]
  return sorted
}

/** JSON with object members sorted at every level (see sortedPlainData). */
export const canonicalJson = (value: unknown): string => JSON.stringify(value, sortedPlainData) ?? 'null'

/** A stable hash of a page's props: equal props give equal keys, whatever the order of their keys. */
export const cacheKeyOf = (props: unknown): string =>
  createHash('sha256').update(canonicalJson(props)).digest('hex').slice(0, 32)
