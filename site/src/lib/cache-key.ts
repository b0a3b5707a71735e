/**
 * Cache keys for Astro's incremental builds (experimental.incrementalBuild). A page returned by
 * getStaticPaths() with a `cacheKey` is reused from the previous build when the key and the page's code are
 * unchanged. Our content comes from the CMS through object loaders, which Astro cannot track, so a page's key
 * must cover everything it shows: pages render only from their props, and the key is a hash of those props.
 */
import { createHash } from 'node:crypto'

/**
 * JSON.stringify's replacer that lets only plain data through. Values JSON would silently turn into `{}` or
 * drop (Map, Set, functions, symbols, class instances without toJSON) throw instead: a key that ignored them
 * could let a changed page be reused.
 *
 * Object members are hashed in the order they were set, not sorted: props are built by our code from content
 * whose key order the pull fixes, so equal props come in the same order. Were they not, a page would be
 * rendered again for nothing, never reused wrongly. Sorting every object cost a third of the hashing time,
 * about a second at 17,000 pages.
 */
function plainData(this: unknown, key: string, value: unknown) {
  if (typeof value === 'function' || typeof value === 'symbol')
    throw new TypeError(`cacheKeyOf: cannot hash the ${typeof value} at "${key}"`)
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const prototype = Object.getPrototypeOf(value)
    if (prototype !== Object.prototype && prototype !== null)
      throw new TypeError(
        `cacheKeyOf: cannot hash the ${prototype?.constructor?.name ?? 'object'} at "${key}"; pass plain data`,
      )
  }
  return value
}

/** A hash of a page's props: equal props give equal keys, and any change to what they hold changes the key. */
export const cacheKeyOf = (props: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(props, plainData) ?? 'null')
    .digest('hex')
    .slice(0, 32)
