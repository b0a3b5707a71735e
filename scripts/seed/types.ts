import type {
  AuthorRole,
  IndicatorKind,
  Industry,
  Ownership,
  PeriodKind,
  PilotLevel,
  RegionLevel,
  Unit,
} from '../../content-schema/enums'
import type { SiteSetting } from '../../content-schema/payload-types'
import type { Motif } from './illustrations'

/** The shape of the demo content files in scripts/seed/data/. References between files are by name. */
export type DemoContent = {
  siteSettings: Omit<SiteSetting, 'id' | 'updatedAt' | 'createdAt'>
  channels: { name: string; slug: string; parent?: string | null; description?: string }[]
  topics: { name: string; slug: string; description?: string }[]
  regions: {
    name: string
    level: RegionLevel
    parent?: string | null
    adminCode?: string
    pilotDesignation?: string
    summary?: string
    body?: string
  }[]
  indicators: {
    name: string
    slug?: string
    kind: IndicatorKind
    canonicalUnit: Unit
    description?: string
  }[]
  enterprises: {
    name: string
    shortName?: string
    region: string
    industry?: Industry
    ownership?: Ownership
    pilotLevel?: PilotLevel
    pilotYear?: number
    summary?: string
    practices?: { name: string; description?: string }[]
    honours?: { title: string; year?: number }[]
    website?: string
  }[]
  /** `key` is the article's slug and names its body file, articles/<key>.md. */
  articles: {
    key: string
    title: string
    summary?: string
    publishedAt?: string
    source?: string
    originalUrl?: string
    authors?: { name: string; role: AuthorRole }[]
    photographers?: string[]
    editor?: string
    channel?: string
    topics?: string[]
    regions?: string[]
    enterprises?: string[]
    status?: 'draft' | 'published'
    /** Where a draft stands in review (a published article is reviewed: hooks/review.ts records that). */
    review?: 'draft' | 'pending'
    /** A title image drawn by scripts/seed/illustrations.ts and uploaded as `file`. */
    hero?: { motif: Motif; file: string; alt: string; caption?: string }
  }[]
  /** `figure` is written as the report writes it (70.06万人次) and read by content-schema/figures. */
  metrics: {
    indicator: string
    figure: string
    region: string
    enterprise?: string
    period: { kind: PeriodKind; label: string; start?: string; end?: string }
    article: string
    evidence: string
  }[]
}
