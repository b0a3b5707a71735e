/**
 * Pulls the published content a portal build needs and writes it as JSON:
 * `tsx scripts/pull-content.ts --out F [--snapshot S]`. The site's content loader runs this as a child
 * process, so Payload's code never goes through Vite (bundling Payload with Vite breaks as the config grows:
 * payloadcms/payload#11210). With --snapshot, only documents changed since the last pull are fetched.
 *
 * Source: the CMS database in-process (Local API, as an anonymous reader) by default, or the REST API of a
 * remote CMS when CMS_URL (and CMS_API_KEY, if the CMS needs one) is set.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { getPayload } from 'payload'

import { settings } from '../config/settings'
import { prepareEnvironment, REPO_ROOT } from './lib/env'
import { imageDirFor } from './pull/images'
import { pullPortalContent, serializePull } from './pull/index'
import { localApiSource, localMediaFile, remoteMediaUrl, restSource, withDraftArticle } from './pull/sources'

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    snapshot: { type: 'string' },
    'public-dir': { type: 'string', default: path.join(REPO_ROOT, 'site/public') },
  },
})
if (!values.out)
  throw new Error(
    'usage: tsx scripts/pull-content.ts --out <file.json> [--snapshot <file.json>] [--public-dir <dir>]',
  )
// A draft preview writes its images into a private folder (see imageDirFor), never into the site's.
const publicDir = imageDirFor(values['public-dir']!)

const { remoteCms } = settings()
const { pulled, saveSnapshot } = remoteCms
  ? await pullPortalContent(restSource(remoteCms.url, remoteCms.apiKey), {
      publicDir,
      mediaFrom: remoteMediaUrl(remoteCms.url),
      snapshot: values.snapshot,
    })
  : await fromLocalApi()
await fs.writeFile(values.out, serializePull(pulled).json)
// A preview reads the published documents' snapshot (fetching only what changed since) but never writes it:
// its draft must not enter it.
if (!process.env.PREVIEW_ARTICLE_ID) saveSnapshot()
process.exit(0)

async function fromLocalApi() {
  const { mediaDir } = prepareEnvironment()
  const { default: config } = await import('../cms/payload.config')
  const payload = await getPayload({ config })
  const previewId = process.env.PREVIEW_ARTICLE_ID
  const result = await pullPortalContent(localApiSource(payload), {
    publicDir,
    mediaFrom: localMediaFile(mediaDir),
    snapshot: values.snapshot,
    adjust: previewId ? (raw) => withDraftArticle(payload, raw, previewId) : undefined,
  })
  await payload.destroy()
  return result
}
