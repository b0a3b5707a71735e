/**
 * The libsql client Payload's SQLite adapter talks to, built for one SQLite file shared by several processes
 * (the admin and the publish worker) and for a process that runs for weeks.
 *
 * Why not `createClient()` from @libsql/client (0.14, the version @payloadcms/db-sqlite 3.90 pins):
 * - Its `transaction()` hands the client's connection to the transaction and opens a new one for the next
 *   statement. The detached connection is never closed, and a connection that prepared a statement is not
 *   released by `close()` either, only by the garbage collector, which a small JS heap rarely calls: every
 *   save leaked a whole native connection with its page cache (~1.6 MiB). Upstream:
 *   https://github.com/tursodatabase/libsql-client-ts/issues/350 and
 *   https://github.com/tursodatabase/libsql-js/issues/230.
 * - The new connection has none of the PRAGMAs set on the first one, so after the first save the busy
 *   timeout was gone and a write that met the other process's lock failed at once with SQLITE_BUSY.
 * - It prepares a new native statement for every call and leaves it to the garbage collector (no finalize
 *   in the binding): RSS grows while the heap stays flat. Upstream:
 *   https://github.com/tursodatabase/libsql-js/issues/153 and
 *   https://github.com/tursodatabase/libsql-client-ts/issues/333.
 * - A statement that failed with SQLITE_BUSY is not reset, so the next COMMIT on that connection fails with
 *   "SQL statements in progress" and the transaction keeps the write lock. Upstream:
 *   https://github.com/tursodatabase/libsql-client-ts/issues/352.
 *
 * What this client does instead:
 * - Two connections for the life of the process, both with the busy timeout: a reader for statements outside
 *   transactions that only read (WAL lets them run while a write is in progress), and a writer for
 *   transactions and every write. Prepared statements are kept per connection (a bounded cache keyed by SQL)
 *   and reused, so a request leaves no native statement behind.
 * - The driver is synchronous, so SQLite's busy wait would stop the whole event loop, and a second write
 *   transaction in the same process would wait for a lock that the first cannot give back while the loop is
 *   stopped. Writes in one process therefore take turns on the writer (an async queue), and the file lock
 *   between processes is taken with `BEGIN IMMEDIATE` through `exec` (no prepared statement to leave
 *   unreset), retried with a short back-off until `lockWaitMs`. A write that still cannot start is refused
 *   before anything is written; a COMMIT that fails is rolled back. Nothing is ever half-done.
 * - A transaction takes the writer at its first statement, not at BEGIN: Payload opens a transaction at
 *   the start of an operation and some operations (forgot-password) write outside it first.
 * - A write outside a transaction runs in a transaction of its own (BEGIN IMMEDIATE … COMMIT), so it never
 *   meets a lock half-way through.
 * - A connection whose statement failed with SQLITE_BUSY is replaced (its unreset statement would block later
 *   commits); after `recycleAfterStatements` statements a connection is replaced between two statements, which
 *   bounds what the binding keeps per connection. Neither loses a write: the writer is only replaced while no
 *   transaction holds it.
 */
import { LibsqlError } from '@libsql/client'
import type {
  Client,
  InArgs,
  InStatement,
  IntMode,
  InValue,
  Replicated,
  ResultSet,
  Row,
  Transaction,
  TransactionMode,
} from '@libsql/client'
import Database from 'libsql'

export type SharedSqliteOptions = {
  /** Path of the database file. */
  path: string
  /** How long one statement may wait inside SQLite for another process's lock (blocks the event loop). */
  busyTimeoutMs?: number
  /** How long a write may wait in all for the writer and the file's write lock before it is refused. */
  lockWaitMs?: number
  /** Prepared statements kept per connection. */
  statementCacheSize?: number
  /** Replace a connection after this many statements (0: never). */
  recycleAfterStatements?: number
  intMode?: IntMode
  /** Operator log (English). */
  log?: (message: string) => void
}

type Prepared = {
  statement: Database.Statement
  returnsData: boolean
  columns: string[]
  columnTypes: string[]
}

const BUSY = /^SQLITE_(BUSY|LOCKED)/

/** One native connection with its prepared statements. */
class Connection {
  readonly db: Database.Database
  private readonly prepared = new Map<string, Prepared>()
  statements = 0
  /** A statement failed in a way that may leave it unreset: replace this connection at the next chance. */
  spoilt = false

  constructor(
    path: string,
    busyTimeoutMs: number,
    private readonly cacheSize: number,
    private readonly intMode: IntMode,
    private readonly counters: { prepared: number; reused: number },
  ) {
    this.db = new Database(path)
    this.db.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`)
  }

  run(stmt: InStatement): ResultSet {
    const { sql: given, args } = typeof stmt === 'string' ? { sql: stmt, args: [] as InArgs } : stmt
    const sql = stableAliases(given)
    this.statements++
    let prepared: Prepared | undefined
    try {
      prepared = this.prepare(sql)
      const bound = bindArgs(args ?? [], this.intMode)
      if (prepared.returnsData) {
        const rows = prepared.statement
          .all(bound)
          .map((raw) => rowFromSql(raw as unknown[], prepared!.columns, this.intMode))
        return resultSet(prepared.columns, prepared.columnTypes, rows, 0, undefined)
      }
      const info = prepared.statement.run(bound)
      return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid))
    } catch (error) {
      // A statement that failed may not have been reset; never hand it out again.
      this.prepared.delete(sql)
      const mapped = mapSqliteError(error)
      if (mapped instanceof LibsqlError && BUSY.test(mapped.code)) this.spoilt = true
      throw mapped
    }
  }

  /** Runs SQL without a prepared statement (BEGIN, COMMIT, ROLLBACK, PRAGMAs, scripts). */
  exec(sql: string) {
    this.statements++
    try {
      this.db.exec(sql)
    } catch (error) {
      throw mapSqliteError(error)
    }
  }

  get inTransaction() {
    return this.db.inTransaction
  }

  /** After a schema change a kept statement may name columns that no longer exist. */
  forgetStatements() {
    this.prepared.clear()
  }

  close() {
    this.prepared.clear()
    try {
      this.db.close()
    } catch {
      // Already closed.
    }
  }

  private prepare(sql: string): Prepared {
    const kept = this.prepared.get(sql)
    if (kept) {
      // Most recently used last, so the first key is the one to drop.
      this.prepared.delete(sql)
      this.prepared.set(sql, kept)
      this.counters.reused++
      return kept
    }
    this.counters.prepared++
    const statement = this.db.prepare(sql)
    statement.safeIntegers(true)
    let returnsData = true
    try {
      statement.raw(true)
    } catch {
      // raw() throws for a statement that returns no data.
      returnsData = false
    }
    const columns = returnsData ? statement.columns() : []
    const prepared: Prepared = {
      statement,
      returnsData,
      columns: columns.map((column) => column.name),
      columnTypes: columns.map((column) => column.type ?? ''),
    }
    this.prepared.set(sql, prepared)
    if (this.prepared.size > this.cacheSize) this.prepared.delete(this.prepared.keys().next().value!)
    return prepared
  }
}

const RANDOM_ALIAS = /"[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}"/g

/**
 * Payload's SQL names some joins with a random UUID (the document-lock check run on every save does), so each
 * such statement is new text: it could never be reused, pushed reusable ones out of the cache and left one more
 * native statement for the garbage collector per save. Renaming those aliases in order of appearance gives
 * the same text for the same query, and changes nothing else (they are quoted identifiers, never values).
 */
function stableAliases(sql: string) {
  if (!sql.includes('_')) return sql
  const names = new Map<string, string>()
  return sql.replace(RANDOM_ALIAS, (alias) => {
    let name = names.get(alias)
    if (!name) names.set(alias, (name = `"join_alias_${names.size + 1}"`))
    return name
  })
}

/** A FIFO queue for the writer: one holder at a time, waiting without blocking the event loop. */
class Turns {
  private held = false
  private heldSince = 0
  private readonly waiting: (() => void)[] = []

  constructor(private readonly log: (message: string) => void) {}

  async take(deadline: number): Promise<void> {
    if (!this.held) {
      this.held = true
      this.heldSince = Date.now()
      return
    }
    await new Promise<void>((resolve, reject) => {
      const go = () => {
        clearTimeout(timer)
        this.heldSince = Date.now()
        resolve()
      }
      const timer = setTimeout(
        () => {
          this.waiting.splice(this.waiting.indexOf(go), 1)
          const seconds = Math.round((Date.now() - this.heldSince) / 1000)
          this.log(
            `[db] A write was refused: a transaction of this process has held the SQLite writer for ${seconds} s ` +
              '(a write outside that transaction, started from inside it, would wait for it forever)',
          )
          reject(lockTimeout('another write of this process held the database'))
        },
        Math.max(0, deadline - Date.now()),
      )
      this.waiting.push(go)
    })
  }

  give() {
    const next = this.waiting.shift()
    if (next) next()
    else this.held = false
  }

  get busy() {
    return this.held
  }
}

const READ = /^\s*(select|values)\b/i
const WRITE = /^\s*(insert|update|delete|replace|with)\b/i
const SCHEMA = /^\s*(create|alter|drop)\b/i

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function lockTimeout(reason: string) {
  return new LibsqlError(
    `数据库正忙，本次保存没有写入任何内容，请稍后重试。(SQLite write lock not obtained in time: ${reason}; nothing was written)`,
    'SQLITE_BUSY',
  )
}

export class SharedSqliteClient implements Client {
  closed = false
  readonly protocol = 'file'
  private reader: Connection
  private writer: Connection
  private readonly turns: Turns
  private readonly busyTimeoutMs: number
  private readonly lockWaitMs: number
  private readonly cacheSize: number
  private readonly recycleAfter: number
  private readonly intMode: IntMode
  private readonly log: (message: string) => void
  /** Counters for tests and the soak: connections opened and replaced over the life of the client. */
  readonly stats = { connectionsOpened: 0, recycled: 0, spoilt: 0, lockRetries: 0, prepared: 0, reused: 0 }

  constructor(private readonly options: SharedSqliteOptions) {
    this.busyTimeoutMs = options.busyTimeoutMs ?? 200
    this.lockWaitMs = options.lockWaitMs ?? 30_000
    this.cacheSize = options.statementCacheSize ?? 256
    this.recycleAfter = options.recycleAfterStatements ?? 0
    this.intMode = options.intMode ?? 'number'
    this.log = options.log ?? ((message) => console.warn(message))
    this.turns = new Turns(this.log)
    this.writer = this.open()
    // Write-ahead logging lets readers work while another process writes; it is a property of the file.
    const mode = this.writer.run('PRAGMA journal_mode = WAL').rows[0]?.[0]
    if (String(mode).toLowerCase() !== 'wal') {
      this.log(`[db] SQLite journal mode is ${mode}, not WAL: readers will wait for writers`)
    }
    this.writer.forgetStatements()
    this.reader = this.open()
  }

  async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    this.checkOpen()
    const stmt: InStatement = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql
    const sql = typeof stmt === 'string' ? stmt : stmt.sql
    if (READ.test(sql)) return this.read(stmt)
    if (WRITE.test(sql)) return this.withWriter('write', (writer) => writer.run(stmt))
    // PRAGMAs and schema changes run as they are (some cannot run inside a transaction).
    return this.withWriter(undefined, (writer) => {
      const result = writer.run(stmt)
      if (SCHEMA.test(sql)) this.forgetStatements()
      return result
    })
  }

  async batch(stmts: InStatement[], mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    this.checkOpen()
    return this.withWriter(mode, (writer) => stmts.map((stmt) => writer.run(stmt)))
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    this.checkOpen()
    return this.withWriter(undefined, async (writer) => {
      writer.exec('PRAGMA foreign_keys = off')
      try {
        await this.begin(writer, 'deferred')
        const results = this.inOwnTransaction(writer, () => stmts.map((stmt) => writer.run(stmt)))
        this.forgetStatements()
        return results
      } finally {
        writer.exec('PRAGMA foreign_keys = on')
      }
    })
  }

  async executeMultiple(sql: string): Promise<void> {
    this.checkOpen()
    await this.withWriter(undefined, (writer) => {
      try {
        writer.exec(sql)
      } finally {
        if (writer.inTransaction) writer.exec('ROLLBACK')
        this.forgetStatements()
      }
    })
  }

  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    this.checkOpen()
    return new SharedTransaction(this, mode)
  }

  async sync(): Promise<Replicated> {
    throw new LibsqlError('sync() is not supported by a local SQLite file', 'SYNC_NOT_SUPPORTED')
  }

  close() {
    if (this.closed) return
    this.closed = true
    this.reader.close()
    this.writer.close()
  }

  /** @internal Takes the writer for a transaction: waits for this process's turn, then the file's lock. */
  async takeWriter(mode: TransactionMode): Promise<Connection> {
    const deadline = Date.now() + this.lockWaitMs
    await this.turns.take(deadline)
    try {
      this.refreshWriter()
      await this.begin(this.writer, mode, deadline)
      return this.writer
    } catch (error) {
      this.turns.give()
      throw error
    }
  }

  /** @internal */
  logFailedCommit(error: unknown) {
    this.log(`[db] COMMIT failed, the transaction was rolled back: ${(error as Error).message}`)
  }

  /** @internal Gives the writer back after COMMIT or ROLLBACK. */
  giveWriter() {
    this.refreshWriter()
    this.turns.give()
  }

  private async read(stmt: InStatement): Promise<ResultSet> {
    const deadline = Date.now() + this.lockWaitMs
    for (;;) {
      this.refreshReader()
      try {
        return this.reader.run(stmt)
      } catch (error) {
        if (!isBusy(error) || Date.now() > deadline) throw error
        this.stats.lockRetries++
        await sleep(20)
      }
    }
  }

  /** Runs `work` holding the writer; with a mode, inside BEGIN … COMMIT, rolled back if anything fails. */
  private async withWriter<T>(
    mode: TransactionMode | undefined,
    work: (writer: Connection) => T | Promise<T>,
  ): Promise<T> {
    const deadline = Date.now() + this.lockWaitMs
    await this.turns.take(deadline)
    try {
      this.refreshWriter()
      const writer = this.writer
      // Without a mode, or inside a transaction someone began with a plain BEGIN, the work runs as it is.
      if (!mode || writer.inTransaction) return await this.retryBusy(deadline, () => work(writer))
      await this.begin(writer, mode, deadline)
      return this.inOwnTransaction(writer, () => work(writer) as T)
    } finally {
      this.refreshWriter()
      this.turns.give()
    }
  }

  /** Commits what `work` did, or rolls all of it back. `work` is synchronous: no other statement interleaves. */
  private inOwnTransaction<T>(writer: Connection, work: () => T): T {
    try {
      const result = work()
      writer.exec('COMMIT')
      return result
    } finally {
      if (writer.inTransaction) rollbackQuietly(writer, this.log)
    }
  }

  /** BEGIN, waiting for the other process's lock without stopping the event loop. */
  private async begin(writer: Connection, mode: TransactionMode, deadline = Date.now() + this.lockWaitMs) {
    const begin =
      mode === 'write' ? 'BEGIN IMMEDIATE' : mode === 'read' ? 'BEGIN TRANSACTION READONLY' : 'BEGIN DEFERRED'
    await this.retryBusy(deadline, () => writer.exec(begin))
  }

  private async retryBusy<T>(deadline: number, attempt: () => T | Promise<T>): Promise<T> {
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      try {
        return await attempt()
      } catch (error) {
        if (!isBusy(error)) throw error
        if (Date.now() + pause > deadline) {
          this.log(`[db] SQLite write lock not obtained within ${this.lockWaitMs} ms; the write was refused`)
          throw lockTimeout('another process held the database file')
        }
        this.stats.lockRetries++
        await sleep(pause)
      }
    }
  }

  private open() {
    this.stats.connectionsOpened++
    return new Connection(this.options.path, this.busyTimeoutMs, this.cacheSize, this.intMode, this.stats)
  }

  /** Replaces the reader between two statements when it is spoilt or due for recycling. */
  private refreshReader() {
    if (!this.due(this.reader) || this.reader.inTransaction) return
    this.reader.close()
    this.reader = this.open()
  }

  /** Replaces the writer; only called while this process holds no transaction on it. */
  private refreshWriter() {
    if (!this.due(this.writer) || this.writer.inTransaction) return
    this.writer.close()
    this.writer = this.open()
  }

  private due(connection: Connection) {
    if (connection.spoilt) {
      this.stats.spoilt++
      return true
    }
    if (this.recycleAfter > 0 && connection.statements >= this.recycleAfter) {
      this.stats.recycled++
      return true
    }
    return false
  }

  private forgetStatements() {
    this.reader.forgetStatements()
    this.writer.forgetStatements()
  }

  private checkOpen() {
    if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED')
  }
}

/**
 * A transaction on the shared writer. It takes the writer at its first statement and gives it back at
 * COMMIT or ROLLBACK; a failed COMMIT is rolled back, so a transaction is never left holding the lock.
 */
export class SharedTransaction implements Transaction {
  /** Why COMMIT failed, if it did (cms/db.ts reports it to the editor, which Payload itself does not). */
  failure?: unknown
  private state: 'waiting' | 'open' | 'done' = 'waiting'
  private opening?: Promise<Connection>
  private writer?: Connection

  constructor(
    private readonly client: SharedSqliteClient,
    private readonly mode: TransactionMode,
  ) {}

  async execute(stmt: InStatement): Promise<ResultSet> {
    const writer = await this.open()
    return writer.run(stmt)
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    const writer = await this.open()
    return stmts.map((stmt) => writer.run(stmt))
  }

  async executeMultiple(sql: string): Promise<void> {
    const writer = await this.open()
    writer.exec(sql)
  }

  async commit(): Promise<void> {
    if (this.opening) await this.opening.catch(() => undefined)
    if (this.state !== 'open') {
      if (this.state === 'done') throw new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED')
      this.state = 'done'
      return
    }
    const writer = this.writer!
    try {
      // In WAL mode a COMMIT holding the write lock should not meet SQLITE_BUSY; if it does, it may be retried.
      for (let attempt = 1; ; attempt++) {
        try {
          writer.exec('COMMIT')
          break
        } catch (error) {
          if (!isBusy(error) || attempt === 5) throw error
          await sleep(20 * attempt)
        }
      }
    } catch (error) {
      // Payload does not pass a failed COMMIT on to the request (the operation's promise has settled), so
      // the operator log is where it shows. The transaction is rolled back: nothing of it is written.
      this.client.logFailedCommit(error)
      this.failure = error
      throw error
    } finally {
      if (writer.inTransaction) rollbackQuietly(writer)
      this.finish()
    }
  }

  async rollback(): Promise<void> {
    if (this.opening) await this.opening.catch(() => undefined)
    this.close()
  }

  close() {
    if (this.state === 'waiting') {
      // Still waiting for the writer: give it back as soon as it comes.
      if (this.opening)
        void this.opening.then(
          () => this.close(),
          () => undefined,
        )
      else this.state = 'done'
      return
    }
    if (this.state !== 'open') return
    if (this.writer!.inTransaction) rollbackQuietly(this.writer!)
    this.finish()
  }

  get closed() {
    return this.state === 'done'
  }

  private open(): Promise<Connection> {
    if (this.state === 'open') return Promise.resolve(this.writer!)
    if (this.state === 'done') {
      return Promise.reject(new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED'))
    }
    this.opening ??= this.client.takeWriter(this.mode).then(
      (writer) => {
        this.writer = writer
        this.state = 'open'
        return writer
      },
      (error) => {
        this.state = 'done'
        throw error
      },
    )
    return this.opening
  }

  private finish() {
    this.state = 'done'
    this.client.giveWriter()
  }
}

function rollbackQuietly(writer: Connection, log: (message: string) => void = console.warn) {
  try {
    writer.exec('ROLLBACK')
  } catch (error) {
    // The connection is unusable for writing; replace it rather than leave a transaction holding the lock.
    writer.spoilt = true
    log(`[db] ROLLBACK failed, replacing the connection: ${(error as Error).message}`)
  }
}

const isBusy = (error: unknown) => error instanceof LibsqlError && BUSY.test(error.code)

// The conversions below follow @libsql/client's sqlite3 driver (MIT), so results look exactly as before.

function resultSet(
  columns: string[],
  columnTypes: string[],
  rows: Row[],
  rowsAffected: number,
  lastInsertRowid: bigint | undefined,
): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({
      columns,
      columnTypes,
      rows: rows.map((row) => Array.from(row as ArrayLike<unknown>)),
      rowsAffected,
      lastInsertRowid: lastInsertRowid === undefined ? null : String(lastInsertRowid),
    }),
  }
}

function rowFromSql(sqlRow: unknown[], columns: string[], intMode: IntMode): Row {
  const row = {} as Row
  Object.defineProperty(row, 'length', { value: sqlRow.length })
  for (let i = 0; i < sqlRow.length; ++i) {
    const value = valueFromSql(sqlRow[i], intMode)
    Object.defineProperty(row, i, { value })
    const column = columns[i]
    if (!Object.hasOwn(row, column)) {
      Object.defineProperty(row, column, { value, enumerable: true, configurable: true, writable: true })
    }
  }
  return row
}

const minSafeBigint = -9007199254740991n
const maxSafeBigint = 9007199254740991n

function valueFromSql(value: unknown, intMode: IntMode) {
  if (typeof value === 'bigint') {
    if (intMode === 'number') {
      if (value < minSafeBigint || value > maxSafeBigint) {
        throw new RangeError('Received integer which cannot be safely represented as a JavaScript number')
      }
      return Number(value)
    }
    return intMode === 'bigint' ? value : String(value)
  }
  if (value instanceof Buffer) return value.buffer
  return value
}

function bindArgs(args: InArgs, intMode: IntMode) {
  if (Array.isArray(args)) return args.map((value) => valueToSql(value, intMode))
  const named: Record<string, unknown> = {}
  for (const name in args) {
    const key = name[0] === '@' || name[0] === '$' || name[0] === ':' ? name.substring(1) : name
    named[key] = valueToSql((args as Record<string, InValue>)[name], intMode)
  }
  return named
}

const minInteger = -9223372036854775808n
const maxInteger = 9223372036854775807n

function valueToSql(value: InValue, intMode: IntMode) {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments')
    }
    return value
  }
  if (typeof value === 'bigint') {
    if (value < minInteger || value > maxInteger) {
      throw new RangeError('bigint is too large to be represented as a 64-bit integer and passed as argument')
    }
    return value
  }
  if (typeof value === 'boolean') {
    if (intMode === 'bigint') return value ? 1n : 0n
    if (intMode === 'string') return value ? '1' : '0'
    return value ? 1 : 0
  }
  if (value instanceof ArrayBuffer) return Buffer.from(value)
  if (value instanceof Date) return value.valueOf()
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database')
  return value
}

function mapSqliteError(error: unknown) {
  if (error instanceof Database.SqliteError) {
    return new LibsqlError(error.message, error.code, error.rawCode, error)
  }
  return error
}
