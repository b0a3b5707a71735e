import path from 'node:path'

/** The embedded default: a SQLite file under data/, created on first run. */
export const DEFAULT_DATABASE_URI = 'file:./data/changai.db'

export type DatabaseTarget =
  { kind: 'sqlite'; file: string; url: string } | { kind: 'mongodb'; hosts: string; url: string }

/**
 * Reads DATABASE_URI. The scheme picks the adapter; anything else is refused before connecting. A relative
 * SQLite path is taken from `root`. Error messages name the host or file but never the password.
 */
export function parseDatabaseUri(uri: string = DEFAULT_DATABASE_URI, root = process.cwd()): DatabaseTarget {
  if (uri.startsWith('file:')) {
    const file = path.resolve(root, uri.slice('file:'.length).replace(/^\/\/(?=\/)/, ''))
    return { kind: 'sqlite', file, url: `file:${file}` }
  }
  const mongo = /^(mongodb(?:\+srv)?):\/\/(?:[^@/]*@)?([^/?]+)/.exec(uri)
  if (mongo) return { kind: 'mongodb', hosts: mongo[2]!, url: uri }
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(uri)?.[0] ?? '(none)'
  throw new Error(
    `Unsupported DATABASE_URI scheme "${scheme}": use file:<path> for the embedded SQLite database, ` +
      'or mongodb://… or mongodb+srv://… for MongoDB.',
  )
}

/** Where the target lives, for operators' logs: a file path or the MongoDB hosts, never credentials. */
export const describeTarget = (target: DatabaseTarget) =>
  target.kind === 'sqlite' ? `SQLite file ${target.file}` : `MongoDB at ${target.hosts}`

/** A URI with its password replaced by ***, for messages. */
export const redactUri = (text: string) => text.replace(/(\/\/[^:/@\s]+):[^@\s]+@/g, '$1:***@')
