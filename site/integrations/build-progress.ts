/**
 * What a portal build tells the process that started it (scripts/publish/build.ts) over Node's IPC channel,
 * typed on both sides by `BuildMessage`: the pages it will render (to show "pages done / total"), each page
 * as it is rendered (site/src/middleware.ts) and, once published, the release and the pages it kept from
 * the live one. The total is known once every route's getStaticPaths() has run, which Astro does before it
 * renders the first page: the pages each dynamic route will render (site/src/lib/static-paths.ts) plus the
 * routes without parameters. A build started without an IPC channel (a preview, `npm run build`) sends
 * nothing.
 */
import type { AstroIntegration } from 'astro'

export type BuildMessage =
  /** `fixed`: the routes without parameters (Astro may resolve the routes more than once: the latest counts); `planned`: one dynamic route's pages, to add up. */
  | { kind: 'fixed' | 'planned'; pages: number }
  /** A page rendered, as its output file: /articles/x/index.html, /indicators/x.csv */
  | { kind: 'rendered'; file: string }
  /** The release went live: its tree, and the pages kept from the live release (never rendered). */
  | { kind: 'published'; release: string; reused: string[] }

/**
 * What the publish worker tells a build it started (it pulls the content in its own process, where Payload
 * runs): the file the pulled content is in, or why it could not pull.
 */
export type WorkerMessage = { kind: 'content'; file: string } | { kind: 'content-failed'; error: string }

export const isWorkerMessage = (message: unknown): message is WorkerMessage => {
  if (typeof message !== 'object' || message === null) return false
  const m = message as Record<string, unknown>
  return (
    (m.kind === 'content' && typeof m.file === 'string') ||
    (m.kind === 'content-failed' && typeof m.error === 'string')
  )
}

/** Kept for callers that only count pages. */
export type BuildProgressMessage = Extract<BuildMessage, { kind: 'fixed' | 'planned' }>

const tell = (message: BuildMessage) => process.send?.(message)

/** Called by getStaticPaths() with the pages a dynamic route will render. */
export const reportPlannedPages = (pages: number) => tell({ kind: 'planned', pages })
export const reportRendered = (file: string) => tell({ kind: 'rendered', file })
export const reportPublished = (published: Omit<Extract<BuildMessage, { kind: 'published' }>, 'kind'>) =>
  tell({ kind: 'published', ...published })

const isStringArray = (value: unknown) => Array.isArray(value) && value.every((v) => typeof v === 'string')

export function isBuildMessage(message: unknown): message is BuildMessage {
  if (typeof message !== 'object' || message === null) return false
  const m = message as Record<string, unknown>
  switch (m.kind) {
    case 'fixed':
    case 'planned':
      return Number.isInteger(m.pages)
    case 'rendered':
      return typeof m.file === 'string'
    case 'published':
      return typeof m.release === 'string' && isStringArray(m.reused)
    default:
      return false
  }
}

function stopOrphanedBuild() {
  console.error(
    'The publish worker that started this build has stopped: stopping the build, publishing nothing.',
  )
  process.exit(1)
}

/** Counts the prerendered routes without parameters (home, search, about …): one page each. */
export const buildProgress = (): AstroIntegration => ({
  name: 'changai:build-progress',
  hooks: {
    // A build the publish worker started ends with it: if the worker's process dies (kill -9), its restart
    // queues this build again, and an orphan still running could publish beside the new one.
    'astro:config:setup': () => {
      if (process.send) process.once('disconnect', stopOrphanedBuild)
    },
    'astro:routes:resolved': ({ routes }) => {
      const fixed = routes.filter(
        (route) =>
          route.origin === 'project' &&
          route.isPrerendered &&
          route.params.length === 0 &&
          (route.type === 'page' || route.type === 'endpoint'),
      )
      tell({ kind: 'fixed', pages: fixed.length })
    },
  },
})
