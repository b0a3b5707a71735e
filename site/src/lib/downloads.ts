/**
 * The figures of one indicator as downloadable records (/indicators/<slug>.csv and .json): one record per
 * figure, in the order of the indicator page's table, every field spelled out so the file stands on its own.
 */
import { COMPARISONS, INDICATOR_KINDS, QUALIFIERS, labelOf } from '../../../content-schema/enums'
import { portalPath, type PortalIndicator, type PortalMetric } from '../../../content-schema/portal'
import { byValueDescending } from './chart'
import { getIndicators, getMetrics } from './content'
import { figureText, isoDate } from './format'
import type { FigureRecord } from './csv'
import type { Lookups } from './page-data'

/** Every indicator with its figures, largest value first (the order of the indicator page). */
export async function indicatorsWithFigures() {
  const [indicators, metrics] = await Promise.all([getIndicators(), getMetrics()])
  return indicators.map((indicator) => ({
    indicator,
    metrics: metrics.filter((m) => m.indicator === indicator.slug).sort(byValueDescending),
  }))
}

/** The indicator's figures as records; `lookups` names their regions, enterprises and source articles. */
export function figureRecords(
  metrics: PortalMetric[],
  indicator: PortalIndicator,
  site: URL,
  { articles, regions, enterprises }: Lookups,
) {
  return metrics.map((m): FigureRecord => {
    const enterprise = m.enterprise ? enterprises.get(m.enterprise) : undefined
    const article = articles.get(m.sourceArticle)
    return {
      id: m.id,
      indicator: indicator.name,
      region: regions.get(m.region)?.name ?? '',
      regionSlug: m.region,
      enterprise: enterprise?.name ?? null,
      enterpriseSlug: enterprise?.slug ?? null,
      value: m.value,
      unit: m.unit,
      qualifier: { value: m.qualifier, label: labelOf(QUALIFIERS, m.qualifier) },
      comparison: { value: m.comparison, label: labelOf(COMPARISONS, m.comparison) },
      display: figureText(m),
      period: {
        kind: m.period.kind,
        label: m.period.label,
        start: m.period.start ? isoDate(m.period.start) : null,
        end: m.period.end ? isoDate(m.period.end) : null,
      },
      evidence: m.evidence,
      sourceTitle: article?.title ?? '',
      sourceUrl: new URL(portalPath('articles', m.sourceArticle), site).href,
    }
  })
}

export function indicatorRecord(indicator: PortalIndicator, site: URL) {
  return {
    slug: indicator.slug,
    name: indicator.name,
    kind: { value: indicator.kind, label: labelOf(INDICATOR_KINDS, indicator.kind) },
    canonicalUnit: indicator.canonicalUnit,
    description: indicator.description ?? null,
    url: new URL(portalPath('indicators', indicator.slug), site).href,
  }
}
