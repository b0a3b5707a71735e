import mdx from '@astrojs/mdx'
import { defineConfig } from 'astro/config'

import { buildProgress } from './integrations/build-progress'
import { pulledContent } from './integrations/content'
import { liveSite, publishSite } from './integrations/publish'
import { sitePaths, siteUrlOf } from './output'

const { staging, cache, preview } = sitePaths()
const site = siteUrlOf()
// When the live release was built from the same code, only the pages a change reaches are rendered
// (integrations/publish.ts, src/lib/static-paths.ts).
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
    pulledContent(),
    buildProgress(),
    ...(live ? [publishSite({ siteUrl: site, live })] : []),
  ],
})
