import type { Payload, PayloadRequest } from 'payload'

import { settings } from '../../config/settings'

/** What changed on the public side, as recorded on a queued site build. */
export type ContentChange = {
  collection: string
  docId?: string
  title?: string
  operation: 'publish' | 'update' | 'unpublish' | 'delete' | 'startup' | 'seed' | 'manual' | 'retry'
  user?: string
}

/** A burst of changes is built once: wait this long after the latest change … */
const quietMs = () => settings().buildQuietMs
/** … but never longer than this after the first, so steady editing still goes live. */
const maxWaitMs = () => settings().buildMaxWaitMs
/** A build lists this many changes at most; the summary still counts them all. */
const LISTED_CHANGES = 50

const OPERATION_LABELS: Record<ContentChange['operation'], string> = {
  publish: '发布',
  update: '修改',
  unpublish: '撤回',
  delete: '删除',
  startup: '启动',
  seed: '载入演示内容',
  manual: '手动重建',
  retry: '重试',
}

/**
 * Asks for a portal rebuild. Changes join the build already waiting in the queue if there is one (a burst
 * gives one build; a change during a running build gives exactly one follow-up), else start a new one.
 * Pass the request from a hook so the queue entry commits or rolls back with the content change itself.
 */
export async function requestSiteBuild(
  payload: Payload,
  change: ContentChange,
  { req, userId }: { req?: PayloadRequest; userId?: string } = {},
) {
  const now = Date.now()
  const entry = { ...change, at: new Date(now).toISOString() }
  const { docs } = await payload.find({
    collection: 'site-builds',
    where: { status: { equals: 'queued' } },
    sort: 'requestedAt',
    limit: 1,
    depth: 0,
    req,
  })
  const queued = docs[0]
  if (!queued) {
    return payload.create({
      collection: 'site-builds',
      data: {
        status: 'queued',
        mode: settings().buildHook ? 'hook' : 'local',
        changes: [entry],
        summary: summarize([entry], 1),
        requestedAt: entry.at,
        requestedBy: userId,
        notBefore: new Date(now + quietMs()).toISOString(),
      },
      req,
    })
  }
  const changes = [...(queued.changes ?? []), entry]
  const total = (queued.changes?.length ?? 0) + 1
  const firstAt = Date.parse(queued.requestedAt ?? entry.at)
  return payload.update({
    collection: 'site-builds',
    id: queued.id,
    data: {
      changes: changes.slice(-LISTED_CHANGES),
      summary: summarize(changes, total),
      notBefore: new Date(Math.min(now + quietMs(), firstAt + maxWaitMs())).toISOString(),
    },
    req,
  })
}

/**
 * 发布《无锡……》等3项修改. The queue keeps only the latest LISTED_CHANGES changes, and `total` (the kept ones
 * and the new one) stops growing there: past the list, the summary says 50余项 (more than 50), never a
 * wrong count such as 51 for a burst of 100.
 */
function summarize(changes: { title?: string | null; operation?: string | null }[], total: number) {
  const latest = changes.at(-1)!
  const what = `${OPERATION_LABELS[latest.operation as ContentChange['operation']] ?? latest.operation}${latest.title ? `《${latest.title}》` : ''}`
  if (total <= 1) return what
  return total > LISTED_CHANGES ? `${what}等${LISTED_CHANGES}余项修改` : `${what}等${total}项修改`
}
