/**
 * Every setting the product reads from its environment (the shell or `.env`), parsed and validated here and
 * nowhere else. `settings()` is what the rest of the code calls; `npm start` calls it first, so a bad value
 * stops start-up with one English line per problem naming the variable, its value and the expected form,
 * before any server, worker or content hook could run with it.
 *
 * Values are read once per process (again only if the environment itself changes, as tests do between cases).
 * An empty value counts as unset. Relative paths are taken from the repository root.
 */
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { z } from 'zod'

import { DEFAULT_DATABASE_URI, parseDatabaseUri, redactUri, type DatabaseTarget } from './database-uri'

type Env = Record<string, string | undefined>

export type Settings = {
  /** The checkout the product runs from: scripts, site/ and node_modules are found from here. */
  repoRoot: string
  database: DatabaseTarget
  /** Signs sessions and tokens; every process that runs Payload needs it (npm start writes one to .env). */
  payloadSecret?: string
  /** The address the admin, the API and the portal listen on: loopback unless HOST says otherwise. */
  host: string
  port: number
  sitePort: number
  /** The admin's public address, when set: Payload's links are absolute, and only it may use the session cookie. */
  serverUrl?: string
  /** Further origins allowed to use the session cookie (CSRF). */
  csrfOrigins: string[]
  /** The portal's public address, written into links, the sitemap and the RSS feed (no trailing slash). */
  siteUrl: string
  siteDist: string
  mediaDir: string
  /** Build the portal from a remote CMS over REST instead of the local database. */
  remoteCms?: { url: string; apiKey?: string }
  /** External CI mode: notify this URL of content changes instead of building the portal here. */
  buildHook?: { url: string; secret: string; token?: string }
  buildQuietMs: number
  buildMaxWaitMs: number
  /** Outgoing mail (password reset, invitations); without it the admin says that mail is off. */
  smtp?: { host: string; port: number; user?: string; password?: string; from: string }
  /** Whether this process runs scheduled jobs (npm start's own process does; the Next.js server does not). */
  jobsAutorun: boolean
}

/** Thrown when the environment holds a bad value; `problems` has one English line per variable. */
export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((line) => `  ${line}`).join('\n')}`)
    this.name = 'SettingsError'
  }
}

const SECRET_NAMES = new Set([
  'PAYLOAD_SECRET',
  'CMS_API_KEY',
  'BUILD_HOOK_SECRET',
  'BUILD_HOOK_TOKEN',
  'SMTP_PASSWORD',
])

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash
  } catch {
    return false
  }
}
const isHost = (value: string) =>
  net.isIP(value) !== 0 ||
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(value)
const isEmail = (value: string) => /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(value)
const isDatabaseUri = (value: string) => {
  try {
    parseDatabaseUri(value)
    return true
  } catch {
    return false
  }
}

/** Each variable: its schema, and the expected form that a refusal names. */
const text = (check: (value: string) => boolean, expected: string) =>
  z.string().refine(check, { message: expected }).optional()
const wholeNumber = (min: number, max: number, expected: string) =>
  z
    .string()
    .refine((value) => /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max, {
      message: expected,
    })
    .transform(Number)
    .optional()

const schema = z.object({
  CHANGAI_ROOT: text(path.isAbsolute, 'an absolute path to the repository'),
  DATABASE_URI: text(
    isDatabaseUri,
    'file:<path> for the embedded SQLite database, or mongodb://… or mongodb+srv://…',
  ),
  PAYLOAD_SECRET: text((value) => value.length >= 16, 'a random string of at least 16 characters'),
  HOST: text(isHost, 'an IP address or host name to listen on, e.g. 127.0.0.1 or 0.0.0.0'),
  PORT: wholeNumber(1, 65535, 'a port number from 1 to 65535'),
  SITE_PORT: wholeNumber(1, 65535, 'a port number from 1 to 65535'),
  SERVER_URL: text(isHttpUrl, "the admin's public http:// or https:// address, e.g. https://cms.example.org"),
  CSRF_ORIGINS: text(
    (value) => value.split(',').every((origin) => !origin.trim() || isHttpUrl(origin.trim())),
    'http:// or https:// origins separated by commas, e.g. https://a.example.org,https://b.example.org',
  ),
  SITE_URL: text(isHttpUrl, 'an http:// or https:// address without query, e.g. https://changai.example.org'),
  SITE_DIST: text(Boolean, 'a path for the live site (a link the builds switch), not an existing file'),
  MEDIA_DIR: text(Boolean, 'a folder path, not an existing file'),
  CMS_URL: text(isHttpUrl, 'the http:// or https:// address of a running CMS, e.g. https://cms.example.org'),
  CMS_API_KEY: text((value) => /^\S+$/.test(value), 'an API key without spaces'),
  BUILD_HOOK_URL: text(isHttpUrl, 'an http:// or https:// address to notify of content changes'),
  BUILD_HOOK_SECRET: text((value) => value.length >= 16, 'a random string of at least 16 characters'),
  BUILD_HOOK_TOKEN: text((value) => /^\S+$/.test(value), 'a token without spaces'),
  BUILD_QUIET_MS: wholeNumber(0, 600_000, 'a whole number of milliseconds from 0 to 600000, e.g. 1000'),
  BUILD_MAX_WAIT_MS: wholeNumber(0, 3_600_000, 'a whole number of milliseconds from 0 to 3600000, e.g. 5000'),
  SMTP_HOST: text(isHost, 'the host name or IP address of the mail server, e.g. smtp.example.org'),
  SMTP_PORT: wholeNumber(1, 65535, 'a port number from 1 to 65535, e.g. 587 (STARTTLS) or 465 (TLS)'),
  SMTP_USER: text((value) => !/\s/.test(value), 'a user name without spaces'),
  SMTP_PASSWORD: text(Boolean, 'the mail account password'),
  SMTP_FROM: text(isEmail, 'the sender address, e.g. changai@example.org'),
  PAYLOAD_JOBS_AUTORUN: text((value) => value === 'true' || value === 'false', 'true or false'),
})
type Raw = z.output<typeof schema>
const NAMES = Object.keys(schema.shape) as (keyof Raw)[]

/** How a value is quoted in a refusal: secrets by their length only, URIs without their password. */
const shown = (name: string, value: string | undefined) =>
  SECRET_NAMES.has(name)
    ? `(hidden, ${value?.length ?? 0} characters)`
    : JSON.stringify(redactUri(value ?? ''))

const checkoutRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Parses `env` into settings, or throws a SettingsError naming every bad variable. */
export function readSettings(env: Env = process.env): Settings {
  const given = Object.fromEntries(NAMES.map((name) => [name, env[name] || undefined]))
  const parsed = schema.safeParse(given)
  if (!parsed.success) {
    throw new SettingsError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0])
        return `${name}=${shown(name, given[name])} is not valid: expected ${issue.message}.`
      }),
    )
  }
  const raw = parsed.data
  const problems: string[] = []
  const repoRoot = raw.CHANGAI_ROOT ?? checkoutRoot
  const fromRoot = (value: string) => path.resolve(repoRoot, value)
  const port = raw.PORT ?? 3000
  const sitePort = raw.SITE_PORT ?? 4321
  if (port === sitePort)
    problems.push(
      `SITE_PORT=${sitePort} is not valid: expected a port other than PORT (${port}), the admin's.`,
    )
  if (raw.BUILD_HOOK_URL && !raw.BUILD_HOOK_SECRET)
    problems.push(
      'BUILD_HOOK_SECRET is not set: expected a random string of at least 16 characters when BUILD_HOOK_URL is set (build hooks are never sent unsigned).',
    )
  for (const [name, value, isFine] of [
    ['SITE_DIST', raw.SITE_DIST, (stat: fs.Stats) => stat.isSymbolicLink() || stat.isDirectory()],
    ['MEDIA_DIR', raw.MEDIA_DIR, (stat: fs.Stats) => stat.isDirectory()],
  ] as const) {
    const stat = value ? fs.lstatSync(fromRoot(value), { throwIfNoEntry: false }) : undefined
    if (stat && !isFine(stat))
      problems.push(
        `${name}=${shown(name, value)} is not valid: expected a folder, and it is an existing file.`,
      )
  }
  const buildQuietMs = raw.BUILD_QUIET_MS ?? 1000
  const buildMaxWaitMs = raw.BUILD_MAX_WAIT_MS ?? Math.max(5000, buildQuietMs)
  if (buildMaxWaitMs < buildQuietMs)
    problems.push(
      `BUILD_MAX_WAIT_MS=${buildMaxWaitMs} is not valid: expected at least BUILD_QUIET_MS (${buildQuietMs}).`,
    )
  if (raw.SMTP_HOST && !raw.SERVER_URL)
    problems.push(
      "SERVER_URL is not set: expected the admin's public address (e.g. https://cms.example.org) when SMTP_HOST is set, for the links in the mails.",
    )
  if (raw.SMTP_HOST && !raw.SMTP_FROM)
    problems.push(
      'SMTP_FROM is not set: expected the sender address (e.g. changai@example.org) when SMTP_HOST is set.',
    )
  for (const name of ['SMTP_PORT', 'SMTP_USER', 'SMTP_PASSWORD', 'SMTP_FROM'] as const) {
    if (raw[name] !== undefined && !raw.SMTP_HOST)
      problems.push(`${name} is set but SMTP_HOST is not: expected SMTP_HOST too, or neither.`)
  }
  if (problems.length) throw new SettingsError(problems)
  return {
    repoRoot,
    database: parseDatabaseUri(raw.DATABASE_URI ?? DEFAULT_DATABASE_URI, repoRoot),
    payloadSecret: raw.PAYLOAD_SECRET,
    host: raw.HOST ?? '127.0.0.1',
    port,
    sitePort,
    serverUrl: raw.SERVER_URL?.replace(/\/+$/, ''),
    csrfOrigins: (raw.CSRF_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    siteUrl: (raw.SITE_URL ?? `http://localhost:${sitePort}`).replace(/\/+$/, ''),
    siteDist: fromRoot(raw.SITE_DIST ?? 'site/dist'),
    mediaDir: fromRoot(raw.MEDIA_DIR ?? 'data/media'),
    remoteCms: raw.CMS_URL ? { url: raw.CMS_URL, apiKey: raw.CMS_API_KEY } : undefined,
    buildHook: raw.BUILD_HOOK_URL
      ? { url: raw.BUILD_HOOK_URL, secret: raw.BUILD_HOOK_SECRET!, token: raw.BUILD_HOOK_TOKEN }
      : undefined,
    buildQuietMs,
    buildMaxWaitMs,
    smtp: raw.SMTP_HOST
      ? {
          host: raw.SMTP_HOST,
          port: raw.SMTP_PORT ?? 587,
          user: raw.SMTP_USER,
          password: raw.SMTP_PASSWORD,
          from: raw.SMTP_FROM!,
        }
      : undefined,
    jobsAutorun: raw.PAYLOAD_JOBS_AUTORUN === 'true',
  }
}

let cached: { key: string; settings: Settings } | undefined

/** This process's settings, from process.env: parsed on first use, and again only if the environment changed. */
export function settings(): Settings {
  const key = JSON.stringify(NAMES.map((name) => process.env[name] ?? null))
  if (cached?.key !== key) cached = { key, settings: readSettings(process.env) }
  return cached.settings
}

/** The variables this module reads, for the README and tests. */
export const SETTING_NAMES: readonly string[] = NAMES
