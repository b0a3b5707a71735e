/**
 * What the portal pulls from the CMS: published documents only, references turned into slugs, rich text
 * already rendered to HTML. The site validates every entry against these schemas at build time, so a
 * document the portal cannot show fails the build with its collection, slug and field named.
 */
import { z } from 'astro/zod'

import {
  AUTHOR_ROLES,
  COMPARISONS,
  INDICATOR_KINDS,
  INDUSTRIES,
  OWNERSHIPS,
  PERIOD_KINDS,
  PILOT_LEVELS,
  QUALIFIERS,
  REGION_LEVELS,
  UNIT_VALUES,
  type Option,
} from './enums'
import { dateProblem, figureValueProblem, slugProblem } from './rules'

const oneOf = <V extends string>(options: readonly Option<V>[]) =>
  z.enum(options.map((o) => o.value) as [V, ...V[]])

/** A zod check from a rule of rules.ts: the rule's own message, or none. */
const rule =
  <T>(problem: (value: T) => string | undefined) =>
  (value: T, ctx: z.core.$RefinementCtx<T>) => {
    const message = problem(value)
    if (message) ctx.addIssue({ code: 'custom', message, input: value })
  }

const slug = z.string().superRefine(rule(slugProblem))
const date = (what: string) => z.string().superRefine(rule((value: string) => dateProblem(value, what)))
const optionalText = z.string().optional()

export const imageSchema = z.object({
  /** Path under the site root of the original upload, e.g. /media/liushi-jineng.png */
  src: z.string(),
  alt: z.string().min(1, '图片缺少替代文字'),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  credit: optionalText,
  caption: optionalText,
})

export const articleSchema = z.object({
  slug,
  title: z.string().min(1),
  summary: optionalText,
  publishedAt: date('发布时间').pipe(z.iso.datetime({ offset: true })),
  updatedAt: z.iso.datetime({ offset: true }),
  source: optionalText,
  originalUrl: z.url().optional(),
  authors: z.array(z.object({ name: z.string().min(1), role: oneOf(AUTHOR_ROLES) })),
  photographers: z.array(z.string().min(1)),
  editor: optionalText,
  channel: slug.optional(),
  topics: z.array(slug),
  regions: z.array(slug),
  enterprises: z.array(slug),
  heroImage: imageSchema.optional(),
  bodyHtml: z.string(),
})

export const regionSchema = z.object({
  slug,
  name: z.string().min(1),
  level: oneOf(REGION_LEVELS),
  parent: slug.optional(),
  adminCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  pilotDesignation: optionalText,
  summary: optionalText,
  bodyHtml: z.string(),
})

export const enterpriseSchema = z.object({
  slug,
  name: z.string().min(1),
  shortName: optionalText,
  region: slug,
  industry: oneOf(INDUSTRIES).optional(),
  ownership: oneOf(OWNERSHIPS).optional(),
  pilotLevel: oneOf(PILOT_LEVELS).optional(),
  pilotYear: z.number().int().optional(),
  summary: optionalText,
  practices: z.array(z.object({ name: z.string().min(1), description: optionalText })),
  honours: z.array(z.object({ title: z.string().min(1), year: z.number().int().optional() })),
  website: z.url().optional(),
})

export const indicatorSchema = z.object({
  slug,
  name: z.string().min(1),
  kind: oneOf(INDICATOR_KINDS),
  canonicalUnit: z.enum(UNIT_VALUES as [string, ...string[]]),
  description: optionalText,
})

export const metricSchema = z.object({
  id: z.string(),
  indicator: slug,
  value: z.number().superRefine(rule(figureValueProblem)),
  unit: z.enum(UNIT_VALUES as [string, ...string[]]),
  qualifier: oneOf(QUALIFIERS),
  comparison: oneOf(COMPARISONS),
  period: z.object({
    kind: oneOf(PERIOD_KINDS),
    label: z.string().min(1),
    start: date('统计期开始日期').optional(),
    end: date('统计期结束日期').optional(),
  }),
  region: slug,
  enterprise: slug.optional(),
  sourceArticle: slug,
  evidence: z.string().min(1),
})

export const channelSchema = z.object({
  slug,
  name: z.string().min(1),
  parent: slug.optional(),
  description: optionalText,
})
export const topicSchema = z.object({ slug, name: z.string().min(1), description: optionalText })

/** 网站设置 (the CMS's site-settings global): the footer's 主办单位, contact and 备案 numbers. */
export const siteSettingsSchema = z.object({
  organizer: z.string().min(1),
  contactEmail: z.email().optional(),
  contactPhone: optionalText,
  icpNumber: optionalText,
  publicSecurityNumber: optionalText,
})

export type PortalArticle = z.infer<typeof articleSchema>
export type PortalRegion = z.infer<typeof regionSchema>
export type PortalEnterprise = z.infer<typeof enterpriseSchema>
export type PortalIndicator = z.infer<typeof indicatorSchema>
export type PortalMetric = z.infer<typeof metricSchema>
export type PortalChannel = z.infer<typeof channelSchema>
export type PortalTopic = z.infer<typeof topicSchema>
export type PortalImage = z.infer<typeof imageSchema>
export type PortalSiteSettings = z.infer<typeof siteSettingsSchema>

/** Everything a portal build needs, as the puller hands it over. */
export type PortalContent = {
  articles: PortalArticle[]
  regions: PortalRegion[]
  enterprises: PortalEnterprise[]
  indicators: PortalIndicator[]
  metrics: PortalMetric[]
  channels: PortalChannel[]
  topics: PortalTopic[]
  /**
   * Uploaded originals the pages use: where to read each from, the path it is published under and its width
   * (which says the variants it has).
   */
  media: { src: string; from: string; width?: number }[]
  /** Absent until an administrator (or the seed) has filled in the organizer. */
  settings?: PortalSiteSettings
}

/** The collections the portal renders pages from (media and settings travel beside them). */
export const PORTAL_COLLECTIONS = [
  'articles',
  'regions',
  'enterprises',
  'indicators',
  'metrics',
  'channels',
  'topics',
] as const satisfies (keyof PortalContent)[]
export type PortalCollection = (typeof PORTAL_COLLECTIONS)[number]

/** URL of a document's page on the portal: one rule, used by pages, links inside rich text and feeds. */
export const portalPath = (collection: PortalCollection, slugOrId: string) => `/${collection}/${slugOrId}/`

// Image widths and variant paths live in images.ts (no zod there: the CMS imports them on upload).
export { IMAGE_FORMATS, IMAGE_WIDTHS, imageVariantPath, imageWidths } from './images'
