import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import type { AstroIntegrationLogger } from 'astro'

import type { PortalContent } from '../../../content-schema/portal'

let pulled: Promise<PortalContent> | undefined

/**
 * The published content, pulled once per build by scripts/pull-content.ts in a child process: Payload runs
 * there, outside Vite, from the CMS database (default) or a remote CMS's REST API (CMS_URL).
 */
export function pullPortalContent(siteRoot: URL, logger: AstroIntegrationLogger) {
  pulled ??= runPuller(fileURLToPath(siteRoot), logger)
  return pulled
}

async function runPuller(siteRoot: string, logger: AstroIntegrationLogger): Promise<PortalContent> {
  const repoRoot = path.resolve(siteRoot, '..')
  const out = path.join(os.tmpdir(), `changai-pull-${process.pid}-${Date.now()}.json`)
  const tsx = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs')
  const script = path.join(repoRoot, 'scripts/pull-content.ts')
  const started = Date.now()
  try {
    await promisify(execFile)(
      process.execPath,
      [tsx, script, '--out', out, '--public-dir', path.join(siteRoot, 'public')],
      { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 },
    )
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string }
    throw new Error(
      `Pulling content from the CMS failed: ${(stderr || message).trim().split('\n').slice(-5).join('\n')}`,
    )
  }
  const { content, warnings } = JSON.parse(await fs.readFile(out, 'utf8')) as {
    content: PortalContent
    warnings: string[]
  }
  await fs.rm(out, { force: true })
  for (const warning of warnings) logger.warn(warning)
  logger.info(
    `Pulled ${content.articles.length} articles, ${content.regions.length} regions, ${content.enterprises.length} enterprises, ` +
      `${content.metrics.length} figures in ${Date.now() - started} ms`,
  )
  return content
}
