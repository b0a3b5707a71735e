import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { REPO_ROOT } from '../lib/env'
import type { RawContent } from './normalize'
import { COLLECTIONS, type ContentSource, type PulledCollection, type RawDoc } from './sources'

type Snapshot = { key: string; collections: Record<PulledCollection, RawDoc[]> }

/** More changed documents than this in one collection: fetching them all at once is quicker. */
const FETCH_ALL_OVER = 1000

/**
 * The published documents, fetching only what changed since the snapshot of the last pull (when given one):
 * every published document's id and updatedAt are listed, and only new or changed documents are fetched in
 * full. Documents no longer listed (unpublished, deleted) drop out. Fetching all 10,000 articles of a large
 * site takes seconds; listing them, a fraction of that.
 */
export async function pullDocuments(source: ContentSource, snapshotFile?: string) {
  const key = snapshotKey(source)
  const previous = snapshotFile ? readSnapshot(snapshotFile, key) : undefined
  let fetched = 0
  const entries = await Promise.all(
    COLLECTIONS.map(async (collection) => {
      const before = new Map((previous?.collections[collection] ?? []).map((doc) => [doc.id, doc]))
      if (!before.size) {
        const docs = await source.fetch(collection)
        fetched += docs.length
        return [collection, docs] as const
      }
      const listed = await source.list(collection)
      const changed = listed.filter((doc) => before.get(doc.id)?.updatedAt !== doc.updatedAt)
      if (changed.length > FETCH_ALL_OVER) {
        fetched += listed.length
        return [collection, await source.fetch(collection)] as const
      }
      const fresh = new Map(
        (changed.length
          ? await source.fetch(
              collection,
              changed.map((doc) => doc.id),
            )
          : []
        ).map((doc) => [doc.id, doc]),
      )
      fetched += fresh.size
      // Changed but not fetched: unpublished in between; the next pull sees it as it is then.
      const changedIds = new Set(changed.map((doc) => doc.id))
      const docs = listed.flatMap(
        (doc) => fresh.get(doc.id) ?? (changedIds.has(doc.id) ? [] : before.get(doc.id)!),
      )
      return [collection, docs] as const
    }),
  )
  // In one order whichever way they came (listed, fetched whole, from REST), so equal content is equal JSON.
  const collections = Object.fromEntries(
    entries.map(([collection, docs]) => [collection, docs.toSorted(byId)]),
  ) as Snapshot['collections']
  const unchanged =
    previous && !fetched && COLLECTIONS.every((c) => collections[c].length === previous.collections[c].length)
  const lastPulled = new Map<string, RawDoc>()
  for (const collection of COLLECTIONS)
    for (const doc of previous?.collections[collection] ?? []) lastPulled.set(`${collection}/${doc.id}`, doc)
  return {
    raw: collections as unknown as RawContent,
    fetched,
    /** A document as the last pull had it (what the live release was built from), if it had it. */
    lastPulled: (collection: PulledCollection, id: string) => lastPulled.get(`${collection}/${id}`),
    /** Keeps these documents for the next pull (after the content is handed on: the build need not wait). */
    saveSnapshot: () => {
      if (snapshotFile && !unchanged) writeSnapshot(snapshotFile, { key, collections })
    },
  }
}

const byId = (a: RawDoc, b: RawDoc) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * A snapshot belongs to one source and one content schema: documents pulled from another database, or
 * before fields changed, are never reused.
 */
function snapshotKey(source: ContentSource) {
  const types = fs.readFileSync(path.join(REPO_ROOT, 'content-schema/payload-types.ts'))
  return createHash('sha256').update(source.name).update(types).digest('hex').slice(0, 32)
}

/**
 * The last snapshot this process read or wrote, to skip parsing it again while the file is unchanged (the
 * publish worker pulls in the long-running CMS process).
 */
let remembered: { file: string; mtimeMs: number; snapshot: Snapshot } | undefined

function readSnapshot(file: string, key: string): Snapshot | undefined {
  try {
    const { mtimeMs } = fs.statSync(file)
    const snapshot =
      remembered?.file === file && remembered.mtimeMs === mtimeMs
        ? remembered.snapshot
        : (JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot)
    remembered = { file, mtimeMs, snapshot }
    return snapshot.key === key ? snapshot : undefined
  } catch {
    return undefined
  }
}

/** Written aside and renamed, so a pull that dies half-way never leaves half a snapshot. */
function writeSnapshot(file: string, snapshot: Snapshot) {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const partial = `${file}.${process.pid}.partial`
  fs.writeFileSync(partial, JSON.stringify(snapshot))
  fs.renameSync(partial, file)
  remembered = { file, mtimeMs: fs.statSync(file).mtimeMs, snapshot }
}
