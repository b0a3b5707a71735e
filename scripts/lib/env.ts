import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { describeTarget } from '../../config/database-uri'
import { settings, SettingsError, type Settings } from '../../config/settings'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * Prepares a command-line run: reads .env, writes a fresh PAYLOAD_SECRET into it on first run (so no secret
 * ever lives in the repository; the file is readable by its owner only), and validates every setting. A bad
 * value ends the process with one English line per problem (config/settings.ts says what each expects).
 */
export function prepareEnvironment({ envFile = path.join(REPO_ROOT, '.env') } = {}): Settings {
  if (fs.existsSync(envFile)) {
    fs.chmodSync(envFile, 0o600)
    process.loadEnvFile(envFile)
  }
  if (!process.env.PAYLOAD_SECRET) {
    process.env.PAYLOAD_SECRET = crypto.randomBytes(32).toString('hex')
    fs.appendFileSync(
      envFile,
      `# Written by npm start on first run; keep it secret.\nPAYLOAD_SECRET=${process.env.PAYLOAD_SECRET}\n`,
      { mode: 0o600 },
    )
    console.log(`Wrote a new PAYLOAD_SECRET to ${envFile} (readable by its owner only)`)
  }
  try {
    return settings()
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error
    console.error(`${error.message}\nSee the Environment section of README.md.`)
    process.exit(1)
  }
}

export { describeTarget }
