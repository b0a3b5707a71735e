import mdx from '@astrojs/mdx'
import { defineConfig } from 'astro/config'

import { publishSite } from './integrations/publish'
import { sitePaths } from './output'

const { staging, cache, preview } = sitePaths()

export default defineConfig({
  site: process.env.SITE_URL || 'http://localhost:4321',
  outDir: preview?.outDir ?? staging,
  cacheDir: preview ? `${preview.outDir}.cache` : cache,
  trailingSlash: 'always',
  // A draft preview is one self-contained page served by the CMS: styles inline, nothing published.
  build: { format: 'directory', inlineStylesheets: preview ? 'always' : 'auto' },
  integrations: preview ? [mdx()] : [mdx(), publishSite()],
  experimental: { incrementalBuild: !preview },
})
