/**
 * What a backup holds and how it is checked: the SQLite database (taken with SQLite's own `VACUUM INTO`, a
 * consistent copy while others write), the media folder, and `manifest.json` with a digest of every row of
 * every table (published documents, drafts, versions, users …) and of every media file. A restore recomputes
 * the digest of what it restored and refuses to finish if it differs.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import Database from 'libsql'

export type BackupManifest = {
  createdAt: string
  database: { file: string; digest: string; rows: number }
  media: { dir: string; digest: string; files: number }
}

export const BACKUP_DATABASE = 'changai.db'
export const BACKUP_MEDIA = 'media'
export const MANIFEST = 'manifest.json'

/** How long a snapshot waits for a writer's lock before giving up. */
const BUSY_TIMEOUT_MS = 30_000

/** Copies the database at `from` into the new file `to`, consistently, while other processes write. */
export function snapshotDatabase(from: string, to: string) {
  const db = new Database(from, { readonly: true })
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    db.prepare('VACUUM INTO ?').run(to)
  } finally {
    db.close()
  }
}

/** A digest of every row of every table, in a fixed order, and how many rows there are. */
export function databaseDigest(file: string) {
  const db = new Database(file, { readonly: true })
  const hash = crypto.createHash('sha256')
  let rows = 0
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    const tables = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .all() as { name: string }[]
    for (const { name } of tables) {
      hash.update(`table ${name}\n`)
      for (const row of db.prepare(`select * from "${name}" order by 1`).iterate()) {
        hash.update(JSON.stringify(row, (_key, value) => (typeof value === 'bigint' ? String(value) : value)))
        hash.update('\n')
        rows++
      }
    }
  } finally {
    db.close()
  }
  return { digest: hash.digest('hex'), rows }
}

/** A digest of every file below `dir` (its relative path and its bytes), in a fixed order. */
export function mediaDigest(dir: string) {
  const hash = crypto.createHash('sha256')
  const files = fs.existsSync(dir)
    ? (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
        .sort()
    : []
  for (const file of files) hash.update(`${file}\n`).update(fs.readFileSync(path.join(dir, file)))
  return { digest: hash.digest('hex'), files: files.length }
}

export const readManifest = (backup: string) =>
  JSON.parse(fs.readFileSync(path.join(backup, MANIFEST), 'utf8')) as BackupManifest
