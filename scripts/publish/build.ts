import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'

import { PUBLISH_REPORT_ENV, siteCodeHash } from '../../site/integrations/page-keys'
import { liveRelease, type ReleaseManifest } from '../../site/integrations/releases'
import { makeBuildWorkingDir, PULLED_CONTENT_ENV, sitePaths, siteUrlOf } from '../../site/output'
import { REPO_ROOT } from '../lib/env'
import { pulledFile, pullPortalContent } from '../pull/index'
import { localApiSource, localMediaFile } from '../pull/sources'

export type BuildResult = {
  ok: boolean
  pagesRendered: number
  pagesReused: number
  /** Output files of the pages rendered and reused, e.g. /articles/liushi-2021/index.html */
  rendered: string[]
  reused: string[]
  /** The last lines of the build's output when it failed, for the admin's error summary. */
  error?: string
}

const failed = (error: string): BuildResult => ({
  ok: false,
  pagesRendered: 0,
  pagesReused: 0,
  rendered: [],
  reused: [],
  error,
})

/**
 * Runs `astro build` for the portal as a child process, with the current environment (DATABASE_URI, SITE_DIST …).
 * Counts pages from Astro's log (a rendered page ends in its render time "(+12ms)", a page Astro's incremental
 * build reused in "(cached)" or "(restored)") and from the publish step's report of the pages it reused from
 * the live release (those never reach Astro).
 *
 * Given the running CMS's `payload`, it pulls the content here while Astro starts (Payload is already
 * loaded, so this saves the build starting a puller of its own), unless the content comes from a remote CMS
 * (CMS_URL). When the live release was built from the same content with the same code, the build would
 * change nothing: it is stopped, and the live release stays as it is.
 */
export async function buildPortal(
  env: NodeJS.ProcessEnv = process.env,
  { payload }: { payload?: Payload } = {},
): Promise<BuildResult> {
  const astro = path.join(REPO_ROOT, 'node_modules/astro/bin/astro.mjs')
  const workDir = makeBuildWorkingDir()
  const report = path.join(workDir, 'publish-report.json')
  const pulledFile = path.join(workDir, 'content.json')
  const pullHere = Boolean(payload && !env.CMS_URL)
  const child = spawn(process.execPath, [astro, 'build', '--root', path.join(REPO_ROOT, 'site')], {
    cwd: workDir,
    env: {
      ...env,
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      [PUBLISH_REPORT_ENV]: report,
      ...(pullHere ? { [PULLED_CONTENT_ENV]: pulledFile } : {}),
    },
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | Error>((resolve) => {
    // A build that cannot even start is a failed build, not a crash of the process running the worker.
    child.on('error', resolve)
    child.on('close', (code) => resolve(code ?? 1))
  })
  // While Astro starts; its content loader waits for the file (see site/src/lib/cms.ts).
  const digest = pullHere ? await pullForBuild(payload!, env, pulledFile) : undefined
  const live = digest ? liveReleaseBuiltFrom(digest, env) : undefined
  if (live) {
    child.kill()
    await exited
    fs.rmSync(workDir, { recursive: true, force: true })
    return nothingChanged(live)
  }
  const code = await exited
  const fromLive = code === 0 && fs.existsSync(report) ? readReport(report).reused : []
  fs.rmSync(workDir, { recursive: true, force: true })
  if (code instanceof Error) return failed(code.message)
  const pages = [...output.matchAll(/├─ (\S+)(.*)$/gm)].map(([, file, rest]) => ({
    file: file!,
    reused: /\((cached|restored)\)/.test(rest!),
  }))
  const rendered = pages.filter((p) => !p.reused).map((p) => p.file)
  const reused = [...pages.filter((p) => p.reused).map((p) => p.file), ...fromLive]
  return {
    ok: code === 0,
    pagesRendered: rendered.length,
    pagesReused: reused.length,
    rendered,
    reused,
    error: code === 0 ? undefined : failureSummary(output),
  }
}

/**
 * The publish worker's pull: in the CMS's own process, where Payload already runs, into `file` for the
 * build's content loader (PORTAL_CONTENT), or why it failed into `file`.failed. A build that pulls for itself
 * starts Payload in a child process first, which takes seconds.
 */
export async function pullForBuild(
  payload: Payload,
  env: NodeJS.ProcessEnv,
  file: string,
): Promise<string | undefined> {
  try {
    const { pulled, saveSnapshot } = await pullPortalContent(localApiSource(payload), {
      publicDir: path.join(REPO_ROOT, 'site/public'),
      mediaFrom: localMediaFile(env.MEDIA_DIR!),
      snapshot: sitePaths(env).snapshot,
    })
    const { json, digest } = pulledFile(pulled)
    // Written aside and renamed: the build reads the file as soon as it exists.
    fs.writeFileSync(`${file}.partial`, json)
    fs.renameSync(`${file}.partial`, file)
    saveSnapshot()
    return digest
  } catch (error) {
    fs.writeFileSync(`${file}.failed`, (error as Error).message)
    return undefined
  }
}

/** The live release's manifest, if it was built from this content with the site code as it is now. */
function liveReleaseBuiltFrom(contentDigest: string, env: NodeJS.ProcessEnv) {
  const { live, siteRoot } = sitePaths(env)
  const manifest = liveRelease(live)?.manifest
  if (manifest?.content !== contentDigest) return undefined
  return manifest.code === siteCodeHash(siteRoot, siteUrlOf(env)) ? manifest : undefined
}

/** A build that was not needed: every page of the live release is kept. */
function nothingChanged(live: ReleaseManifest): BuildResult {
  const reused = [...Object.keys(live.pages), ...live.written.filter((file) => file.endsWith('.html'))]
  return {
    ok: true,
    pagesRendered: 0,
    pagesReused: reused.length,
    rendered: [],
    reused: reused.map((file) => `/${file}`),
  }
}

const readReport = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as { reused: string[] }

/** The lines that say what went wrong, without the stack trace. */
function failureSummary(output: string) {
  const lines = output.split('\n').filter((line) => line.trim() && !/^\s+at /.test(line))
  const start = lines.findIndex((line) => /error/i.test(line))
  return lines
    .slice(start >= 0 ? start : -15)
    .slice(0, 15)
    .join('\n')
}
