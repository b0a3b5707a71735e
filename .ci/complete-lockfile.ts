/**
 * The npm registry reachable from our machines carries only the Linux builds of platform-specific packages
 * (@next/swc-*, @pagefind/*, …), so `npm install` leaves the other platforms' optional packages out of
 * package-lock.json, and `npm ci` then refuses the lock file as out of sync. This adds a stub entry for each
 * such optional package (name and version only) to the lock file CI installs from. npm skips optional
 * packages it cannot fetch, so the stubs change nothing that gets installed. On a complete registry it finds
 * nothing to add.
 */
import fs from 'node:fs'

type LockEntry = {
  version?: string
  dev?: boolean
  optional?: boolean
  optionalDependencies?: Record<string, string>
}

const file = process.argv[2] ?? 'package-lock.json'
const lock = JSON.parse(fs.readFileSync(file, 'utf8')) as { packages: Record<string, LockEntry> }
const { packages } = lock

/** Where Node would find `name` from the package at `from`: the nearest node_modules up the tree. */
function resolves(from: string, name: string) {
  for (let base = from; ; base = base.slice(0, Math.max(0, base.lastIndexOf('/node_modules/')))) {
    if (packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true
    if (!base) return false
  }
}

let added = 0
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolves(location, name)) continue
    packages[`${location ? `${location}/` : ''}node_modules/${name}`] = {
      version,
      optional: true,
      dev: entry.dev,
    }
    added++
  }
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`)
console.log(`complete-lockfile: added ${added} optional packages this registry does not carry`)
