/**
 * Like with like: an indicator's figures grouped by what makes them comparable — the kind of period they cover
 * (a year, part of a year, cumulative, a stock at a date) and the level of what they count (a province, a city,
 * a county, a town, a park, one enterprise). A city's two-year total and a town enterprise's count for one year
 * never share a chart or a list; each group gets its own chart, drawn to its own scale.
 */
import {
  PERIOD_KINDS,
  REGION_LEVELS,
  labelOf,
  type PeriodKind,
  type RegionLevel,
} from '../../../content-schema/enums'
import type { PortalMetric } from '../../../content-schema/portal'
import type { Lookups } from './page-data'

export type ScopeLevel = RegionLevel | 'enterprise'

/** 省级, 市级, 区县级, 乡镇街道级, 园区级, 企业. */
export const scopeLevelLabel = (level: ScopeLevel) =>
  level === 'enterprise' ? '企业' : `${labelOf(REGION_LEVELS, level)}级`

/** 年度, 年内某段, 累计, 时点存量 (the vocabulary's label without its example). */
export const periodKindLabel = (kind: PeriodKind) => labelOf(PERIOD_KINDS, kind).replace(/（.*）$/, '')

/** What a figure counts: one enterprise, or its region at the region's level (a region not published: unknown). */
export function scopeLevelOf(
  metric: PortalMetric,
  { regions }: Pick<Lookups, 'regions'>,
): ScopeLevel | undefined {
  if (metric.enterprise) return 'enterprise'
  return regions.get(metric.region)?.level
}

const SCOPE_ORDER: (ScopeLevel | undefined)[] = [
  ...REGION_LEVELS.map((l) => l.value),
  'enterprise',
  undefined,
]
const PERIOD_ORDER: PeriodKind[] = PERIOD_KINDS.map((k) => k.value)

export type FigureGroup = {
  /** For anchors and ids: year-city, cumulative-enterprise … */
  key: string
  periodKind: PeriodKind
  scope?: ScopeLevel
  /** 年度 · 市级 */
  label: string
  metrics: PortalMetric[]
}

/** The figures in groups of one period kind and one scope level, in the vocabularies' order; figures keep theirs. */
export function comparableGroups(metrics: PortalMetric[], lookups: Pick<Lookups, 'regions'>): FigureGroup[] {
  const groups = Map.groupBy(metrics, (m) => `${m.period.kind}-${scopeLevelOf(m, lookups) ?? 'other'}`)
  return [...groups.values()]
    .map((members): FigureGroup => {
      const periodKind = members[0]!.period.kind
      const scope = scopeLevelOf(members[0]!, lookups)
      return {
        key: `${periodKind}-${scope ?? 'other'}`,
        periodKind,
        scope,
        label: `${periodKindLabel(periodKind)} · ${scope ? scopeLevelLabel(scope) : '其他'}`,
        metrics: members,
      }
    })
    .sort(
      (a, b) =>
        PERIOD_ORDER.indexOf(a.periodKind) - PERIOD_ORDER.indexOf(b.periodKind) ||
        SCOPE_ORDER.indexOf(a.scope) - SCOPE_ORDER.indexOf(b.scope),
    )
}
