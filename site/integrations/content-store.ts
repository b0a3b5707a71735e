/**
 * Gives the pages of a build the content store Astro's loaders just filled, in memory, instead of bundling it
 * into them.
 *
 * Why: in a build, Astro turns its content store (`<cacheDir>/data-store.json`) into a module that holds the
 * whole store as one string literal, and bundles it with the pages. At 10,000 articles that string is 36 MB:
 * bundling it takes Vite about 4 s, and loading the bundled module another 1.5 s, in every build, even when
 * only one page is rendered. The prerendered pages run in the build's own process, right after the content
 * sync, where the loaders' store is still in memory: each loader shares its collection
 * (`shareLoadedCollection`), and the module hands those entries to `getCollection()` as a Map, a form Astro's
 * runtime store accepts. What the pages get is what Astro would have inlined; reading and parsing the file
 * again would cost another 0.5 s.
 *
 * This replaces the module `astro:data-layer-content` of Astro 7's single-file store (the default
 * `experimental.collectionStorage`). The development server keeps Astro's own module and its reloading.
 */
import { fileURLToPath } from 'node:url'

import type { AstroIntegration } from 'astro'

const STORE_MODULE = '\0astro:data-layer-content'
const STORE_FILE = 'data-store.json'
/** Marks the module as content data for Astro's incremental build, as Astro marks its own (not code). */
const CONTENT_DATA_META = { astroIncremental: { kind: 'content-data' } }
/** Where the loaders of this process share their collections (a global: the pages are another module graph). */
const LOADED_COLLECTIONS = 'changai.loaded-collections'

type CollectionStore = { entries(): [string, unknown][] }

/** Called by each collection's loader with its store, once loaded: the build's pages read the entries from it. */
export function shareLoadedCollection(collection: string, store: CollectionStore) {
  const shared = globalThis as unknown as Record<symbol, Map<string, CollectionStore> | undefined>
  ;(shared[Symbol.for(LOADED_COLLECTIONS)] ??= new Map()).set(collection, store)
}

export function loadedContentStore(): AstroIntegration {
  return {
    name: 'changai-loaded-content-store',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        const storage = config.experimental.collectionStorage
        if (command !== 'build' || (storage !== undefined && storage !== 'single-file')) return
        const storeFile = fileURLToPath(new URL(STORE_FILE, config.cacheDir))
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
                    code:
                      `import { existsSync, readFileSync } from 'node:fs'\n` +
                      `const loaded = globalThis[Symbol.for(${JSON.stringify(LOADED_COLLECTIONS)})]\n` +
                      `const file = ${JSON.stringify(storeFile)}\n` +
                      // Without loaders run in this process (never in a build, which syncs first): the file.
                      `export default loaded\n` +
                      `  ? new Map([...loaded].map(([name, store]) => [name, new Map(store.entries())]))\n` +
                      `  : existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : new Map()\n`,
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
