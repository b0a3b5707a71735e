import { execFile } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import type { AstroIntegration } from 'astro'

import type { PortalContent } from '../../content-schema/portal'
import { CONTENT_DIGEST_ENV, PULLED_CONTENT_ENV, sitePaths } from '../output'
import { isWorkerMessage } from './build-progress'

type Pulled = { content: PortalContent; warnings: string[]; fetched: number; digest: string }

/** Shared by the config's module graph (the integration below) and the pages' (a global of this process). */
const PULLED = Symbol.for('changai.pulled-content')
const shared = globalThis as unknown as Record<symbol, Promise<PortalContent> | undefined>

/**
 * Starts the pull as the build starts; the pages wait for it in getStaticPaths(), after Vite has bundled
 * the site (a build the publish worker started ahead waits there for an edit, with that work done). Vite
 * copied public/ before the pull wrote the images' variants there (scripts/pull/images.ts): the variants it
 * added are copied into the output when the pages are done.
 */
export const pulledContent = (): AstroIntegration => ({
  name: 'changai-pulled-content',
  hooks: {
    'astro:build:start': () => {
      // Its failure is reported where the pages wait for it.
      pullPortalContent().catch(() => undefined)
    },
    'astro:build:done': ({ dir }) => {
      const media = path.join(sitePaths().siteRoot, 'public', 'media')
      if (existsSync(media)) copyMissing(media, path.join(fileURLToPath(dir), 'media'))
    },
  },
})

function copyMissing(from: string, to: string) {
  for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) continue
    const source = path.join(entry.parentPath, entry.name)
    const target = path.join(to, path.relative(from, source))
    if (existsSync(target)) continue
    mkdirSync(path.dirname(target), { recursive: true })
    copyFileSync(source, target)
  }
}

/**
 * The published content, pulled once per build by scripts/pull-content.ts in a child process: Payload runs
 * there, outside Vite, from the CMS database (default) or a remote CMS's REST API (CMS_URL). The documents
 * it pulled last time are kept in Astro's cache folder, so it fetches only what changed since. The publish
 * worker, where Payload already runs, pulls for the build and passes the result in PORTAL_CONTENT.
 */
export function pullPortalContent() {
  shared[PULLED] ??= (async () => {
    const started = Date.now()
    const given = Boolean(process.env[PULLED_CONTENT_ENV])
    const { content, warnings, fetched, digest } = given
      ? await waitForWorkerPull()
      : await runPuller(sitePaths().siteRoot, sitePaths().snapshot)
    for (const warning of warnings) console.warn(`[content] ${warning}`)
    // The loader and the publish step run in the same process; the step records it in the release.
    process.env[CONTENT_DIGEST_ENV] = digest
    const ms = Date.now() - started
    console.info(
      `[content] Pulled ${content.articles.length} articles, ${content.regions.length} regions, ` +
        `${content.enterprises.length} enterprises, ${content.metrics.length} figures ` +
        `(${fetched} documents fetched, the rest unchanged; ` +
        `${given ? `by the publish worker, waited ${ms} ms for it` : `in ${ms} ms`})`,
    )
    return content
  })()
  return shared[PULLED]
}

// readFileSync: fs.promises.readFile decodes a large file in small chunks, several times slower at 35 MB.
const readPulled = async (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Pulled

/**
 * The publish worker starts the build and pulls at the same time (Astro's start-up takes as long as the
 * pull), or starts it ahead, before any edit comes in; then tells it over IPC where the content is, or why it
 * could not pull (a WorkerMessage). A build started ahead may wait for hours; it ends if the worker is gone.
 */
function waitForWorkerPull(): Promise<Pulled> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      reject(new Error(`${PULLED_CONTENT_ENV} is set, but no publish worker is connected to this build.`))
      return
    }
    const done = () => {
      process.off('message', onMessage)
      process.off('disconnect', onDisconnect)
    }
    const onMessage = (message: unknown) => {
      if (!isWorkerMessage(message)) return
      done()
      if (message.kind === 'content') readPulled(message.file).then(resolve, reject)
      else reject(new Error(`Pulling content from the CMS failed: ${message.error}`))
    }
    const onDisconnect = () => {
      done()
      reject(new Error('The publish worker that started this build has stopped.'))
    }
    process.on('message', onMessage)
    process.on('disconnect', onDisconnect)
  })
}

async function runPuller(siteRoot: string, snapshot: string): Promise<Pulled> {
  const repoRoot = path.resolve(siteRoot, '..')
  const out = path.join(os.tmpdir(), `changai-pull-${process.pid}-${Date.now()}.json`)
  const tsx = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs')
  const script = path.join(repoRoot, 'scripts/pull-content.ts')
  try {
    await promisify(execFile)(
      process.execPath,
      [tsx, script, '--out', out, '--snapshot', snapshot, '--public-dir', path.join(siteRoot, 'public')],
      { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 },
    )
    return await readPulled(out)
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string }
    throw new Error(
      `Pulling content from the CMS failed: ${(stderr || message).trim().split('\n').slice(-5).join('\n')}`,
      { cause: error },
    )
  } finally {
    await fs.rm(out, { force: true })
  }
}
