/**
 * Cache keys for Astro's incremental builds (experimental.incrementalBuild). A page returned by
 * getStaticPaths() with a `cacheKey` is reused from the previous build when the key and the page's code are
 * unchanged. Our content comes from the CMS through object loaders, which Astro cannot track, so a page's key
 * must cover everything it shows: pages render only from their props, and the key is a hash of those props.
 */
import { createHash } from 'node:crypto'

/**
 * JSON with object keys sorted at every level, so the same data always gives the same text whatever order
 * its keys were set in. Like JSON.stringify, undefined object members are left out and undefined array items
 * become null. Values JSON would silently turn into `{}` or drop (Map, Set, functions, symbols, bigints,
 * class instances without toJSON) throw instead: a key that ignored them could let a changed page be reused.
 */
export function canonicalJson(value: unknown): string {
  const ancestors = new Set<object>()
  const write = (input: unknown, path: string): string | undefined => {
    const value =
      input !== null &&
      typeof input === 'object' &&
      typeof (input as { toJSON?: unknown }).toJSON === 'function'
        ? (input as { toJSON: () => unknown }).toJSON()
        : input
    switch (typeof value) {
      case 'undefined':
        return undefined
      case 'string':
      case 'boolean':
      case 'number':
        return JSON.stringify(value)
      case 'object':
        break
      default:
        throw new TypeError(`cacheKeyOf: cannot hash the ${typeof value} at ${path}`)
    }
    if (value === null) return 'null'
    if (ancestors.has(value)) throw new TypeError(`cacheKeyOf: circular reference at ${path}`)
    ancestors.add(value)
    try {
      if (Array.isArray(value)) {
        return `[${value.map((item, i) => write(item, `${path}[${i}]`) ?? 'null').join(',')}]`
      }
      const prototype = Object.getPrototypeOf(value)
      if (prototype !== Object.prototype && prototype !== null) {
        throw new TypeError(
          `cacheKeyOf: cannot hash the ${prototype?.constructor?.name ?? 'object'} at ${path}; pass plain data`,
        )
      }
      const members = Object.keys(value)
        .sort()
        .flatMap((key) => {
          const text = write((value as Record<string, unknown>)[key], `${path}.${key}`)
          return text === undefined ? [] : [`${JSON.stringify(key)}:${text}`]
        })
      return `{${members.join(',')}}`
    } finally {
      ancestors.delete(value)
    }
  }
  return write(value, '$') ?? 'null'
}

/** A stable hash of a page's props: equal props give equal keys, whatever the order of their keys. */
export const cacheKeyOf = (props: unknown): string =>
  createHash('sha256').update(canonicalJson(props)).digest('hex').slice(0, 32)
