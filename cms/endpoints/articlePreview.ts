import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import type { Endpoint } from 'payload'

import { settings } from '../../config/settings'
import { makeBuildWorkingDir } from '../../site/output'

const repoRoot = () => settings().repoRoot

/**
 * GET /api/articles/:id/preview — the article as it stands now, draft included, rendered by the portal's own
 * article page (a build of site/ into a private folder that renders that one page, and the few routes
 * without parameters Astro always renders), for signed-in staff only. Nothing of it
 * reaches the public site: the build writes neither the live site nor its search index.
 */
export const articlePreview: Endpoint = {
  path: '/:id/preview',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return Response.json({ errors: [{ message: '请先登录后台再预览草稿' }] }, { status: 401 })
    const id = String(req.routeParams?.id)
    const article = await req.payload.findByID({
      collection: 'articles',
      id,
      draft: true,
      depth: 0,
      overrideAccess: false,
      user: req.user,
      disableErrors: true,
    })
    if (!article?.slug) return Response.json({ errors: [{ message: '找不到这篇文章' }] }, { status: 404 })

    try {
      const html = await previewOf(id, article.slug, String(article.updatedAt))
      return new Response(html, {
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
      })
    } catch (error) {
      req.payload.logger.error(`Draft preview of article ${id} failed: ${(error as Error).message}`)
      return Response.json({ errors: [{ message: '预览生成失败，请检查稿件内容后重试' }] }, { status: 500 })
    }
  },
}

/** Previews being rendered, by article and version: asking again for the same one waits for it. */
const rendering = new Map<string, Promise<string>>()
/** The previews of this process render one after another: each is an `astro build`, CPU-heavy. */
let queue: Promise<unknown> = Promise.resolve()

function previewOf(id: string, slug: string, version: string) {
  const key = `${id}@${version}`
  const known = rendering.get(key)
  if (known) return known
  const html = queue.then(() => renderPreview(id, slug))
  queue = html.catch(() => undefined)
  rendering.set(key, html)
  void html.finally(() => rendering.delete(key)).catch(() => undefined)
  return html
}

/** A one-article build of site/ into a private folder; returns the article's page. */
async function renderPreview(id: string, slug: string) {
  const outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'changai-preview-'))
  // A working folder of its own, so this build's intermediate files cannot collide with another build's.
  const workDir = makeBuildWorkingDir()
  try {
    await promisify(execFile)(
      process.execPath,
      [
        path.join(repoRoot(), 'node_modules/astro/bin/astro.mjs'),
        'build',
        '--root',
        path.join(repoRoot(), 'site'),
      ],
      {
        cwd: workDir,
        env: {
          ...process.env,
          PREVIEW_ARTICLE_ID: id,
          PREVIEW_ARTICLE_SLUG: slug,
          PREVIEW_DIR: outDir,
          NO_COLOR: '1',
        },
        maxBuffer: 64 * 1024 * 1024,
      },
    )
    return await fs.readFile(path.join(outDir, 'articles', slug, 'index.html'), 'utf8')
  } finally {
    await fs.rm(outDir, { recursive: true, force: true })
    await fs.rm(workDir, { recursive: true, force: true })
    await fs.rm(`${outDir}.cache`, { recursive: true, force: true })
    // The draft's images, written beside the preview and never into the site (scripts/pull/images.ts).
    await fs.rm(`${outDir}.images`, { recursive: true, force: true })
  }
}
