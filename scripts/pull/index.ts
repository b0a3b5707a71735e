import { createHash } from 'node:crypto'

import type { SiteSetting } from '../../content-schema/payload-types'
import { siteSettingsSchema, type PortalContent } from '../../content-schema/portal'
import { publishImages } from './images'
import type { RawContent } from './normalize'
import { renderableContent, type Rejection } from './renderable'
import { pullDocuments } from './snapshot'
import type { ContentSource } from './sources'

export type PulledContent = {
  content: PortalContent
  warnings: string[]
  fetched: number
  /** Published documents left out because the portal cannot render them (see renderable.ts). */
  rejected: Rejection[]
}

type Options = {
  /** Where the image variants go (the site's public/ folder). */
  publicDir: string
  /** Where an image's original is read from. */
  mediaFrom: (media: { filename?: string | null; url?: string | null }) => string
  /** The documents of the last pull, to fetch only what changed since (see snapshot.ts). */
  snapshot?: string
  /** Changes the pulled documents before they are normalized (a draft preview swaps in its draft). */
  adjust?: (raw: RawContent) => Promise<void>
}

/**
 * The published content as the portal shows it: documents from the source, references resolved to slugs,
 * rich text as HTML, images resized. What the site's loader reads (scripts/pull-content.ts writes it for a
 * build; the publish worker pulls in its own process, where Payload already runs).
 */
export async function pullPortalContent(
  source: ContentSource,
  { publicDir, mediaFrom, snapshot, adjust }: Options,
): Promise<{ pulled: PulledContent; saveSnapshot: () => void }> {
  const warnings: string[] = []
  const [{ raw, fetched, saveSnapshot, lastPulled }, settings] = await Promise.all([
    pullDocuments(source, snapshot),
    source.siteSettings(),
  ])
  await adjust?.(raw)
  const { content, rejected, kept } = renderableContent(
    raw,
    (message) => warnings.push(message),
    mediaFrom,
    lastPulled,
  )
  // The snapshot keeps the good version: the next pull sees the document as changed, and fetches it again.
  for (const { collection, doc } of kept) {
    const docs = raw[collection] as { id: string }[]
    docs[docs.findIndex((d) => d.id === doc.id)] = doc as never
  }
  for (const r of rejected)
    warnings.push(
      `${r.kept ? 'Kept the last good version of' : 'Left out'} ${r.collection}/${r.id} (${r.name}), ` +
        `which cannot be rendered: ${r.reasons.join('; ')}`,
    )
  await publishImages(content.media, publicDir)
  content.settings = siteSettings(settings, (message) => warnings.push(message))
  return { pulled: { content, warnings, fetched, rejected }, saveSnapshot }
}

/**
 * The file the site's content loader reads (site/integrations/content.ts): the pull, and `digest`, a hash of the
 * content that tells whether a release was built from the same (see ReleaseManifest). The content is
 * serialised once for both: at 10,000 articles it is 35 MB.
 */
export function serializePull({ content, warnings, fetched, rejected }: PulledContent) {
  const contentJson = JSON.stringify(content)
  const digest = createHash('sha256').update(contentJson).digest('hex').slice(0, 32)
  const json = `{"digest":"${digest}","fetched":${fetched},"warnings":${JSON.stringify(warnings)},"rejected":${JSON.stringify(rejected)},"content":${contentJson}}`
  return { json, digest }
}

/** The settings as the footer shows them; none until the organizer is filled in, or if they cannot be shown. */
function siteSettings(raw: Partial<SiteSetting>, warn: (message: string) => void) {
  if (!raw.organizer) return undefined
  const given = (value: string | null | undefined) => value?.trim() || undefined
  const result = siteSettingsSchema.safeParse({
    organizer: raw.organizer.trim(),
    contactEmail: given(raw.contactEmail),
    contactPhone: given(raw.contactPhone),
    icpNumber: given(raw.icpNumber),
    publicSecurityNumber: given(raw.publicSecurityNumber),
  })
  if (!result.success) warn(`Left out the site settings, which cannot be shown: ${result.error.message}`)
  return result.data
}
