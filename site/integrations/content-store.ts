/**
 * Hands the pages of a build the collections the content loaders validated, in memory.
 *
 * Why: by default Astro keeps every entry in its content store, writes the whole store to
 * `<cacheDir>/data-store.json` at every sync and reads it back at the next start, and in a build turns it into
 * a module that holds the store as one string literal, bundled with the pages. At 10,000 articles the store is
 * 36 MB: writing it took 2 s, reading it 0.5 s, bundling it 4 s and loading the bundle 1.5 s, in every build,
 * even when one page is rendered.
 *
 * The content sync and the prerendered pages run in the same process, one after the other. So in a build, the
 * loaders (src/content.config.ts) put their validated entries in a Map of this process
 * (`collectionsOfThisBuild`) and leave Astro's store empty, and the module `astro:data-layer-content` gives
 * that Map to `getCollection()` (a Map is a form Astro's runtime store accepts).
 *
 * This replaces the module of Astro 7's single-file store (the default `experimental.collectionStorage`). The
 * development server and `astro sync` keep Astro's own store, module and reloading.
 */
import type { AstroIntegration } from 'astro'

const STORE_MODULE = '\0astro:data-layer-content'
/** Marks the module as content data for Astro's incremental build, as Astro marks its own (not code). */
const CONTENT_DATA_META = { astroIncremental: { kind: 'content-data' } }
/** Where this process's build keeps the loaded collections (a global: the pages are another module graph). */
const COLLECTIONS_KEY = 'changai.collections-of-this-build'

type Entry = { id: string; data: Record<string, unknown> }
const shared = globalThis as unknown as Record<symbol, Map<string, Map<string, Entry>> | undefined>

/** In a build, where each loader puts its collection's entries for the pages; undefined elsewhere (dev, sync). */
export const collectionsOfThisBuild = () => shared[Symbol.for(COLLECTIONS_KEY)]

export function loadedContentStore(): AstroIntegration {
  return {
    name: 'changai-loaded-content-store',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        const storage = config.experimental.collectionStorage
        if (command !== 'build' || (storage !== undefined && storage !== 'single-file')) return
        shared[Symbol.for(COLLECTIONS_KEY)] = new Map()
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'changai-loaded-content-store',
                enforce: 'pre',
                load: {
                  // Before Astro's own plugin, which would otherwise load the module first.
                  order: 'pre',
                  filter: { id: new RegExp(`^${STORE_MODULE}$`) },
                  handler: () => ({
                    code: `export default globalThis[Symbol.for(${JSON.stringify(COLLECTIONS_KEY)})]\n`,
                    meta: CONTENT_DATA_META,
                  }),
                },
              },
            ],
          },
        })
      },
    },
  }
}
