/**
 * Geometry for the static bar charts on indicator pages. Everything is computed at build time; the SVG uses
 * percentages of its own width horizontally (so it fits any screen without scaling its text) and `em`
 * vertically (so rows grow with the reader's chosen text size).
 */
import {
  UNITS,
  dimensionOf,
  meaningOf,
  type Comparison,
  type Qualifier,
  type Unit,
  type UnitDimension,
} from '../../../content-schema/enums'
import type { PortalMetric } from '../../../content-schema/portal'

/**
 * What a qualifier says about the true number, which is what the bar's end has to show:
 * 2000余万元 / 超过10万 / 上千场 are at least the written number, 近20万 is just under it, 约 is on either side.
 */
export type Leaning = 'exact' | 'atLeast' | 'upTo' | 'around'

export function leaningOf(qualifier: Qualifier): Leaning {
  switch (meaningOf(qualifier)) {
    case 'exact':
      return 'exact'
    case 'more':
    case 'over':
    case 'orderOf':
      return 'atLeast'
    case 'nearly':
      return 'upTo'
    case 'about':
      return 'around'
  }
}

/** What the grouping and scaling of a chart reads from a figure. */
export type Charted = Pick<PortalMetric, 'value' | 'unit' | 'comparison'>

/** Bars that share an axis: one unit and one comparison. `domain` is shared by every group of the same dimension. */
export type ChartGroup<M extends Charted = PortalMetric> = {
  key: string
  unit: Unit
  comparison: Comparison
  metrics: M[]
  domain: [number, number]
  /** Other units in the same dimension drawn to the same scale (人 and 名 both count people). */
  sameScaleAs: Unit[]
}

const unitOrder = (unit: string) => UNITS.findIndex((u) => u.value === unit)

/** Largest first; a change of -60% comes before one of -71.4%. */
export const byValueDescending = (a: { value: number }, b: { value: number }) => b.value - a.value

/**
 * Splits an indicator's figures into groups that may be drawn side by side: levels and changes never share
 * an axis, nor do units of different dimensions. Units of one dimension (人, 名) get their own group each but
 * the same scale, so their bars are comparable. The indicator's canonical unit comes first.
 */
export function chartGroups<M extends Charted>(metrics: M[], canonicalUnit: string): ChartGroup<M>[] {
  const groups = new Map<string, M[]>()
  for (const m of metrics) {
    const key = `${m.comparison}|${m.unit}`
    groups.set(key, [...(groups.get(key) ?? []), m])
  }
  const scaleKey = (comparison: string, unit: Unit) => `${comparison}|${dimensionOf(unit)}`
  const domains = new Map<string, [number, number]>()
  for (const m of metrics) {
    const key = scaleKey(m.comparison, m.unit as Unit)
    const [min, max] = domains.get(key) ?? [0, 0]
    domains.set(key, [Math.min(min, m.value), Math.max(max, m.value)])
  }
  const rank = (unit: string, comparison: string) =>
    (comparison === 'none' ? 0 : 1000) + (unit === canonicalUnit ? -1 : unitOrder(unit))

  const result = [...groups].map(([key, members]): ChartGroup<M> => {
    const [comparison, unit] = key.split('|') as [Comparison, Unit]
    const [min, max] = domains.get(scaleKey(comparison, unit))!
    return {
      key,
      unit,
      comparison,
      metrics: members.toSorted(byValueDescending),
      domain: min === 0 && max === 0 ? [0, 1] : [min, max],
      sameScaleAs: [],
    }
  })
  for (const group of result) {
    group.sameScaleAs = result
      .filter(
        (other) =>
          other !== group &&
          other.comparison === group.comparison &&
          dimensionOf(other.unit) === dimensionOf(group.unit),
      )
      .map((other) => other.unit)
  }
  return result.sort((a, b) => rank(a.unit, a.comparison) - rank(b.unit, b.comparison))
}

/** What a group is measured in, as a heading: 单位：人, 同比变化（%）, 占比（%）. */
export function groupCaption(group: Pick<ChartGroup, 'unit' | 'comparison'>) {
  if (group.comparison === 'yoy') return `同比变化（${group.unit}）`
  if (group.unit === '%') return '占比（%）'
  return `单位：${group.unit}`
}

/** What the units of one dimension count, for the note under groups drawn to one scale. */
export const DIMENSION_NOUNS: Record<UnitDimension, string> = {
  people: '人数',
  personTimes: '人次',
  organisations: '单位（机构）数',
  items: '个数',
  events: '场次',
  money: '金额',
  percent: '百分比',
}

/** A horizontal stretch of the chart, in percent of its width. */
export type Span = { x: number; width: number }
export type BarShape = { solid?: Span; hatch?: Span; tick?: number }

/** How far (percent of width) the hatched end of an approximate bar reaches. */
export const HATCH = 7
const EDGE = 1
/** Below this width (percent) a non-zero bar would vanish; it is drawn this wide instead. */
const MIN_WIDTH = 0.4

/**
 * Maps values to percent of the chart's width. Zero is always on the axis; room for a hatched end is kept
 * on each side that has bars.
 */
export function plotScale([min, max]: [number, number]) {
  const left = min < 0 ? EDGE + HATCH : EDGE
  const right = max > 0 ? 100 - EDGE - HATCH : 100 - EDGE
  const at = (value: number) => left + ((value - min) / (max - min)) * (right - left)
  return { at, zero: at(0) }
}

/**
 * The pieces of one bar. An exact figure is one solid bar. An approximate one has a tick where the written
 * number falls and a hatched stretch where the true number may lie: beyond the tick for 余/多/超过/上,
 * before it for 近, across it for 约. Negative changes extend left of zero, and so do their hatches.
 */
export function barShape(value: number, qualifier: Qualifier, domain: [number, number]): BarShape {
  const { at, zero } = plotScale(domain)
  const end = at(value)
  const length = Math.abs(end - zero)
  const sign = value < 0 ? -1 : 1
  const span = (from: number, to: number): Span => ({ x: Math.min(from, to), width: Math.abs(to - from) })
  const solidTo = (to: number) => {
    if (value === 0) return undefined
    const s = span(zero, to)
    return s.width >= MIN_WIDTH ? s : span(zero, zero + sign * MIN_WIDTH)
  }

  switch (leaningOf(qualifier)) {
    case 'exact':
      return { solid: solidTo(end) }
    case 'atLeast':
      return { solid: solidTo(end), hatch: span(end, end + sign * HATCH), tick: end }
    case 'upTo': {
      const hatch = Math.min(HATCH, length)
      return {
        solid: length > hatch ? solidTo(end - sign * hatch) : undefined,
        hatch: span(end - sign * hatch, end),
        tick: end,
      }
    }
    case 'around': {
      const before = Math.min(HATCH / 2, length)
      return {
        solid: length > before ? solidTo(end - sign * before) : undefined,
        hatch: span(end - sign * before, end + sign * (HATCH / 2)),
        tick: end,
      }
    }
  }
}

/**
 * Rough width of a text in em, for breaking labels before they run off a 360 px phone screen
 * (SVG text does not wrap): CJK and full-width characters are 1 em, others about 0.6 em.
 */
export function textWidth(text: string) {
  let width = 0
  for (const ch of text) width += /[\u2E80-\uFFEF]/.test(ch) ? 1 : ch === ' ' ? 0.3 : 0.6
  return width
}

/** About the width of the chart on a 360 px phone at the largest text size, in em. */
export const LINE_BUDGET = 15

export type Piece = { text: string; role: 'name' | 'figure' | 'period' }

/**
 * Lays pieces out on lines of at most `budget` em, joined by " · "; a piece longer than a line is broken
 * between characters. Pieces are never reordered.
 */
export function layoutPieces(pieces: Piece[], budget = LINE_BUDGET): Piece[][] {
  const lines: Piece[][] = []
  let line: Piece[] = []
  let used = 0
  const separator = ' · '
  for (const piece of pieces) {
    const needed = (line.length ? textWidth(separator) : 0) + textWidth(piece.text)
    if (line.length && used + needed > budget) {
      lines.push(line)
      line = []
      used = 0
    }
    // By characters, not UTF-16 units: a rare character in a name (𠮷) is two units and must not be cut.
    let rest = Array.from(piece.text)
    while (textWidth(rest.join('')) > budget) {
      let cut = 0
      for (let w = 0; cut < rest.length && w + textWidth(rest[cut]!) <= budget; cut++)
        w += textWidth(rest[cut]!)
      // At least one character a line, however narrow the budget, so the loop ends.
      cut = Math.max(1, cut)
      if (line.length) lines.push(line)
      lines.push([{ ...piece, text: rest.slice(0, cut).join('') }])
      line = []
      used = 0
      rest = rest.slice(cut)
    }
    if (!rest.length) continue
    if (line.length) {
      line.push({ text: separator, role: 'period' })
      used += textWidth(separator)
    }
    line.push({ ...piece, text: rest.join('') })
    used += textWidth(rest.join(''))
  }
  if (line.length) lines.push(line)
  return lines
}

/** Vertical rhythm of a chart row, in em. */
export const ROW = { line: 1.35, firstBaseline: 1.05, barGap: 0.35, bar: 1.1, after: 0.8 } as const

/** Formats a percentage for an SVG attribute. */
export const pct = (n: number) => `${Number(n.toFixed(3))}%`
/** Formats an em length for an SVG attribute. */
export const em = (n: number) => `${Number(n.toFixed(3))}em`
