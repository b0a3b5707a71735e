import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj } from 'payload'

import { describeTarget, parseDatabaseUri, redactUri, type DatabaseTarget } from '../config/database-uri'
import { settings } from '../config/settings'
import { refusal } from './lib/errors'
import { SharedSqliteClient, SharedTransaction } from './sqlite-client'

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
      shareSqliteFile(target.file),
    )
  }
  return withClearConnectionError(
    mongooseAdapter({ url: target.url, connectOptions: { serverSelectionTimeoutMS: 5000 } }),
    target,
  )
}

type SqliteAdapter = {
  client?: unknown
  destroy?: () => Promise<void>
  commitTransaction?: (id: string | number | Promise<string | number>) => Promise<void>
  sessions?: Record<string, { db?: { session?: { tx?: unknown } } }>
}

/**
 * The admin (Next.js) and the publish worker are two processes on one SQLite file. The adapter gets our
 * client (cms/sqlite-client.ts) instead of opening its own: two connections for the life of the process,
 * WAL and a busy timeout on both, writes of one process taking turns and waiting for the other's lock
 * without stopping the event loop. It is set before the adapter connects, so the adapter's own
 * `createClient` (a new, unconfigured connection per transaction) never runs; destroying Payload closes it.
 */
const shareSqliteFile = (file: string) => ({
  beforeConnect(adapter: SqliteAdapter) {
    if (adapter.client) return
    adapter.client = new SharedSqliteClient({ path: file, log: (message) => console.warn(message) })
    // Payload settles a transaction's promise before drizzle commits it, so a failed COMMIT would reach no
    // one and the editor would be told the save went through. Here it fails the operation instead.
    const commit = adapter.commitTransaction
    if (commit) {
      adapter.commitTransaction = async function (this: SqliteAdapter, id) {
        const key = String(await id)
        const transaction = this.sessions?.[key]?.db?.session?.tx
        await commit.call(this, id)
        if (transaction instanceof SharedTransaction && transaction.failure) {
          throw refusal('保存失败：数据库没有写入这次修改，请重试。', 503)
        }
      }
    }
    const destroy = adapter.destroy
    adapter.destroy = async function (this: SqliteAdapter) {
      await destroy?.call(this)
      ;(adapter.client as SharedSqliteClient | undefined)?.close()
      adapter.client = undefined
      adapter.destroy = destroy
    }
  },
})

/** Rewrites a failed connection into one sentence that says where we tried to connect and why it failed. */
function withClearConnectionError(
  adapterObj: DatabaseAdapterObj,
  target: DatabaseTarget,
  hooks?: { beforeConnect?: (adapter: never) => void },
): DatabaseAdapterObj {
  return {
    ...adapterObj,
    init: (args) => {
      const adapter = adapterObj.init(args)
      const connect = adapter.connect
      if (connect) {
        adapter.connect = async function (this: typeof adapter, options) {
          try {
            hooks?.beforeConnect?.(this as never)
            await connect.call(this, options)
          } catch (error) {
            const reason = error instanceof Error ? error.message.replace(/^(Error: )+/, '') : String(error)
            throw new Error(`Cannot connect to ${describeTarget(target)}: ${redactUri(reason)}`, {
              cause: error,
            })
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
