import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { DEFAULT_DATABASE_URI, describeTarget, parseDatabaseUri } from '../../cms/db'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const ENV_FILE = path.join(REPO_ROOT, '.env')

/**
 * Prepares the environment for a local run: reads .env, writes a fresh PAYLOAD_SECRET into it on first run
 * (so no secret ever lives in the repository), and makes the SQLite and media paths absolute, because the
 * Next.js server runs from cms/.
 */
export function prepareEnvironment() {
  if (fs.existsSync(ENV_FILE)) process.loadEnvFile(ENV_FILE)
  if (!process.env.PAYLOAD_SECRET) {
    process.env.PAYLOAD_SECRET = crypto.randomBytes(32).toString('hex')
    fs.appendFileSync(
      ENV_FILE,
      `# Written by npm start on first run; keep it secret.\nPAYLOAD_SECRET=${process.env.PAYLOAD_SECRET}\n`,
    )
    console.log(`Wrote a new PAYLOAD_SECRET to ${ENV_FILE}`)
  }
  const target = parseDatabaseUri(
    process.env.DATABASE_URI || DEFAULT_DATABASE_URI.replace('./', `${REPO_ROOT}/`),
  )
  process.env.DATABASE_URI = target.url
  process.env.MEDIA_DIR = path.resolve(REPO_ROOT, process.env.MEDIA_DIR || 'data/media')
  return target
}

export { describeTarget }
