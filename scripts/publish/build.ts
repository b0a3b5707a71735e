import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { makeBuildWorkingDir } from '../../site/output'
import { REPO_ROOT } from '../lib/env'

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

/**
 * Runs `astro build` for the portal as a child process, with the current environment (DATABASE_URI, SITE_DIST …).
 * Counts pages from Astro's log: a rendered page ends in its render time "(+12ms)", a page the incremental
 * build reused in "(cached)" or "(restored)".
 */
export function buildPortal(env: NodeJS.ProcessEnv = process.env): Promise<BuildResult> {
  const astro = path.join(REPO_ROOT, 'node_modules/astro/bin/astro.mjs')
  const workDir = makeBuildWorkingDir()
  const child = spawn(process.execPath, [astro, 'build', '--root', path.join(REPO_ROOT, 'site')], {
    cwd: workDir,
    env: { ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  return new Promise((resolve) => {
    // A build that cannot even start is a failed build, not a crash of the process running the worker.
    child.on('error', (error) => {
      fs.rmSync(workDir, { recursive: true, force: true })
      resolve({ ok: false, pagesRendered: 0, pagesReused: 0, rendered: [], reused: [], error: error.message })
    })
    child.on('close', (code) => {
      fs.rmSync(workDir, { recursive: true, force: true })
      const pages = [...output.matchAll(/├─ (\S+)(.*)$/gm)].map(([, file, rest]) => ({
        file: file!,
        reused: /\((cached|restored)\)/.test(rest!),
      }))
      const rendered = pages.filter((p) => !p.reused).map((p) => p.file)
      const reused = pages.filter((p) => p.reused).map((p) => p.file)
      resolve({
        ok: code === 0,
        pagesRendered: rendered.length,
        pagesReused: reused.length,
        rendered,
        reused,
        error: code === 0 ? undefined : failureSummary(output),
      })
    })
  })
}

/** The lines that say what went wrong, without the stack trace. */
function failureSummary(output: string) {
  const lines = output.split('\n').filter((line) => line.trim() && !/^\s+at /.test(line))
  const start = lines.findIndex((line) => /error/i.test(line))
  return lines
    .slice(start >= 0 ? start : -15)
    .slice(0, 15)
    .join('\n')
}
