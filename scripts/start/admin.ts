import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { REPO_ROOT } from './env'

/** What the admin build is made from: rebuilding is needed when any of it changes. */
const SOURCES = ['cms', 'content-schema', 'package-lock.json']
const STAMP = path.join(REPO_ROOT, 'cms/.next/changai-sources.sha256')

function fingerprint() {
  const hash = crypto.createHash('sha256')
  const visit = (file: string) => {
    const stat = fs.statSync(file)
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(file).sort()) {
        if (entry !== '.next' && entry !== 'node_modules') visit(path.join(file, entry))
      }
    } else {
      hash.update(path.relative(REPO_ROOT, file)).update(fs.readFileSync(file))
    }
  }
  for (const source of SOURCES) visit(path.join(REPO_ROOT, source))
  return hash.digest('hex')
}

export const adminBuildIsCurrent = () =>
  fs.existsSync(path.join(REPO_ROOT, 'cms/.next/BUILD_ID')) &&
  fs.existsSync(STAMP) &&
  fs.readFileSync(STAMP, 'utf8') === fingerprint()

export const recordAdminBuild = () => fs.writeFileSync(STAMP, fingerprint())
