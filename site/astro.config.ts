import mdx from '@astrojs/mdx'
import sitemap from '@astrojs/sitemap'
import { defineConfig } from 'astro/config'

import { publishSite } from './integrations/publish'
import { sitePaths } from './output'

const { staging, cache } = sitePaths()

export default defineConfig({
  site: process.env.SITE_URL || 'http://localhost:4321',
  outDir: staging,
  cacheDir: cache,
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [mdx(), sitemap({ filter: (page) => !page.endsWith('/404/') }), publishSite()],
  experimental: { incrementalBuild: true },
})
