/**
 * What pages show, resolved at getStaticPaths() time. Pages with getStaticPaths render only from their props,
 * and what those props read is recorded as the page's dependencies (dependencies.ts), so the props carry
 * exactly the data a page displays: names and titles of the documents it links to rather than whole
 * collections. A change to anything else (an article's body, say) then leaves the page as it was.
 */
import { INDUSTRIES, labelOf, type Comparison, type Qualifier } from '../../../content-schema/enums'
import type {
  PortalArticle,
  PortalEnterprise,
  PortalIndicator,
  PortalMetric,
  PortalRegion,
} from '../../../content-schema/portal'
import { bySlug, getArticles, getEnterprises, getIndicators, getRegions } from './content'
import { pilotText } from './enterprise'
import { figureText, formatDate, isoDate } from './format'
import type { RegionNode } from './region-tree'

/** A link to a region, enterprise, channel, topic or indicator page: its slug and the name shown. */
export type Link = { slug: string; name: string }
/** A link to an article: its slug and title. */
export type ArticleLink = { slug: string; title: string }

export const linkTo = ({ slug, name }: { slug: string; name: string }): Link => ({ slug, name })
export const articleLink = ({ slug, title }: PortalArticle): ArticleLink => ({ slug, title })
/** An enterprise as pages name it in links and tables: its short name when it has one. */
export const enterpriseLink = (e: PortalEnterprise): Link => ({ slug: e.slug, name: e.shortName ?? e.name })

/** An article in a list: title, date (as shown and as <time datetime>), source and summary. */
export type ArticleSummary = {
  slug: string
  title: string
  date: string
  datetime: string
  source?: string
  summary?: string
}

export const articleSummary = (a: PortalArticle): ArticleSummary => ({
  slug: a.slug,
  title: a.title,
  date: formatDate(a.publishedAt),
  datetime: isoDate(a.publishedAt),
  source: a.source,
  summary: a.summary,
})

/** An article page's own content: what it shows of the article, without the references it resolves. */
export type ArticleView = Omit<
  PortalArticle,
  'publishedAt' | 'updatedAt' | 'channel' | 'topics' | 'regions' | 'enterprises'
> & { date: string; datetime: string }

export function articleView(article: PortalArticle): ArticleView {
  const {
    publishedAt,
    updatedAt: _updatedAt,
    channel: _channel,
    topics: _topics,
    regions: _regions,
    enterprises: _enterprises,
    ...shown
  } = article
  return { ...shown, date: formatDate(publishedAt), datetime: isoDate(publishedAt) }
}

/** The collections figures and lists refer to, by slug. */
export type Lookups = {
  articles: Map<string, PortalArticle>
  indicators: Map<string, PortalIndicator>
  regions: Map<string, PortalRegion>
  enterprises: Map<string, PortalEnterprise>
}

export async function loadLookups(): Promise<Lookups> {
  const [articles, indicators, regions, enterprises] = await Promise.all([
    getArticles().then(bySlug),
    getIndicators().then(bySlug),
    getRegions().then(bySlug),
    getEnterprises().then(bySlug),
  ])
  return { articles, indicators, regions, enterprises }
}

export type FigureColumn = 'indicator' | 'region' | 'enterprise'

/**
 * One row of a figures table. Only the columns the table shows are filled in; a column whose document is
 * not published stays empty.
 */
export type FigureRow = {
  /** The figure's id: its row is the anchor #figure-<id> that figures in articles link to. */
  id: string
  indicator?: Link
  region?: Link
  enterprise?: Link
  /** The figure written the Chinese way: 70.06万人次, 同比下降60%. */
  figure: string
  period: string
  source?: ArticleLink
  evidence: string
}

export function figureRows(metrics: PortalMetric[], show: FigureColumn[], lookups: Lookups): FigureRow[] {
  return metrics.map((m) => {
    const indicator = show.includes('indicator') ? lookups.indicators.get(m.indicator) : undefined
    const region = show.includes('region') ? lookups.regions.get(m.region) : undefined
    const enterprise =
      show.includes('enterprise') && m.enterprise ? lookups.enterprises.get(m.enterprise) : undefined
    const source = lookups.articles.get(m.sourceArticle)
    return {
      id: m.id,
      indicator: indicator && linkTo(indicator),
      region: region && linkTo(region),
      enterprise: enterprise && enterpriseLink(enterprise),
      figure: figureText(m),
      period: m.period.label,
      source: source && articleLink(source),
      evidence: m.evidence,
    }
  })
}

/** One bar of an indicator's chart: where it belongs, the figure as written, and what sets its length. */
export type BarFigure = {
  id: string
  /** The region (its slug when it is not published), then the enterprise if any. */
  names: string[]
  figure: string
  period: string
  value: number
  unit: string
  qualifier: Qualifier
  comparison: Comparison
}

export function barFigures(metrics: PortalMetric[], lookups: Lookups): BarFigure[] {
  return metrics.map((m) => {
    const enterprise = m.enterprise ? lookups.enterprises.get(m.enterprise) : undefined
    return {
      id: m.id,
      names: [
        lookups.regions.get(m.region)?.name ?? m.region,
        ...(enterprise ? [enterprise.shortName ?? enterprise.name] : []),
      ],
      figure: figureText(m),
      period: m.period.label,
      value: m.value,
      unit: m.unit,
      qualifier: m.qualifier,
      comparison: m.comparison,
    }
  })
}

/** An enterprise in a list: its names, and the facts shown under them (region, industry, pilot level). */
export type EnterpriseItem = { slug: string; name: string; shortName?: string; facts: string[] }

export function enterpriseItem(
  e: PortalEnterprise,
  { region, showIndustry = false }: { region?: PortalRegion; showIndustry?: boolean },
): EnterpriseItem {
  const industry = showIndustry && e.industry ? labelOf(INDUSTRIES, e.industry) : ''
  return {
    slug: e.slug,
    name: e.name,
    shortName: e.shortName,
    facts: [region?.name, industry, pilotText(e)].filter((fact): fact is string => Boolean(fact)),
  }
}

/** A region tree with only what the tree shows of each region. */
export type RegionOutline = {
  region: Pick<PortalRegion, 'slug' | 'name' | 'level' | 'pilotDesignation'>
  children: RegionOutline[]
}

export const regionOutline = (nodes: RegionNode[]): RegionOutline[] =>
  nodes.map(({ region: { slug, name, level, pilotDesignation }, children }) => ({
    region: { slug, name, level, pilotDesignation },
    children: regionOutline(children),
  }))
