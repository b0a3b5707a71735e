/**
 * A restart after the process running the publish worker died mid-build (kill -9: no clean-up of any kind):
 * a new process finds the build still marked running, queues it again and builds it.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { requestSiteBuild } from '../cms/lib/site-builds'
import type { BuildResult } from '../scripts/publish/build'
import { startPublishWorker } from '../scripts/publish/worker'
import { seedDemoContent } from '../scripts/seed/index'
import { sitePaths } from '../site/output'
import { startTestCms, type TestCms } from './helpers/cms'
import { isRunning } from './helpers/product'

const REPO = path.resolve(import.meta.dirname, '..')
let cms: TestCms
beforeAll(async () => {
  cms = await startTestCms()
  process.env.SITE_DIST = path.join(cms.dir, 'site', 'dist')
  process.env.BUILD_QUIET_MS = '0'
}, 300_000)
afterAll(() => cms?.close())

describe('a restart after kill -9 of the worker process', () => {
  it('builds the build that process had taken, once', async () => {
    const requested = await requestSiteBuild(cms.payload, { collection: 'system', operation: 'manual' })

    const child = spawn(
      process.execPath,
      // tsx as a loader, not its CLI: the CLI runs the script in a child of its own, which a SIGKILL of the CLI
      // would leave running.
      ['--import', 'tsx', 'tests/fixtures/busy-worker.ts'],
      { cwd: REPO, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let output = ''
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    )
    const taken = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += chunk
        const id = /building (\S+)/.exec(output)?.[1]
        if (id) resolve(id)
      })
      child.stderr.on('data', (chunk) => (output += chunk))
      void exited.then(() => reject(new Error(`the worker process ended early:\n${output}`)))
    })
    expect(taken).toBe(requested.id)
    expect((await cms.payload.findByID({ collection: 'site-builds', id: taken })).status).toBe('running')

    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')
    // Nothing of the dead process ran after the kill: the build is still marked as it left it.
    expect((await cms.payload.findByID({ collection: 'site-builds', id: taken })).status).toBe('running')

    // The new process: the worker as `npm start` runs it, with a build that ends at once.
    const built: string[] = []
    let finishedOne = () => {}
    const oneBuilt = new Promise<void>((resolve, reject) => {
      finishedOne = resolve
      // Not a timing assertion: a worker that never takes the build up fails here rather than at the timeout.
      AbortSignal.timeout(60_000).addEventListener('abort', () =>
        reject(new Error('the new worker did not build what the dead process left running')),
      )
    })
    const worker = startPublishWorker(cms.payload, {
      pollMs: 20,
      build: async (): Promise<BuildResult> => ({
        ok: true,
        pagesRendered: 1,
        pagesReused: 0,
        rendered: [],
        reused: [],
      }),
      onEvent: (event) => {
        if (event.kind === 'started') built.push(event.build.id)
        if (event.kind === 'finished') finishedOne()
      },
    })
    await oneBuilt
    await worker.stop()

    expect(built).toEqual([taken])
    const after = await cms.payload.findByID({ collection: 'site-builds', id: taken })
    expect(after).toMatchObject({ status: 'succeeded', attempts: 2, error: null })
    expect((await cms.payload.find({ collection: 'site-builds', pagination: false })).docs).toHaveLength(1)
  })

  it('stops the portal build that process had started, before it publishes anything', async () => {
    await seedDemoContent(cms.payload)
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/orphaned-build.ts'], {
      cwd: REPO,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const ended = await new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    )
    expect(ended, output).toBe('SIGKILL')
    const astro = Number(/astro (\d+)/.exec(output)?.[1])
    expect(astro).toBeGreaterThan(0)

    // Not a timing assertion: an orphaned build that never ends fails here rather than at the test's timeout.
    const deadline = Date.now() + 120_000
    while (isRunning(astro) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
    expect(isRunning(astro)).toBe(false)
    expect(fs.existsSync(sitePaths().live)).toBe(false)
  }, 300_000)
})
