import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'

import { securityHeaders } from './security'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const nextConfig: NextConfig = {
  // The admin imports content-schema/ from outside cms/: compile it as part of the app.
  experimental: { externalDir: true },
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  // CSP, framing, MIME sniffing and referrer rules on every admin and API response (security.ts).
  headers: async () => [{ source: '/:path*', headers: securityHeaders() }],
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
