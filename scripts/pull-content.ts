/**
 * Pulls the published content a portal build needs and writes it as JSON: `tsx scripts/pull-content.ts --out F`.
 * The site's content loader runs this as a child process, so Payload's code never goes through Vite
 * (bundling Payload with Vite breaks as the config grows: payloadcms/payload#11210).
 *
 * Source: the CMS database in-process (Local API, as an anonymous reader) by default, or the REST API of a
 * remote CMS when CMS_URL (and CMS_API_KEY, if the CMS needs one) is set.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { getPayload } from 'payload'

import { prepareEnvironment, REPO_ROOT } from './lib/env'
import { publishImages } from './pull/images'
import { normalizeContent, type RawContent } from './pull/normalize'
import {
  localMediaFile,
  readFromLocalApi,
  readFromRest,
  remoteMediaUrl,
  withDraftArticle,
} from './pull/sources'

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    'public-dir': { type: 'string', default: path.join(REPO_ROOT, 'site/public') },
  },
})
if (!values.out) throw new Error('usage: tsx scripts/pull-content.ts --out <file.json> [--public-dir <dir>]')

const warnings: string[] = []
const { raw, mediaFrom } = process.env.CMS_URL ? await fromRest(process.env.CMS_URL) : await fromLocalApi()
const content = normalizeContent(raw, (message) => warnings.push(message), mediaFrom)
await publishImages(content.media, values['public-dir']!)
await fs.writeFile(values.out, JSON.stringify({ content, warnings }))
process.exit(0)

async function fromRest(cmsUrl: string) {
  return { raw: await readFromRest(cmsUrl, process.env.CMS_API_KEY), mediaFrom: remoteMediaUrl(cmsUrl) }
}

async function fromLocalApi(): Promise<{
  raw: RawContent
  mediaFrom: (m: { filename?: string | null }) => string
}> {
  prepareEnvironment()
  const { default: config } = await import('../cms/payload.config')
  const payload = await getPayload({ config })
  const raw = await readFromLocalApi(payload)
  const previewId = process.env.PREVIEW_ARTICLE_ID
  if (previewId) await withDraftArticle(payload, raw, previewId)
  await payload.destroy()
  return { raw, mediaFrom: localMediaFile(process.env.MEDIA_DIR!) }
}
