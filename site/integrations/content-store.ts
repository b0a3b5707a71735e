/**
 * Reads Astro's content store from disk when the pages run, instead of bundling it into them.
 *
 * Why: in a build, Astro turns its content store (`<cacheDir>/data-store.json`) into a module that holds the
 * whole store as one string literal, and bundles it with the pages. At 10,000 articles that string is 36 MB:
 * bundling it takes Vite about 4 s, and loading the bundled module another 1.5 s, in every build, even when
 * only one page is rendered. The prerendered pages run in the build's own process, right after bundling, so
 * they can read the same file themselves. What they get is the same: the JSON Astro would have inlined.
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

export function contentStoreFromDisk(): AstroIntegration {
  return {
    name: 'changai-content-store-from-disk',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        const storage = config.experimental.collectionStorage
        if (command !== 'build' || (storage !== undefined && storage !== 'single-file')) return
        const storeFile = fileURLToPath(new URL(STORE_FILE, config.cacheDir))
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'changai-content-store-from-disk',
                enforce: 'pre',
                load: {
                  // Before Astro's own plugin, which would otherwise load the module first.
                  order: 'pre',
                  filter: { id: new RegExp(`^${STORE_MODULE}$`) },
                  handler: () => ({
                    code:
                      `import { existsSync, readFileSync } from 'node:fs'\n` +
                      `const file = ${JSON.stringify(storeFile)}\n` +
                      `export default existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : new Map()\n`,
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
