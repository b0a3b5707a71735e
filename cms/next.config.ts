import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const nextConfig: NextConfig = {
  // The admin imports content-schema/ from outside cms/: compile it as part of the app.
  experimental: {
    externalDir: true,
    // The first `npm start` builds the admin. Turbopack's source maps were most of that build: 2.4–3.6 min of
    // compiling on 2 cores (130 s of CPU) against 20 s (31 s of CPU) without them. Server code is left
    // unminified instead, so a stack trace in the log still names our functions.
    turbopackSourceMaps: false,
    serverMinification: false,
    // Writing Turbopack's build cache took 15 s of a first build, and only a rebuild on the same checkout
    // could use it.
    turbopackFileSystemCacheForBuild: false,
  },
  // `npm run check` type-checks every part (tsc); the admin build need not do it again (8 s).
  typescript: { ignoreBuildErrors: true },
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  webpack: (webpackConfig) => {
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
