/**
 * npm run backup and npm run restore, as an operator runs them: a backup taken while another process saves
 * continuously restores to the digest its manifest records and gives the same portal; restore refuses to
 * overwrite a database that exists unless told.
 */
import { execFile, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { afterAll, beforeAll, expect, it } from 'vitest'

import { databaseDigest, mediaDigest, readManifest } from '../scripts/ops/snapshot'
import { seedDemoContent } from '../scripts/seed/index'
import { startTestCms, type TestCms } from './helpers/cms'
import { buildSite, filesUnder } from './helpers/site'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const tsx = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs')
let cms: TestCms
let env: NodeJS.ProcessEnv

beforeAll(async () => {
  cms = await startTestCms()
  await seedDemoContent(cms.payload)
  env = { ...process.env, DATABASE_URI: `file:${cms.databaseFile}` }
}, 120_000)
afterAll(() => cms?.close())

const run = (script: string, args: string[], extra: Record<string, string> = {}) =>
  promisify(execFile)(process.execPath, [tsx, script, ...args], {
    cwd: repoRoot,
    env: { ...env, ...extra },
  }).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: error.code ?? 1,
      output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
    }),
  )

/** The portal's pages and files, path → content (not the release's own bookkeeping, .pages.json). */
const portal = (dist: string) =>
  new Map(
    filesUnder(dist)
      .filter((file) => !path.basename(file).startsWith('.'))
      .map((file) => [file, fs.readFileSync(path.join(dist, file), 'utf8')]),
  )

it('backs up while another process saves, and restores to the same digest and the same portal', async () => {
  const before = path.join(cms.dir, 'before', 'dist')
  expect((await buildSite(`file:${cms.databaseFile}`, before, { MEDIA_DIR: env.MEDIA_DIR! })).code).toBe(0)

  const writer = spawn(process.execPath, [tsx, 'tests/fixtures/draft-writer.ts'], { cwd: repoRoot, env })
  let saved = 0
  writer.stdout.on(
    'data',
    (chunk: Buffer) => (saved = Number(/saved (\d+)\s*$/.exec(String(chunk))?.[1] ?? saved)),
  )
  try {
    await expect.poll(() => saved, { timeout: 60_000 }).toBeGreaterThan(5)
    const backup = path.join(cms.dir, 'backup')
    const taken = await run('scripts/ops/backup.ts', ['--to', backup])
    expect(taken.output).toMatch(/Backed up \d+ rows and \d+ media files/)
    const savedAtBackup = saved
    await expect.poll(() => saved, { timeout: 30_000 }).toBeGreaterThan(savedAtBackup + 5)
  } finally {
    writer.kill()
  }

  const backup = path.join(cms.dir, 'backup')
  const manifest = readManifest(backup)
  const database = path.join(cms.dir, 'restored', 'cms.db')
  const media = path.join(cms.dir, 'restored', 'media')
  const restored = await run('scripts/ops/restore.ts', [backup, '--database', database, '--media', media])
  expect(restored.code).toBe(0)
  expect(databaseDigest(database).digest).toBe(manifest.database.digest)
  expect(mediaDigest(media).digest).toBe(manifest.media.digest)
  // The drafts saved while the backup ran are in it, up to the moment it was taken.
  expect(manifest.database.rows).toBeGreaterThan(0)

  const after = path.join(cms.dir, 'after', 'dist')
  expect((await buildSite(`file:${database}`, after, { MEDIA_DIR: media })).code).toBe(0)
  const [built, expected] = [portal(after), portal(before)]
  expect([...built.keys()].sort()).toEqual([...expected.keys()].sort())
  expect([...built].filter(([file, text]) => expected.get(file) !== text).map(([file]) => file)).toEqual([])
}, 600_000)

it('refuses to restore over a database that exists unless told', async () => {
  const digest = databaseDigest(cms.databaseFile).digest
  const refused = await run('scripts/ops/restore.ts', [path.join(cms.dir, 'backup')])
  expect(refused.code).toBe(1)
  expect(refused.output).toContain(`Refusing to overwrite ${cms.databaseFile}`)
  expect(databaseDigest(cms.databaseFile).digest).toBe(digest)
})

it('refuses a backup that does not match its manifest, restoring nothing', async () => {
  const backup = path.join(cms.dir, 'backup')
  fs.appendFileSync(path.join(backup, 'media', 'damaged.txt'), 'not part of the backup')
  const target = path.join(cms.dir, 'damaged', 'cms.db')
  const refused = await run('scripts/ops/restore.ts', [
    backup,
    '--database',
    target,
    '--media',
    `${target}-media`,
  ])
  expect(refused.code).toBe(1)
  expect(refused.output).toContain('does not match its manifest')
  expect(fs.existsSync(target)).toBe(false)
})
