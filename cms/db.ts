import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj } from 'payload'

import { describeTarget, parseDatabaseUri, redactUri, type DatabaseTarget } from '../config/database-uri'
import { settings } from '../config/settings'

const migrationDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

/** The adapter for DATABASE_URI (see config/settings.ts), or for `uri` when given. */
export function databaseAdapter(uri?: string): DatabaseAdapterObj {
  const target = uri ? parseDatabaseUri(uri) : settings().database
  if (target.kind === 'sqlite') {
    createPrivateFile(target.file)
    return withClearConnectionError(
      // Schema changes go through committed migrations (cms/migrations), never through drizzle's push.
      // Transactions are off by default for SQLite; with them on, a save refused by a hook leaves nothing behind.
      sqliteAdapter({
        client: { url: target.url },
        idType: 'uuid',
        push: false,
        migrationDir,
        transactionOptions: {},
      }),
      target,
      shareSqliteFile,
    )
  }
  return withClearConnectionError(
    mongooseAdapter({ url: target.url, connectOptions: { serverSelectionTimeoutMS: 5000 } }),
    target,
  )
}

/**
 * The admin (Next.js) and the publish worker are two processes on one SQLite file: write-ahead logging lets
 * readers and a writer work at once, and a busy timeout makes a writer wait for the other's lock instead of failing.
 */
async function shareSqliteFile(adapter: { client?: { execute: (sql: string) => Promise<unknown> } }) {
  await adapter.client?.execute('PRAGMA journal_mode = WAL')
  await adapter.client?.execute('PRAGMA busy_timeout = 10000')
}

/** Rewrites a failed connection into one sentence that says where we tried to connect and why it failed. */
function withClearConnectionError(
  adapterObj: DatabaseAdapterObj,
  target: DatabaseTarget,
  afterConnect?: (adapter: never) => Promise<void>,
): DatabaseAdapterObj {
  return {
    ...adapterObj,
    init: (args) => {
      const adapter = adapterObj.init(args)
      const connect = adapter.connect
      if (connect) {
        adapter.connect = async function (this: typeof adapter, options) {
          try {
            await connect.call(this, options)
            await afterConnect?.(this as never)
          } catch (error) {
            const reason = error instanceof Error ? error.message.replace(/^(Error: )+/, '') : String(error)
            throw new Error(`Cannot connect to ${describeTarget(target)}: ${redactUri(reason)}`)
          }
        }
      }
      return adapter
    },
  }
}

/**
 * The database holds every draft and every staff account: it is created readable by its owner only. SQLite
 * gives its -wal and -shm files the database file's permissions.
 */
function createPrivateFile(file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.closeSync(fs.openSync(file, 'a', 0o600))
}
