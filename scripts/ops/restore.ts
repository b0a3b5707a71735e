/**
 * npm run restore -- <backup folder> [--database <file>] [--media <folder>] [--force]: restores a backup made
 * by npm run backup into a database file and a media folder (by default the configured ones). Refuses to
 * overwrite a database or media folder that exists unless --force is given; stop the product first. The
 * restored database and media are checked against the backup's manifest before they take the place of
 * anything: a mismatch leaves the target as it was.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { prepareEnvironment } from '../lib/env'
import { BACKUP_DATABASE, BACKUP_MEDIA, databaseDigest, mediaDigest, readManifest } from './snapshot'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { database: { type: 'string' }, media: { type: 'string' }, force: { type: 'boolean' } },
})
const fail = (message: string): never => {
  console.error(message)
  process.exit(1)
}
const backup = positionals[0]
  ? path.resolve(positionals[0])
  : fail('Usage: npm run restore -- <backup folder> [--database <file>] [--media <folder>] [--force]')
const settings = prepareEnvironment()
if (!values.database && settings.database.kind !== 'sqlite')
  fail("The database is MongoDB: restore it with mongorestore from the backup's mongodump folder.")
const targetDatabase = path.resolve(
  values.database ?? (settings.database.kind === 'sqlite' ? settings.database.file : ''),
)
const targetMedia = path.resolve(values.media ?? settings.mediaDir)
const manifest = readManifest(backup)

const inUse = (target: string) =>
  fs.existsSync(target) && (fs.statSync(target).isFile() || fs.readdirSync(target).length > 0)
for (const target of [targetDatabase, targetMedia]) {
  if (inUse(target) && !values.force)
    fail(`Refusing to overwrite ${target}, which exists: stop the product and pass --force to replace it.`)
}

// Restored beside the targets first, checked, then moved into place.
const staging = `${targetDatabase}.restoring`
fs.mkdirSync(path.dirname(targetDatabase), { recursive: true })
fs.copyFileSync(path.join(backup, BACKUP_DATABASE), staging)
fs.chmodSync(staging, 0o600)
const stagingMedia = `${targetMedia}.restoring`
fs.rmSync(stagingMedia, { recursive: true, force: true })
const backupMedia = path.join(backup, BACKUP_MEDIA)
if (fs.existsSync(backupMedia)) fs.cpSync(backupMedia, stagingMedia, { recursive: true })
else fs.mkdirSync(stagingMedia, { recursive: true })

const restored = { database: databaseDigest(staging), media: mediaDigest(stagingMedia) }
if (
  restored.database.digest !== manifest.database.digest ||
  restored.media.digest !== manifest.media.digest
) {
  fs.rmSync(staging, { force: true })
  fs.rmSync(stagingMedia, { recursive: true, force: true })
  fail(`The backup in ${backup} does not match its manifest (damaged or changed): nothing was restored.`)
}
for (const suffix of ['-wal', '-shm']) fs.rmSync(`${targetDatabase}${suffix}`, { force: true })
fs.renameSync(staging, targetDatabase)
fs.rmSync(targetMedia, { recursive: true, force: true })
fs.renameSync(stagingMedia, targetMedia)
console.log(
  `Restored ${restored.database.rows} rows into ${targetDatabase} and ${restored.media.files} media files into ` +
    `${targetMedia}; digest ${restored.database.digest.slice(0, 12)}… matches the backup's manifest.`,
)
