/**
 * Part of `npm run check`: fails when a generated file no longer matches the collections, that is when
 * someone changed a collection without running `npm run generate` (types, import map) or
 * `npm run migrate:create` (SQLite migrations). Leaves the working tree as it found it.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { REPO_ROOT } from './lib/env'

const payloadBin = path.join(REPO_ROOT, 'node_modules/payload/bin.js')
const env = {
  ...process.env,
  PAYLOAD_SECRET: process.env.PAYLOAD_SECRET || 'generate-only-not-a-secret',
  DATABASE_URI: `file:${path.join(os.tmpdir(), `changai-check-${process.pid}.db`)}`,
}
const payload = (...args: string[]) =>
  execFileSync(process.execPath, [payloadBin, ...args], { cwd: REPO_ROOT, env, stdio: 'pipe' })

const problems: string[] = []

const typesFile = path.join(REPO_ROOT, 'content-schema/payload-types.ts')
const freshTypes = path.join(os.tmpdir(), `changai-types-${process.pid}.ts`)
// generate:types honours PAYLOAD_TS_OUTPUT_PATH, so the committed file is compared, not overwritten.
execFileSync(process.execPath, [payloadBin, 'generate:types'], {
  cwd: REPO_ROOT,
  env: { ...env, PAYLOAD_TS_OUTPUT_PATH: freshTypes },
})
if (fs.readFileSync(freshTypes, 'utf8') !== fs.readFileSync(typesFile, 'utf8')) {
  problems.push('content-schema/payload-types.ts is stale: run `npm run generate` and commit the result.')
}

const importMapFile = path.join(REPO_ROOT, 'cms/app/(payload)/admin/importMap.js')
const importMap = fs.readFileSync(importMapFile, 'utf8')
payload('generate:importmap')
if (fs.readFileSync(importMapFile, 'utf8') !== importMap) {
  fs.writeFileSync(importMapFile, importMap)
  problems.push(
    'cms/app/(payload)/admin/importMap.js is stale: run `npm run generate` and commit the result.',
  )
}

const migrationsDir = path.join(REPO_ROOT, 'cms/migrations')
const migrationsBefore = new Map(
  fs.readdirSync(migrationsDir).map((f) => [f, fs.readFileSync(path.join(migrationsDir, f))]),
)
payload('migrate:create', 'stale-check', '--skip-empty')
const added = fs.readdirSync(migrationsDir).filter((f) => !migrationsBefore.has(f))
if (added.length) {
  for (const file of added) fs.rmSync(path.join(migrationsDir, file))
  for (const [file, content] of migrationsBefore) fs.writeFileSync(path.join(migrationsDir, file), content)
  problems.push(
    'The SQLite schema differs from cms/migrations: run `npm run migrate:create <name>` and commit it.',
  )
}

if (problems.length) {
  console.error(problems.join('\n'))
  process.exit(1)
}
console.log('Generated types, import map and migrations are up to date.')
