/**
 * The figures of one indicator as downloadable records (/indicators/<slug>.csv and .json): one record per
 * figure, in the order of the indicator page's table, every field spelled out so the file stands on its own.
 */
import { COMPARISONS, INDICATOR_KINDS, QUALIFIERS, labelOf } from '../../../content-schema/enums'
import { portalPath, type PortalIndicator, type PortalMetric } from '../../../content-schema/portal'
import { byValueDescending } from './chart'
import { getIndicators, getMetrics } from './content'
import { figureText, isoDate } from './format'
import type { Lookups } from './page-data'

export type FigureRecord = {
  id: string
  indicator: string
  region: string
  regionSlug: string
  enterprise: string | null
  enterpriseSlug: string | null
  value: number
  unit: string
  qualifier: { value: string; label: string }
  comparison: { value: string; label: string }
  display: string
  /** Dates as YYYY-MM-DD (China time); null when the report gives none. */
  period: { kind: string; label: string; start: string | null; end: string | null }
  evidence: string
  sourceTitle: string
  sourceUrl: string
}

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

/** CSV columns: a Chinese heading with the field name, so both people and programs can read the header. */
const CSV_COLUMNS: [string, (r: FigureRecord) => string | number | null][] = [
  ['指标(indicator)', (r) => r.indicator],
  ['地区(region)', (r) => r.region],
  ['地区链接名(regionSlug)', (r) => r.regionSlug],
  ['企业(enterprise)', (r) => r.enterprise],
  ['企业链接名(enterpriseSlug)', (r) => r.enterpriseSlug],
  ['数值(value)', (r) => r.value],
  ['单位(unit)', (r) => r.unit],
  ['限定词(qualifier)', (r) => r.qualifier.value],
  ['限定词说明(qualifierLabel)', (r) => r.qualifier.label],
  ['比较方式(comparison)', (r) => r.comparison.value],
  ['比较方式说明(comparisonLabel)', (r) => r.comparison.label],
  ['显示(display)', (r) => r.display],
  ['统计期类型(periodKind)', (r) => r.period.kind],
  ['统计期(periodLabel)', (r) => r.period.label],
  ['统计期开始(periodStart)', (r) => r.period.start],
  ['统计期结束(periodEnd)', (r) => r.period.end],
  ['原文摘录(evidence)', (r) => r.evidence],
  ['来源文章(sourceTitle)', (r) => r.sourceTitle],
  ['来源链接(sourceUrl)', (r) => r.sourceUrl],
  ['数据编号(id)', (r) => r.id],
]

/**
 * RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; lines end in CRLF. A text
 * starting with = + - @ (or a tab or carriage return) would be run as a formula by Excel and LibreOffice
 * (an evidence phrase "=HYPERLINK(…)" typed or imported into the CMS): it is written with a leading
 * apostrophe, which spreadsheets show as text. Numbers are written as they are.
 */
export const csvField = (value: string | number | null) => {
  const text = value === null ? '' : typeof value === 'number' ? String(value) : defuseFormula(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

const defuseFormula = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text)

/** UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly. */
export function toCsv(records: FigureRecord[]) {
  const lines = [
    CSV_COLUMNS.map(([heading]) => heading),
    ...records.map((r) => CSV_COLUMNS.map(([, get]) => get(r))),
  ]
  return `\uFEFF${lines.map((fields) => fields.map(csvField).join(',')).join('\r\n')}\r\n`
}
