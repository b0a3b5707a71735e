import type { ChildProcess } from 'node:child_process'
import type http from 'node:http'

import { getPayload, type Payload } from 'payload'

import type { Settings } from '../../config/settings'
import { requestSiteBuild } from '../../cms/lib/site-builds'
import { removeAbandonedWorkingDirs } from '../../site/output'
import { describeTarget } from '../lib/env'
import { startPublishWorker, type WorkerEvent } from '../publish/worker'
import { seedDemoContent } from '../seed/index'
import { adminAnswers, buildAdminIfNeeded, exitOf, serveAdmin, stopGroup } from './admin'
import { closeServer, serveStaticSite } from './portal-server'

const say = (line: string) => console.log(line)
const since = (start: number) => `${((Date.now() - start) / 1000).toFixed(1)} s`

/** What is running, for the stop: each part is there once it started. */
const running: {
  payload?: Payload
  worker?: ReturnType<typeof startPublishWorker>
  portal?: http.Server
  children: Set<ChildProcess>
  stopping: boolean
} = { children: new Set(), stopping: false }

/** Runs the product with validated settings until a signal (or a part that fails) stops it. */
export async function runProduct(config: Settings, { dev }: { dev: boolean }) {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal, 0))
  const listening = config.host === '127.0.0.1' ? '127.0.0.1 (set HOST to listen elsewhere)' : config.host
  say(
    `产改门户: starting on Node ${process.version}; database: ${describeTarget(config.database)}; ` +
      `listening on ${listening}`,
  )
  const payload = await openDatabase()
  if (!running.stopping) await loadDemoContentIfEmpty(payload)
  if (!running.stopping) await startPortal(payload, config)
  if (!running.stopping && !dev)
    await buildAdminIfNeeded(say, (child) => running.children.add(child)).catch((error: Error) =>
      stop(error.message, 1),
    )
  if (!running.stopping) await startAdmin(config, dev)
}

async function openDatabase() {
  const started = Date.now()
  say('Database: opening and applying migrations …')
  const { default: config } = await import('../../cms/payload.config')
  running.payload = await getPayload({ config })
  say(`Database: ready (${since(started)})`)
  return running.payload
}

async function loadDemoContentIfEmpty(payload: Payload) {
  if ((await payload.count({ collection: 'articles' })).totalDocs > 0) return
  const started = Date.now()
  say('Demo content: the database is empty, loading it …')
  const counts = await seedDemoContent(payload)
  say(`Demo content: loaded (${since(started)}): ${JSON.stringify(counts)}`)
}

/** The publish worker, with a build queued (the code may have changed since the last), and the portal's server. */
async function startPortal(payload: Payload, config: Settings) {
  const removed = removeAbandonedWorkingDirs()
  if (removed) say(`Portal: removed ${removed} scratch folder(s) left by builds that did not finish`)
  await requestSiteBuild(payload, { collection: 'system', operation: 'startup' })
  running.worker = startPublishWorker(payload, { onEvent: reportBuilds(urlOf(config, config.sitePort)) })
  running.portal = serveStaticSite(config.siteDist, config.sitePort, config.host)
  say(`Portal: building; it will be served at ${urlOf(config, config.sitePort)}`)
}

async function startAdmin(config: Settings, dev: boolean) {
  const admin = serveAdmin(config, { dev })
  running.children.add(admin)
  void exitOf(admin).then((code) => stop(`the admin server ended with ${code}`, 1))
  const url = urlOf(config, config.port)
  await adminAnswers(`http://127.0.0.1:${config.port}/admin`, admin).then(
    () => say(`Admin ready: ${url}/admin   REST API: ${url}/api   GraphQL: ${url}/api/graphql`),
    (error: Error) => stop(error.message, 1),
  )
}

/** The address to show for a port: a server listening on every interface is reached on localhost here. */
function urlOf({ host }: Settings, port: number) {
  const shown = ['0.0.0.0', '::'].includes(host) ? 'localhost' : host
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`
}

/**
 * One line per portal build; while the first build runs, its progress too, and one line when the portal is
 * ready.
 */
function reportBuilds(portalUrl: string) {
  let firstReady = false
  let lastProgress = 0
  return (event: WorkerEvent) => {
    if (event.kind === 'started' && !firstReady) say(`Portal build: started (${event.build.summary})`)
    // Astro plans every page before it renders the first, so from the first page on the total is known.
    const { done, total } = event.kind === 'progress' ? event.progress : { done: 0, total: 0 }
    if (!firstReady && done && total && Date.now() - lastProgress > 2000) {
      say(`Portal build: ${done}/${total} pages`)
      lastProgress = Date.now()
    }
    if (event.kind !== 'finished') return
    const { result, build, durationMs } = event
    const took = `${(durationMs / 1000).toFixed(1)} s`
    if (result.interrupted) return say('Portal build: stopped; it stays queued and runs after the next start')
    if (!result.ok) {
      const reason = result.error?.split('\n').find((line) => line.trim()) ?? 'unknown error'
      return say(
        `Portal build failed after ${took} (${build.summary}): ${reason} — the live site is unchanged`,
      )
    }
    const pages = `${result.pagesRendered ?? 0} pages rendered, ${result.pagesReused ?? 0} reused`
    say(`Portal build: done in ${took} (${build.summary}): ${pages}`)
    if (!firstReady) say(`Portal ready: ${portalUrl}`)
    firstReady = true
  }
}

/** Stops every part that runs, within seconds, and exits: with `code` 0 on a signal, 1 when a part failed. */
async function stop(reason: string, code: number) {
  if (running.stopping) return
  running.stopping = true
  say(`Stopping (${reason}) …`)
  // Whatever hangs, neither this process nor its children outlive this.
  setTimeout(() => {
    console.error('Some part did not stop within 8 s; killing it.')
    for (const child of running.children) stopGroup(child, 'SIGKILL')
    process.exit(1)
  }, 8000).unref()
  for (const child of running.children) stopGroup(child)
  await Promise.all([
    running.portal && closeServer(running.portal),
    running.worker?.stop({ interrupt: true }),
    ...[...running.children].map(exitOf),
  ])
  removeAbandonedWorkingDirs()
  await running.payload?.destroy()
  say('Stopped.')
  process.exit(code)
}
