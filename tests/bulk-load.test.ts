/**
 * The bulk-load commands as an operator runs them, each as a process of its own on one SQLite file:
 * `npm run seed` loads the demo content and asks for one portal build at the end; `npm run import` reads
 * saved pages (GBK, Big5 …) into drafts and asks for none, changing nothing readers see.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestCms, type TestCms } from './helpers/cms'

const REPO = path.resolve(import.meta.dirname, '..')
const fixture = (name: string) => path.join(REPO, 'tests/fixtures/import', name)
let dir = ''
let env: NodeJS.ProcessEnv

/** Runs `npm run <script> -- <args>` against the test's database; resolves with its exit code and output. */
function npmRun(script: string, args: string[] = []) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])],
      { cwd: REPO, env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changai-bulk-'))
  env = {
    ...process.env,
    DATABASE_URI: `file:${path.join(dir, 'test.db')}`,
    PAYLOAD_SECRET: 'bulk-load-test-secret-not-for-production',
    MEDIA_DIR: path.join(dir, 'media'),
    SITE_DIST: path.join(dir, 'site', 'dist'),
  }
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('npm run seed', () => {
  it('loads the demo content', async () => {
    const seeded = await npmRun('seed')
    expect(seeded.stderr).not.toMatch(/Error/)
    expect(seeded.code).toBe(0)
    expect(seeded.stdout).toContain('Seeded:')
  }, 300_000)
})

describe('npm run import', () => {
  let cms: TestCms
  /** Every published document readers can see, with the time it last changed. */
  let publishedBefore: string[]
  const published = async () => {
    const rows: string[] = []
    for (const collection of [
      'articles',
      'regions',
      'enterprises',
      'metrics',
      'indicators',
      'topics',
    ] as const) {
      const { docs } = await cms.payload.find({
        collection,
        where: { _status: { equals: 'published' } },
        pagination: false,
        depth: 0,
      })
      rows.push(...docs.map((d) => `${collection} ${d.id} ${d.updatedAt}`))
    }
    return rows.sort()
  }

  beforeAll(async () => {
    // The product's own Payload on the file the seed wrote, beside the import processes (as `npm start` is).
    cms = await startTestCms({ dir })
    publishedBefore = await published()
  }, 300_000)
  afterAll(() => cms?.payload.destroy())

  it('asks for exactly one build, at the end of the seed, not one per document', async () => {
    const { docs } = await cms.payload.find({ collection: 'site-builds', pagination: false, depth: 0 })
    expect(docs.map((b) => [b.status, b.changes!.map((c) => c.operation)])).toEqual([['queued', ['seed']]])
    expect(publishedBefore.filter((row) => row.startsWith('articles ')).length).toBeGreaterThanOrEqual(6)
  })

  it('reads a GBK page and a Big5 page into drafts, queues no build and changes nothing published', async () => {
    // The traditional-character page of the fixtures, saved as an older Taiwanese or Hong Kong site would:
    // Big5 bytes, declared in its meta tag.
    const big5 = path.join(dir, 'portal-big5.shtml')
    const page = fs
      .readFileSync(fixture('portal-traditional.shtml'), 'utf8')
      .replace('<meta charset="utf-8">', '<meta charset="big5">')
    fs.writeFileSync(big5, iconv.encode(page, 'big5'))
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(big5))).toThrow()

    const imported = await npmRun('import', [fixture('gbk-news.shtml'), big5])
    expect(imported.stderr).toBe('')
    expect(imported.code).toBe(0)
    expect(imported.stdout).toContain('（全部为草稿，不发布）')
    expect(imported.stdout).toContain(`✓ ${fixture('gbk-news.shtml')}  [GB18030]`)
    expect(imported.stdout).toContain(`✓ ${big5}  [Big5]`)
    expect(imported.stdout).toContain('共 2 个文件，成功 2 个，失败 0 个')

    const { docs } = await cms.payload.find({
      collection: 'articles',
      where: { title: { like: '社會組織唱主角' } },
      draft: true,
      depth: 0,
    })
    expect(docs.map((d) => [d.title, d._status])).toEqual([
      ['蘇州工業園區：社會組織唱主角 產改服務進班組', 'draft'],
    ])

    const builds = await cms.payload.find({ collection: 'site-builds', pagination: false, depth: 0 })
    expect(builds.docs.map((b) => [b.status, b.changes!.map((c) => c.operation)])).toEqual([
      ['queued', ['seed']],
    ])
    expect(await published()).toEqual(publishedBefore)
  }, 300_000)

  it('refuses an empty file with a message in Chinese, exits with 1 and writes nothing', async () => {
    const before = (await cms.payload.count({ collection: 'articles' })).totalDocs
    const refused = await npmRun('import', [fixture('empty.txt')])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`✗ ${fixture('empty.txt')}`)
    expect(refused.stderr).toContain('文件是空的：没有可导入的内容，未导入任何内容')
    expect((await cms.payload.count({ collection: 'articles' })).totalDocs).toBe(before)
  }, 300_000)

  it('says how it is used when given no file', async () => {
    const usage = await npmRun('import')
    expect(usage.code).toBe(1)
    expect(usage.stderr).toContain('用法：npm run import -- <保存的网页或文本文件…> [--verbose] [--again]')
  }, 120_000)
})
