/**
 * npm run backup [-- --to <folder>]: a consistent backup of the running product, taken while editors save.
 * Writes <folder> (default backups/<date-time>/) with the database, the media and manifest.json (see
 * snapshot.ts). On MongoDB, the database part is mongodump's: it is run if it is installed, and named if not.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { prepareEnvironment, REPO_ROOT } from '../lib/env'
import {
  BACKUP_DATABASE,
  BACKUP_MEDIA,
  databaseDigest,
  MANIFEST,
  mediaDigest,
  snapshotDatabase,
  type BackupManifest,
} from './snapshot'

const { values } = parseArgs({ options: { to: { type: 'string' } } })
const { database, mediaDir } = prepareEnvironment()
const stamp = new Date().toISOString().replace(/[:.]/g, '-')
const folder = path.resolve(values.to ?? path.join(REPO_ROOT, 'backups', stamp))
if (fs.existsSync(folder) && fs.readdirSync(folder).length) {
  console.error(`Backup folder ${folder} is not empty: choose a new one.`)
  process.exit(1)
}
fs.mkdirSync(folder, { recursive: true, mode: 0o700 })

if (database.kind === 'mongodb') {
  if (spawnSync('mongodump', ['--version']).error) {
    console.error(
      'The database is MongoDB: back it up with mongodump (MongoDB Database Tools), which is not installed here.',
    )
    process.exit(1)
  }
  execFileSync('mongodump', [`--uri=${database.url}`, `--out=${path.join(folder, 'mongodump')}`], {
    stdio: 'inherit',
  })
  fs.cpSync(mediaDir, path.join(folder, BACKUP_MEDIA), { recursive: true })
  console.log(`Backed up MongoDB (mongodump) and the media to ${folder}`)
  process.exit(0)
}

const started = Date.now()
const databaseFile = path.join(folder, BACKUP_DATABASE)
snapshotDatabase(database.file, databaseFile)
fs.chmodSync(databaseFile, 0o600)
// After the database: every file a row of the snapshot names was written before that row.
if (fs.existsSync(mediaDir)) fs.cpSync(mediaDir, path.join(folder, BACKUP_MEDIA), { recursive: true })
const manifest: BackupManifest = {
  createdAt: new Date().toISOString(),
  database: { file: BACKUP_DATABASE, ...databaseDigest(databaseFile) },
  media: { dir: BACKUP_MEDIA, ...mediaDigest(path.join(folder, BACKUP_MEDIA)) },
}
fs.writeFileSync(path.join(folder, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
console.log(
  `Backed up ${manifest.database.rows} rows and ${manifest.media.files} media files to ${folder} ` +
    `in ${((Date.now() - started) / 1000).toFixed(1)} s (digest ${manifest.database.digest.slice(0, 12)}…)`,
)
