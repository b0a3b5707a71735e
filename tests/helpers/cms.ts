import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'

export type TestCms = { payload: Payload; dir: string; databaseFile: string; close: () => Promise<void> }

/**
 * Starts the real CMS (Payload, our config, committed migrations) on a fresh SQLite file in a temporary folder.
 * The config reads DATABASE_URI when it is imported, so the environment is set first.
 */
export async function startTestCms(): Promise<TestCms> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changai-test-'))
  const databaseFile = path.join(dir, 'test.db')
  process.env.DATABASE_URI = `file:${databaseFile}`
  process.env.PAYLOAD_SECRET ||= 'test-secret-not-for-production'
  process.env.MEDIA_DIR = path.join(dir, 'media')
  const { default: config } = await import('../../cms/payload.config')
  const { getPayload } = await import('payload')
  const payload = await getPayload({ config })
  return {
    payload,
    dir,
    databaseFile,
    close: async () => {
      await payload.destroy()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
