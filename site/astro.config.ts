import mdx from '@astrojs/mdx'
import { defineConfig } from 'astro/config'

import { buildProgress } from './integrations/build-progress'
import { loadedContentStore } from './integrations/content-store'
import { liveSite, publishSite } from './integrations/publish'
import { sitePaths, siteUrlOf } from './output'

const { staging, cache, preview } = sitePaths()
const site = siteUrlOf()
// When the live release's pages can be reused (integrations/publish.ts), Astro visits only pages that changed
// and its own incremental cache has nothing to add; it serves where no live release is at hand (CI).
const live = preview ? undefined : liveSite(site)

export default defineConfig({
  site,
  outDir: preview?.outDir ?? staging,
  cacheDir: preview ? `${preview.outDir}.cache` : cache,
  trailingSlash: 'always',
  // A draft preview is one self-contained page served by the CMS: styles inline, nothing published.
  build: { format: 'directory', inlineStylesheets: preview ? 'always' : 'auto' },
  integrations: [
    mdx(),
    loadedContentStore(),
    buildProgress(),
    ...(live ? [publishSite({ siteUrl: site, live })] : []),
  ],
  experimental: { incrementalBuild: Boolean(live && !live.reusable) },
})
