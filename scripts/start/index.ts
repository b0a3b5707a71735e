/**
 * npm start: runs the product on the configured database (the embedded SQLite file by default).
 * First run: writes .env with a new secret, creates and migrates the database, loads the demo content,
 * builds the admin. Every run then serves, together:
 * - the admin at http://localhost:3000/admin and the REST API at /api (Next.js),
 * - the publish worker, which rebuilds the portal whenever published content changes,
 * - the jobs runner, which carries out scheduled publishing (定时发布),
 * - the portal at http://localhost:4321 (the live build, switched atomically after each good build).
 * `--dev` serves the admin with Next.js in development mode instead (no build, hot reload).
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

import { getPayload } from 'payload'

import { requestSiteBuild } from '../cms/lib/site-builds'
import { adminBuildIsCurrent, recordAdminBuild } from './lib/admin-build'
import { describeTarget, prepareEnvironment, REPO_ROOT } from './lib/env'
import { serveStaticSite, siteDist } from './lib/static-site'
import { startPublishWorker } from './publish/worker'
import { seedDemoContent } from './seed/index'

const dev = process.argv.includes('--dev')
const port = process.env.PORT || '3000'
const sitePort = Number(process.env.SITE_PORT || 4321)
const target = prepareEnvironment()

console.log(`Database: ${describeTarget(target)}`)
process.env.PAYLOAD_JOBS_AUTORUN = 'true'
const { default: config } = await import('../cms/payload.config')
const payload = await getPayload({ config })
if ((await payload.count({ collection: 'articles' })).totalDocs === 0) {
  console.log('Empty database: loading the demo content …')
  console.log('Seeded:', await seedDemoContent(payload))
}
// Build the portal once on start (the code may have changed), then whenever published content changes.
await requestSiteBuild(payload, { collection: 'system', operation: 'startup' })
const worker = startPublishWorker(payload)
serveStaticSite(siteDist(REPO_ROOT), sitePort)
console.log(`Portal: http://localhost:${sitePort} (live after the first build finishes)`)

if (!dev && !adminBuildIsCurrent()) {
  console.log('Building the admin (first run or code changed; takes a few minutes) …')
  await runNext(['build', 'cms'])
  recordAdminBuild()
}
console.log(`Admin: http://localhost:${port}/admin   REST API: http://localhost:${port}/api`)
await runNext([dev ? 'dev' : 'start', 'cms', '--port', port])
await worker.stop()
process.exit(0)

function runNext(args: string[]) {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules/next/dist/bin/next'), ...args], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    // Jobs (scheduled publishing) run in this process only.
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      PAYLOAD_JOBS_AUTORUN: 'false',
      CHANGAI_ROOT: REPO_ROOT,
    },
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
  return new Promise<void>((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`next ${args[0]} exited with code ${code}`)),
    ),
  )
}
