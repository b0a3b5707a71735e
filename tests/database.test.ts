import os from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it, vi } from 'vitest'

import { parseDatabaseUri } from '../config/database-uri'
import { databaseAdapter } from '../cms/db'

describe('DATABASE_URI picks the adapter', () => {
  it('uses the embedded SQLite file by default and for file: URIs', () => {
    expect(parseDatabaseUri()).toMatchObject({ kind: 'sqlite', file: path.resolve('data/changai.db') })
    expect(parseDatabaseUri('file:/srv/changai/cms.db')).toMatchObject({
      kind: 'sqlite',
      file: '/srv/changai/cms.db',
    })
    expect(databaseAdapter(`file:${path.join(os.tmpdir(), 'adapter-choice.db')}`).name).toBe('sqlite')
  })

  it('uses MongoDB for mongodb:// and mongodb+srv:// URIs, keeping only the hosts for messages', () => {
    expect(parseDatabaseUri('mongodb://cms:s3cret@db1:27017,db2:27017/changai?replicaSet=rs0')).toMatchObject(
      {
        kind: 'mongodb',
        hosts: 'db1:27017,db2:27017',
      },
    )
    expect(parseDatabaseUri('mongodb+srv://cms:s3cret@cluster0.example.net/changai')).toMatchObject({
      kind: 'mongodb',
      hosts: 'cluster0.example.net',
    })
    expect(databaseAdapter('mongodb://127.0.0.1:27017/changai').name).toBe('mongoose')
  })

  it('refuses any other scheme with one sentence that does not repeat the password', () => {
    const attempt = () => parseDatabaseUri('postgres://cms:s3cret@db.example.net/changai')
    expect(attempt).toThrow('Unsupported DATABASE_URI scheme "postgres:"')
    expect(attempt).not.toThrow(/s3cret/)
    expect(() => parseDatabaseUri('changai.db')).toThrow('Unsupported DATABASE_URI scheme "(none)"')
  })
})

describe('starting the CMS', () => {
  afterEach(() => {
    vi.resetModules()
  })

  it('fails fast on an unsupported scheme', async () => {
    process.env.PAYLOAD_SECRET = 'test-secret-not-for-production'
    process.env.DATABASE_URI = 'mysql://cms:s3cret@db.example.net/changai'
    const error = await import('../cms/payload.config').then(
      () => undefined,
      (e: Error) => e,
    )
    expect(error?.message).toMatch(
      /DATABASE_URI="mysql:\/\/cms:\*\*\*@db\.example\.net\/changai" is not valid: expected file:<path>/,
    )
    expect(error?.message).not.toContain('s3cret')
  })

  it('names the unreachable MongoDB host, and never the password', async () => {
    process.env.PAYLOAD_SECRET = 'test-secret-not-for-production'
    // Nothing listens on port 9 of the loopback interface, so the connection is refused at once.
    process.env.DATABASE_URI = 'mongodb://cms:s3cret@127.0.0.1:9/changai'
    const { default: config } = await import('../cms/payload.config')
    const { getPayload } = await import('payload')
    const error = await getPayload({ config }).then(
      () => undefined,
      (e: Error) => e,
    )
    expect(error?.message).toMatch(/^Cannot connect to MongoDB at 127\.0\.0\.1:9: /)
    expect(error?.message).not.toContain('s3cret')
  })
})
