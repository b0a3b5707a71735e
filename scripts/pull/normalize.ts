import {
  convertLexicalToHTML,
  defaultHTMLConverters,
  type HTMLConverters,
} from '@payloadcms/richtext-lexical/html'
import { sanitizeUrl } from 'payload/shared'

import type {
  Article,
  Channel,
  Enterprise,
  Indicator,
  Media,
  Metric,
  Region,
  Topic,
} from '../../content-schema/payload-types'
import {
  IMAGE_FORMATS,
  imageVariantPath,
  imageWidths,
  portalPath,
  type PortalCollection,
  type PortalContent,
  type PortalImage,
} from '../../content-schema/portal'

/** Published documents as either source returns them (depth 0: relationships are ids). */
export type RawContent = {
  articles: Article[]
  regions: Region[]
  enterprises: Enterprise[]
  indicators: Indicator[]
  metrics: Metric[]
  channels: Channel[]
  topics: Topic[]
  media: Media[]
}

export type Warn = (message: string) => void

const imageOf = (media: Media | undefined): PortalImage | undefined =>
  media && {
    src: `/media/${media.filename}`,
    alt: media.alt,
    width: media.width ?? 0,
    height: media.height ?? 0,
    credit: orUndefined(media.credit),
    caption: orUndefined(media.caption),
  }

/** What a body's conversion looked up: a reference (to the slug it resolved to) or an image (as JSON). */
type HtmlUse =
  | { kind: 'refer'; collection: Exclude<PortalCollection, 'metrics'>; id: string; value: string | undefined }
  | { kind: 'image'; id: string; value: string }
type CachedHtml = { updatedAt: string; uses: HtmlUse[]; html: string }

/**
 * Bodies converted to HTML by the last normalization in this process (the publish worker pulls in the
 * long-running CMS process), by document. Converting every body of 10,000 articles took most of a pull; a
 * body is converted again only when its document changed or something it links to or shows resolves
 * differently.
 */
let htmlCache = new Map<string, CachedHtml>()

type Ref = string | { id: string } | null | undefined
const idOf = (ref: Ref) => (ref && typeof ref === 'object' ? ref.id : ref) || undefined
/** Missing, null and cleared ("" is what the admin saves for an emptied field) all mean: not given. */
const orUndefined = <T>(value: T | null | undefined) => (value === '' ? undefined : (value ?? undefined))

/**
 * Turns published documents into what the portal shows. A reference to anything not in the published set
 * (a draft, a deleted document) is dropped with a warning rather than producing a broken link.
 */
export function normalizeContent(
  raw: RawContent,
  warn: Warn,
  mediaUrl: (media: Media) => string,
  /** Told of a document whose rich text could not be rendered; its HTML is left empty. */
  broken: (collection: PortalCollection, id: string, message: string) => void = (collection, id, message) => {
    throw new Error(`${collection}/${id}: ${message}`)
  },
): PortalContent {
  const slugs = Object.fromEntries(
    (['articles', 'regions', 'enterprises', 'indicators', 'channels', 'topics'] as const).map(
      (collection) => [collection, new Map(raw[collection].map((doc) => [doc.id, doc.slug ?? '']))],
    ),
  ) as Record<Exclude<PortalCollection, 'metrics'>, Map<string, string>>
  const mediaById = new Map(raw.media.map((m) => [m.id, m]))

  const refer = (collection: keyof typeof slugs, ref: Ref, from: string) => {
    const id = idOf(ref)
    if (!id) return undefined
    const slug = slugs[collection].get(id)
    if (!slug) warn(`${from}: dropped a reference to ${collection}/${id}, which is not published`)
    return slug || undefined
  }
  const referAll = (collection: keyof typeof slugs, refs: Ref[] | null | undefined, from: string) =>
    (refs ?? []).map((ref) => refer(collection, ref, from)).filter((slug): slug is string => Boolean(slug))

  const usedMedia = new Set<string>()
  const image = (ref: Ref, from: string): PortalImage | undefined => {
    const media = mediaById.get(idOf(ref) ?? '')
    if (!media)
      return idOf(ref) ? (warn(`${from}: dropped a missing image ${idOf(ref)}`), undefined) : undefined
    usedMedia.add(`/media/${media.filename}`)
    return imageOf(media)
  }
  const html = (
    data: Article['body'],
    from: string,
    collection: PortalCollection,
    id: string,
    updatedAt: string,
  ) => {
    if (!data) return ''
    const key = `${collection}/${id}`
    const known = htmlCache.get(key)
    if (known?.updatedAt === updatedAt && known.uses.every(stillResolves)) {
      // As converting it would: the same warnings, the same images in use.
      for (const use of known.uses)
        if (use.kind === 'refer') refer(use.collection, use.id, from)
        else image(use.id, from)
      renderedHtml.set(key, known)
      return known.html
    }
    const uses: HtmlUse[] = []
    const recordRefer: typeof refer = (target, ref, at) => {
      const value = refer(target, ref, at)
      if (idOf(ref)) uses.push({ kind: 'refer', collection: target, id: idOf(ref)!, value })
      return value
    }
    const recordImage: typeof image = (ref, at) => {
      const value = image(ref, at)
      if (idOf(ref)) uses.push({ kind: 'image', id: idOf(ref)!, value: JSON.stringify(value) })
      return value
    }
    try {
      const converted = convertLexicalToHTML({
        data,
        converters: htmlConverters(recordRefer, recordImage, from),
        disableContainer: true,
      })
      renderedHtml.set(key, { updatedAt, uses, html: converted })
      return converted
    } catch (error) {
      broken(collection, id, `正文无法转换为网页（${(error as Error).message}）`)
      return ''
    }
  }
  /** Whether a reference of a body converted before resolves as it did then. */
  const stillResolves = (use: HtmlUse) =>
    use.kind === 'refer'
      ? (slugs[use.collection].get(use.id) || undefined) === use.value
      : JSON.stringify(imageOf(mediaById.get(use.id))) === use.value
  const renderedHtml = new Map<string, CachedHtml>()

  const articles = raw.articles.map((a) => {
    const from = `articles/${a.slug}`
    return {
      slug: a.slug ?? '',
      title: a.title,
      summary: orUndefined(a.summary),
      publishedAt: a.publishedAt ?? a.createdAt,
      updatedAt: a.updatedAt,
      source: orUndefined(a.source),
      originalUrl: orUndefined(a.originalUrl),
      authors: (a.authors ?? []).map(({ name, role }) => ({ name, role: role ?? 'author' })),
      photographers: (a.photographers ?? []).map((p) => p.name),
      editor: orUndefined(a.editor),
      channel: refer('channels', a.channel as Ref, from),
      topics: referAll('topics', a.topics as Ref[], from),
      regions: referAll('regions', a.regions as Ref[], from),
      enterprises: referAll('enterprises', a.enterprises as Ref[], from),
      heroImage: image(a.heroImage as Ref, from),
      bodyHtml: html(a.body, from, 'articles', a.id, a.updatedAt),
    }
  })

  const content: Omit<PortalContent, 'media'> = {
    articles,
    regions: raw.regions.map((r) => ({
      slug: r.slug ?? '',
      name: r.name,
      level: r.level,
      parent: refer('regions', r.parent as Ref, `regions/${r.slug}`),
      adminCode: orUndefined(r.adminCode),
      pilotDesignation: orUndefined(r.pilotDesignation),
      summary: orUndefined(r.summary),
      bodyHtml: html(r.body, `regions/${r.slug}`, 'regions', r.id, r.updatedAt),
    })),
    enterprises: raw.enterprises.map((e) => ({
      slug: e.slug ?? '',
      name: e.name,
      shortName: orUndefined(e.shortName),
      region: refer('regions', e.region as Ref, `enterprises/${e.slug}`) ?? '',
      industry: orUndefined(e.industry),
      ownership: orUndefined(e.ownership),
      pilotLevel: orUndefined(e.pilotLevel),
      pilotYear: orUndefined(e.pilotYear),
      summary: orUndefined(e.summary),
      practices: (e.practices ?? []).map(({ name, description }) => ({
        name,
        description: orUndefined(description),
      })),
      honours: (e.honours ?? []).map(({ title, year }) => ({ title, year: orUndefined(year) })),
      website: orUndefined(e.website),
    })),
    indicators: raw.indicators.map((i) => ({
      slug: i.slug ?? '',
      name: i.name,
      kind: i.kind,
      canonicalUnit: i.canonicalUnit,
      description: orUndefined(i.description),
    })),
    metrics: raw.metrics.flatMap((m) => {
      const from = `metrics/${m.id}`
      const indicator = refer('indicators', m.indicator as Ref, from)
      const region = refer('regions', m.region as Ref, from)
      const sourceArticle = refer('articles', m.sourceArticle as Ref, from)
      // A figure without its indicator, place or source cannot be shown honestly: leave it out.
      if (!indicator || !region || !sourceArticle) return []
      return [
        {
          id: m.id,
          indicator,
          value: m.value,
          unit: m.unit,
          qualifier: m.qualifier,
          comparison: m.comparison,
          period: {
            kind: m.period.kind,
            label: m.period.label,
            start: orUndefined(m.period.start),
            end: orUndefined(m.period.end),
          },
          region,
          enterprise: refer('enterprises', m.enterprise as Ref, from),
          sourceArticle,
          evidence: m.evidence,
        },
      ]
    }),
    channels: raw.channels.map((c) => ({
      slug: c.slug ?? '',
      name: c.name,
      parent: refer('channels', c.parent as Ref, `channels/${c.slug}`),
      description: orUndefined(c.description),
    })),
    topics: raw.topics.map((t) => ({
      slug: t.slug ?? '',
      name: t.name,
      description: orUndefined(t.description),
    })),
  }
  const media = raw.media
    .filter((m) => usedMedia.has(`/media/${m.filename}`))
    .map((m) => ({ src: `/media/${m.filename}`, from: mediaUrl(m), width: m.width ?? undefined }))
  htmlCache = renderedHtml
  return { ...content, media }
}

/** Payload's HTML converters, with internal links and uploads resolved to portal URLs. */
function htmlConverters(
  refer: (
    collection: 'articles' | 'regions' | 'enterprises' | 'indicators' | 'channels' | 'topics',
    ref: Ref,
    from: string,
  ) => string | undefined,
  image: (ref: Ref, from: string) => PortalImage | undefined,
  from: string,
): HTMLConverters {
  return {
    ...defaultHTMLConverters,
    link: ({ node, nodesToHTML }) => {
      const text = nodesToHTML({ nodes: node.children }).join('')
      if (node.fields.linkType !== 'internal') {
        const external = node.fields.newTab ? ' rel="noopener noreferrer" target="_blank"' : ''
        return `<a href="${escapeHtml(sanitizeUrl(node.fields.url ?? ''))}"${external}>${text}</a>`
      }
      const doc = node.fields.doc as { relationTo: Parameters<typeof refer>[0]; value: Ref } | undefined
      const slug = doc && refer(doc.relationTo, doc.value, from)
      // A link to something unpublished keeps its words and loses the link.
      return slug ? `<a href="${portalPath(doc.relationTo, slug)}">${text}</a>` : text
    },
    // An image in the body is published as the hero image is, in the portal's widths and formats
    // (scripts/pull/images.ts writes them): the upload's original is never published.
    upload: ({ node }) => {
      const img = image((node as { value: Ref }).value, from)
      if (!img || !img.width || !img.height) return ''
      const note = [img.caption, img.credit && `摄影：${img.credit}`].filter(Boolean).join(' ')
      const widths = imageWidths(img.width)
      const largest = widths.at(-1)!
      const srcset = (format: (typeof IMAGE_FORMATS)[number]) =>
        widths.map((w) => `${imageVariantPath(img.src, w, format)} ${w}w`).join(', ')
      const sizes = '(max-width: 60rem) 100vw, 60rem'
      return (
        `<figure><picture><source type="image/avif" srcset="${escapeHtml(srcset('avif'))}" sizes="${sizes}">` +
        `<img src="${escapeHtml(imageVariantPath(img.src, largest, 'webp'))}" srcset="${escapeHtml(srcset('webp'))}" ` +
        `sizes="${sizes}" alt="${escapeHtml(img.alt)}" width="${largest}" ` +
        `height="${Math.round((img.height * largest) / img.width)}" loading="lazy" decoding="async"></picture>` +
        (note ? `<figcaption>${escapeHtml(note)}</figcaption>` : '') +
        '</figure>'
      )
    },
  }
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
