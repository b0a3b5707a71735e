import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { en } from '@payloadcms/translations/languages/en'
import { zh } from '@payloadcms/translations/languages/zh'
import { buildConfig, type Migration } from 'payload'
import sharp from 'sharp'

import { settings } from '../config/settings'
import { Articles } from './collections/Articles'
import { Channels } from './collections/Channels'
import { Enterprises } from './collections/Enterprises'
import { Imports } from './collections/Imports'
import { Indicators } from './collections/Indicators'
import { Media } from './collections/Media'
import { Metrics } from './collections/Metrics'
import { Regions } from './collections/Regions'
import { SavedPages } from './collections/SavedPages'
import { SiteBuilds } from './collections/SiteBuilds'
import { Topics } from './collections/Topics'
import { Users } from './collections/Users'
import { databaseAdapter } from './db'
import { SiteSettings } from './globals/SiteSettings'
import { health } from './endpoints/health'
import { emailAdapter } from './lib/email'
import { withInputCheck } from './hooks/input'
import { chineseAdmin, forEditors, translations } from './lib/admin'
import { deskDashboard } from './lib/desk'
import { answerInChinese } from './lib/errors'
import { productLogger } from './lib/logging'
import { migrations } from './migrations'
import { csrfOrigins } from './security'

const dirname = path.dirname(fileURLToPath(import.meta.url))
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

const { payloadSecret, jobsAutorun, smtp, serverUrl } = settings()
if (!payloadSecret) {
  throw new Error(
    'PAYLOAD_SECRET is not set: `npm start` writes one to .env on first run; in production set it yourself.',
  )
}

export default buildConfig({
  admin: {
    user: Users.slug,
    importMap: { baseDir: dirname, importMapFile: path.resolve(dirname, 'app/(payload)/admin/importMap.js') },
    meta: { titleSuffix: ' · 产改门户管理后台' },
    // Payload's own avatar, not Gravatar: the admin makes no third-party requests.
    avatar: 'default',
    // Editors' admin (issue #17): Chinese dates in China time, and a desk per role on the dashboard.
    ...chineseAdmin,
    dashboard: deskDashboard,
  },
  collections: [
    Articles,
    Regions,
    Enterprises,
    Metrics,
    Indicators,
    Channels,
    Topics,
    Media,
    Users,
    SiteBuilds,
    Imports,
    SavedPages,
  ]
    .map(withInputCheck)
    .map(forEditors),
  globals: [SiteSettings],
  editor: lexicalEditor(),
  email: emailAdapter(smtp),
  endpoints: [health],
  hooks: { afterError: [answerInChinese] },
  i18n: { supportedLanguages: { zh, en }, fallbackLanguage: 'zh', translations },
  secret: payloadSecret,
  // The session cookie is accepted only from the admin's own origin (SERVER_URL) and CSRF_ORIGINS: another
  // site cannot make an editor's browser act on the API. SERVER_URL also makes Payload's links absolute.
  csrf: csrfOrigins(),
  ...(serverUrl ? { serverURL: serverUrl } : {}),
  db: databaseAdapter(),
  logger: productLogger,
  sharp,
  // Uploads are photos for articles: 10 MB is plenty, and a larger file is refused before it is stored.
  upload: { limits: { fileSize: MAX_UPLOAD_BYTES } },
  // Types are generated on purpose (npm run generate) and checked by npm run check, never as a side effect.
  typescript: {
    outputFile: path.resolve(dirname, '../content-schema/payload-types.ts'),
    autoGenerate: false,
  },
  graphQL: { schemaOutputFile: path.resolve(dirname, 'schema.graphql') },
  jobs: {
    // Scheduled publishing (定时发布) runs as jobs. `npm start` runs them in its own process, once a minute;
    // the Next.js server does not, so a job never runs twice.
    autoRun: [{ cron: '* * * * *', queue: 'default' }],
    shouldAutoRun: () => jobsAutorun,
  },
  onInit: async (payload) => {
    // The SQLite schema comes from the committed migrations (drizzle's push is off); MongoDB needs none.
    // The generated migration files type their arguments for SQLite, hence the cast to the generic shape.
    if (payload.db.name === 'sqlite') await payload.db.migrate({ migrations: migrations as Migration[] })
  },
})
