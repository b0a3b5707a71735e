import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import Database from 'libsql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SharedSqliteClient, type SharedTransaction } from '../cms/sqlite-client'
import { MAIL_OFF } from '../cms/lib/email'
import { rest, startTestCms, type TestCms } from './helpers/cms'

const repoRoot = path.resolve(import.meta.dirname, '..')
const ROUNDS = 40

type WriterReport = {
  label: string
  ok: number
  failures: string[]
  firstWriteAt: number
  lastWriteAt: number
}

/** Starts a writer process on the test's database; resolves once its CMS is up and waiting for "go". */
function startWriter(cms: TestCms, label: string) {
  const child = spawn(
    process.execPath,
    [
      path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'),
      'tests/helpers/sqlite-writer.ts',
      label,
      String(ROUNDS),
    ],
    { cwd: repoRoot, env: { ...process.env, DATABASE_URI: `file:${cms.databaseFile}` } },
  )
  let output = ''
  let errors = ''
  child.stderr.on('data', (chunk) => (errors += chunk))
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk
      if (/^ready$/m.test(output)) resolve()
    })
    child.on('exit', (code) =>
      reject(new Error(`writer ${label} exited with ${code} before it was ready\n${errors}`)),
    )
  })
  const report = new Promise<WriterReport>((resolve, reject) =>
    child.on('exit', (code) => {
      const line = output.split('\n').find((text) => text.startsWith('{'))
      if (code === 0 && line) resolve(JSON.parse(line))
      else reject(new Error(`writer ${label} exited with ${code}\n${output}\n${errors}`))
    }),
  )
  return { ready, report, go: () => child.stdin.write('go\n') }
}

describe('two processes writing one SQLite file at once', () => {
  let cms: TestCms
  beforeAll(async () => {
    cms = await startTestCms()
  })
  afterAll(async () => {
    await cms?.close()
  })

  it('loses no write: every save and queue update of both processes goes through', async () => {
    const writers = [startWriter(cms, 'A'), startWriter(cms, 'B')]
    await Promise.all(writers.map((writer) => writer.ready))
    for (const writer of writers) writer.go()
    const reports = await Promise.all(writers.map((writer) => writer.report))

    for (const report of reports) {
      expect(report.failures).toEqual([])
      expect(report.ok).toBe(ROUNDS * 4)
    }
    // They really wrote at the same time: each started before the other finished.
    const [a, b] = reports
    expect(a.firstWriteAt).toBeLessThan(b.lastWriteAt)
    expect(b.firstWriteAt).toBeLessThan(a.lastWriteAt)

    // Everything each process reported as saved is in the file.
    const { payload } = cms
    expect((await payload.count({ collection: 'topics' })).totalDocs).toBe(2 * ROUNDS)
    expect((await payload.count({ collection: 'articles', draft: true } as never)).totalDocs).toBe(2 * ROUNDS)
    const edited = await payload.find({
      collection: 'topics',
      where: { description: { exists: true } },
      limit: 0,
    })
    expect(edited.totalDocs).toBe(2 * ROUNDS)
    // The queue holds the builds both asked for, none left half-written or stuck.
    const builds = await payload.find({ collection: 'site-builds', depth: 0, limit: 100 })
    expect(builds.docs.length).toBeGreaterThan(0)
    expect(builds.docs.every((build) => build.status === 'queued')).toBe(true)
  })

  it('tells the editor when a save could not be committed, and keeps none of it', async () => {
    const { payload } = cms
    const db = payload.db as unknown as {
      beginTransaction: () => Promise<string>
      commitTransaction: (id: string) => Promise<void>
      sessions: Record<string, { db: { session: { tx: SharedTransaction } } }>
    }
    const id = await db.beginTransaction()
    const tx = db.sessions[id].db.session.tx
    // A deferred foreign key is checked at COMMIT: the one real way for a COMMIT to fail on demand.
    await tx.execute('PRAGMA defer_foreign_keys = ON')
    await payload.create({
      collection: 'topics',
      data: { name: '没能提交的专题' },
      req: { transactionID: id },
    })
    await tx.execute({
      sql: 'INSERT INTO site_builds_changes (_order, _parent_id, id) VALUES (?, ?, ?)',
      args: [1, 'no-such-build', 'orphan-change'],
    })
    await expect(db.commitTransaction(id)).rejects.toThrow('保存失败：数据库没有写入这次修改，请重试。')
    expect(
      (await payload.count({ collection: 'topics', where: { name: { equals: '没能提交的专题' } } }))
        .totalDocs,
    ).toBe(0)
  })

  it('answers a forgotten-password request (the operation writes outside its own transaction)', async () => {
    const { payload } = cms
    await payload.create({
      collection: 'users',
      data: {
        email: 'editor@example.org',
        password: 'correct-horse-battery',
        name: '编辑 测试',
        role: 'editor',
      },
    })
    // Mail is off here (no SMTP settings): the operation writes its token, then refuses to pretend a mail
    // went out. Before, the write never got the lock and the answer was a 500. (tests/operations.test.ts
    // follows a reset through a real mail server.)
    const { status, json } = await rest(payload, 'POST', '/api/users/forgot-password', {
      body: { email: 'editor@example.org' },
    })
    expect({ status, message: json.errors?.[0]?.message }).toEqual({ status: 503, message: MAIL_OFF })
  })
})

describe('a transaction whose COMMIT fails', () => {
  it('is rolled back whole, reported, and leaves the writer free', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changai-commit-'))
    const logged: string[] = []
    const client = new SharedSqliteClient({
      path: path.join(dir, 'commit.db'),
      log: (line) => logged.push(line),
    })
    try {
      await client.execute('CREATE TABLE parents (id INTEGER PRIMARY KEY)')
      await client.execute(
        'CREATE TABLE children (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parents(id))',
      )
      const tx = await client.transaction('write')
      // A deferred foreign key is checked at COMMIT: the one real way for a COMMIT to fail on demand.
      await tx.execute('PRAGMA defer_foreign_keys = ON')
      await tx.execute({ sql: 'INSERT INTO parents (id) VALUES (?)', args: [1] })
      await tx.execute({ sql: 'INSERT INTO children (parent) VALUES (?)', args: [99] })
      await expect(tx.commit()).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_CONSTRAINT/) })
      expect(tx.closed).toBe(true)
      expect(logged.join('\n')).toMatch(/COMMIT failed, the transaction was rolled back/)

      // Nothing of it was written, and the next transaction gets the writer at once.
      const next = await client.transaction('write')
      await next.execute({ sql: 'INSERT INTO parents (id) VALUES (?)', args: [2] })
      await next.commit()
      expect((await client.execute('SELECT id FROM parents')).rows.map((row) => row.id)).toEqual([2])
      expect((await client.execute('SELECT count(*) AS n FROM children')).rows[0].n).toBe(0)
    } finally {
      client.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('a write that cannot get the lock', () => {
  it('is refused before anything is written, and the next write goes through', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changai-lock-'))
    const file = path.join(dir, 'lock.db')
    const other = new Database(file)
    other.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT)')
    const client = new SharedSqliteClient({ path: file, lockWaitMs: 300, log: () => undefined })
    try {
      // Another process holds the write lock for longer than the client may wait.
      other.exec('BEGIN IMMEDIATE')
      const tx = await client.transaction('write')
      await expect(
        tx.execute({ sql: 'INSERT INTO notes (text) VALUES (?)', args: ['甲'] }),
      ).rejects.toMatchObject({
        code: 'SQLITE_BUSY',
      })
      await expect(
        client.execute({ sql: 'INSERT INTO notes (text) VALUES (?)', args: ['乙'] }),
      ).rejects.toMatchObject({
        code: 'SQLITE_BUSY',
      })
      // Reads are not held up by a writer (WAL).
      expect((await client.execute('SELECT count(*) AS n FROM notes')).rows[0].n).toBe(0)
      other.exec('COMMIT')

      // Nothing of the refused writes is there, and the client is not left holding anything.
      await client.execute({ sql: 'INSERT INTO notes (text) VALUES (?)', args: ['丙'] })
      const next = await client.transaction('write')
      await next.execute({ sql: 'INSERT INTO notes (text) VALUES (?)', args: ['丁'] })
      await next.commit()
      const rows = other.prepare('SELECT text FROM notes ORDER BY id').raw(true).all()
      expect(rows.map((row) => (row as unknown[])[0])).toEqual(['丙', '丁'])
    } finally {
      client.close()
      other.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
