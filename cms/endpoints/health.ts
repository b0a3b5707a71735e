import fs from 'node:fs'
import path from 'node:path'

import type { Endpoint, Payload } from 'payload'

import { settings } from '../../config/settings'
import type { WorkerHeartbeat } from '../../scripts/publish/worker'
import { processIsAlive, sitePaths } from '../../site/output'

/** A worker silent for longer is taken for dead (it beats every 5 s, builds included). */
const HEARTBEAT_STALE_MS = 30_000
/** A change waiting longer than this means publishing is stuck. */
const QUEUE_STALE_MS = 15 * 60_000

export type Check = { ok: boolean; detail: string }

/**
 * GET /api/health — for a monitor outside the machine: the database, the publish worker's heartbeat and last
 * build, the queue's depth and oldest waiting change, and whether the live portal shows the latest published
 * content. 200 when all are healthy, 503 when any is not. No sign-in, and nothing secret in the answer (no
 * paths, no error texts, no names).
 */
export const health: Endpoint = {
  path: '/health',
  method: 'get',
  handler: async (req) => {
    const database = await checkDatabase(req.payload)
    const checks: Record<string, Check> = { database }
    if (database.ok) Object.assign(checks, await checkPublishing(req.payload))
    const ok = Object.values(checks).every((check) => check.ok)
    return Response.json(
      { status: ok ? 'ok' : 'unhealthy', checks },
      { status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } },
    )
  },
}

async function checkDatabase(payload: Payload): Promise<Check> {
  try {
    await payload.count({ collection: 'site-builds' })
    return { ok: true, detail: 'reachable' }
  } catch {
    return { ok: false, detail: 'cannot be read' }
  }
}

/** The publishing checks, shared with the admin's dashboard (components/Desk.tsx), which words them in Chinese. */
export async function checkPublishing(payload: Payload) {
  const now = Date.now()
  const builds = async (status: string[], sort: string) =>
    (
      await payload.find({
        collection: 'site-builds',
        where: { status: { in: status } },
        sort,
        depth: 0,
        limit: 1,
      })
    ).docs
  const [lastFinished] = await builds(['succeeded', 'failed'], '-finishedAt')
  const [oldestWaiting] = await builds(['queued', 'running'], 'requestedAt')
  const waiting = (
    await payload.count({ collection: 'site-builds', where: { status: { in: ['queued', 'running'] } } })
  ).totalDocs
  const waitedMs = oldestWaiting?.requestedAt ? now - Date.parse(oldestWaiting.requestedAt) : 0
  const lastBuild: Check = lastFinished
    ? {
        ok: lastFinished.status === 'succeeded',
        detail: `${lastFinished.status === 'succeeded' ? 'succeeded' : 'failed'} at ${lastFinished.finishedAt}`,
      }
    : { ok: false, detail: 'no build has finished yet' }
  return {
    worker: checkWorker(now),
    lastBuild,
    queue: {
      ok: waitedMs < QUEUE_STALE_MS,
      detail: waiting
        ? `${waiting} waiting, the oldest since ${oldestWaiting?.requestedAt} (${Math.round(waitedMs / 1000)} s)`
        : 'empty',
    },
    portal: checkPortal(lastBuild.ok && waiting === 0),
  }
}

function checkWorker(now: number): Check {
  let beat: WorkerHeartbeat
  try {
    beat = JSON.parse(fs.readFileSync(sitePaths().heartbeat, 'utf8')) as WorkerHeartbeat
  } catch {
    return { ok: false, detail: 'not running' }
  }
  const silentMs = now - Date.parse(beat.at)
  if (silentMs > HEARTBEAT_STALE_MS || !processIsAlive(beat.pid))
    return { ok: false, detail: `stopped: last heartbeat at ${beat.at}` }
  return { ok: true, detail: `running, last heartbeat at ${beat.at}` }
}

/** With builds done here, the live release must exist; with external CI, the portal lives elsewhere. */
function checkPortal(upToDate: boolean): Check {
  if (settings().buildHook)
    return { ok: upToDate, detail: upToDate ? 'notified of every change (external CI)' : 'changes waiting' }
  // (Only the live link's home page: the release code pulls in the search indexer, which the admin's bundle
  // cannot take.)
  if (!fs.existsSync(path.join(sitePaths().live, 'index.html')))
    return { ok: false, detail: 'no live release' }
  return { ok: upToDate, detail: upToDate ? 'shows the latest published content' : 'changes not yet live' }
}
