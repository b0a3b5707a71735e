/**
 * npm start: runs the product on the configured database (the embedded SQLite file by default).
 * First run: writes .env with a new secret, creates and migrates the database, loads the demo content,
 * builds the admin. Every run builds the portal from the published content and serves it at
 * http://localhost:4321, and serves the admin at http://localhost:3000/admin with the REST API at /api.
 * `--dev` serves the admin with Next.js in development mode instead (no build, hot reload).
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

import { getPayload } from 'payload'

import { describeTarget, prepareEnvironment, REPO_ROOT } from './lib/env'
import { adminBuildIsCurrent, recordAdminBuild } from './lib/admin-build'
import { serveStaticSite, siteDist } from './lib/static-site'
import { seedDemoContent } from './seed/index'

const BINARIES = { next: 'node_modules/next/dist/bin/next', astro: 'node_modules/astro/bin/astro.mjs' }
const dev = process.argv.includes('--dev')
const port = process.env.PORT || '3000'
const sitePort = Number(process.env.SITE_PORT || 4321)
const target = prepareEnvironment()

await prepareDatabase()
await buildPortal()
serveStaticSite(siteDist(REPO_ROOT), sitePort)
console.log(`Portal: http://localhost:${sitePort}`)
if (!dev && !adminBuildIsCurrent()) {
  console.log('Building the admin (first run or code changed; takes a few minutes) …')
  await run('next', ['build', 'cms'])
  recordAdminBuild()
}
console.log(`Admin: http://localhost:${port}/admin   REST API: http://localhost:${port}/api`)
await run('next', [dev ? 'dev' : 'start', 'cms', '--port', port])

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

/** Builds the portal; a failed build is reported and the previous portal stays live. */
async function buildPortal() {
  console.log('Building the portal from the published content …')
  await run('astro', ['build', '--root', 'site']).catch((error: Error) =>
    console.error(`Portal build failed, still serving the previous one: ${error.message}`),
  )
}

function run(tool: keyof typeof BINARIES, args: string[]) {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, BINARIES[tool]), ...args], {
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
