/**
 * How far a portal build is, told to the process that started it (scripts/publish/build.ts) over Node's IPC
 * channel, so that `npm start` can show "pages done / total". The total is known once every route's
 * getStaticPaths() has run, which Astro does before it renders the first page: the pages each dynamic route
 * will render (site/src/lib/static-paths.ts) plus the routes without parameters. A build started without an
 * IPC channel (a preview, `npm run build`) sends nothing.
 */
import type { AstroIntegration } from 'astro'

/** `fixed`: the routes without parameters (Astro may resolve the routes more than once: the latest counts); `planned`: one dynamic route's pages, to add up. */
export type BuildProgressMessage = { kind: 'fixed' | 'planned'; pages: number }

const tell = (message: BuildProgressMessage) => process.send?.(message)

/** Called by getStaticPaths() with the pages a dynamic route will render. */
export const reportPlannedPages = (pages: number) => tell({ kind: 'planned', pages })

export const isBuildProgressMessage = (message: unknown): message is BuildProgressMessage =>
  typeof message === 'object' &&
  message !== null &&
  ['fixed', 'planned'].includes((message as BuildProgressMessage).kind) &&
  Number.isInteger((message as BuildProgressMessage).pages)

/** Counts the prerendered routes without parameters (home, search, about …): one page each. */
export const buildProgress = (): AstroIntegration => ({
  name: 'changai:build-progress',
  hooks: {
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
