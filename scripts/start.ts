/**
 * npm start: runs the product on the configured database (the embedded SQLite file by default).
 * First run: writes .env with a new secret, creates and migrates the database, loads the demo content,
 * builds the admin. Then serves the admin at http://localhost:3000/admin and the REST API at /api.
 * `--dev` serves the admin with Next.js in development mode instead (no build, hot reload).
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

import { getPayload } from 'payload'

import { describeTarget, prepareEnvironment, REPO_ROOT } from './lib/env'
import { adminBuildIsCurrent, recordAdminBuild } from './lib/admin-build'
import { seedDemoContent } from './seed/index'

const dev = process.argv.includes('--dev')
const port = process.env.PORT || '3000'
const target = prepareEnvironment()

await prepareDatabase()
if (!dev && !adminBuildIsCurrent()) {
  console.log('Building the admin (first run or code changed; takes a few minutes) …')
  await run(['build', 'cms'])
  recordAdminBuild()
}
console.log(`Admin: http://localhost:${port}/admin   REST API: http://localhost:${port}/api`)
await run([dev ? 'dev' : 'start', 'cms', '--port', port])

async function prepareDatabase() {
  console.log(`Database: ${describeTarget(target)}`)
  const { default: config } = await import('../cms/payload.config')
  const payload = await getPayload({ config })
  if ((await payload.count({ collection: 'articles' })).totalDocs === 0) {
    console.log('Empty database: loading the demo content …')
    console.log('Seeded:', await seedDemoContent(payload))
  }
  await payload.destroy()
}

function run(args: string[]) {
  const next = path.join(REPO_ROOT, 'node_modules/next/dist/bin/next')
  const child = spawn(process.execPath, [next, ...args], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
  return new Promise<void>((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`next ${args[0]} exited with code ${code}`)),
    ),
  )
}
