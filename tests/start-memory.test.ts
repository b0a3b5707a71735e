/**
 * npm start runs its long-running processes with the memory settings of scripts/start/memory.ts (issue #14):
 * its own process, as its package.json script starts it, and the admin's Next.js server it starts. Fast: the
 * start is stopped by a bad setting before Payload loads, after a probe has recorded how the process runs.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { nextCommand } from '../scripts/start/admin'
import { ALLOCATOR_ENV, NODE_MEMORY_FLAGS } from '../scripts/start/memory'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

describe('memory settings of npm start', () => {
  it("npm start's own process runs with the V8 flags and the allocator setting", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changai-start-memory-'))
    const probe = path.join(dir, 'probe.cjs')
    fs.writeFileSync(
      probe,
      `if ((process.argv[1] || '').endsWith('scripts/start/index.ts'))
         console.log('PROBE ' + JSON.stringify({ execArgv: process.execArgv, arenas: process.env.MALLOC_ARENA_MAX }))`,
    )
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_OPTIONS: `--require=${probe}`,
      PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
      // A bad setting: start-up stops at the settings check, before anything is opened.
      PORT: '70000',
    }
    for (const key of Object.keys(env)) if (/^(VITEST|NODE_ENV$)/.test(key)) delete env[key]
    const run = spawnSync('npm', ['start'], { cwd: repoRoot, env, encoding: 'utf8', timeout: 60_000 })
    fs.rmSync(dir, { recursive: true, force: true })
    expect(run.stderr + run.stdout).toMatch(/PORT="?70000/)
    const line = run.stdout.split('\n').find((l) => l.startsWith('PROBE '))
    expect(line, run.stdout + run.stderr).toBeDefined()
    const { execArgv, arenas } = JSON.parse(line!.slice(6)) as { execArgv: string[]; arenas?: string }
    expect(execArgv).toEqual(expect.arrayContaining(NODE_MEMORY_FLAGS))
    expect(arenas).toBe(ALLOCATOR_ENV.MALLOC_ARENA_MAX)
  })

  it('the admin server gets them too; the admin build does not need them', () => {
    const serve = nextCommand(['start', 'cms', '--port', '3000'])
    expect(serve.args.slice(0, NODE_MEMORY_FLAGS.length)).toEqual(NODE_MEMORY_FLAGS)
    expect(serve.env).toMatchObject(ALLOCATOR_ENV)
    const build = nextCommand(['build', 'cms'])
    expect(build.args).not.toEqual(expect.arrayContaining(NODE_MEMORY_FLAGS))
  })

  it('this Node accepts the flags', () => {
    const run = spawnSync(process.execPath, [...NODE_MEMORY_FLAGS, '-e', 'process.exit(0)'], {
      encoding: 'utf8',
    })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
  })
})
