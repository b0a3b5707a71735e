/**
 * Which catalogue indicator a figure reports, guessed from the words of its clause against the indicators'
 * names and definitions. Only indicators whose unit fits the figure's are candidates (人 never for 人次), and
 * a guess is said to be one unless the clause names the indicator outright.
 */
import type { IndicatorKind, Unit } from '../../../content-schema/enums'
import { unitFitsIndicator } from '../../../content-schema/enums'
import type { Figure } from '../../../content-schema/figures'

export type KnownIndicator = {
  id: string
  name: string
  description?: string | null
  canonicalUnit: Unit
  kind: IndicatorKind
}

export type IndicatorGuess = { indicator?: KnownIndicator; named: boolean; review: string[] }

/** The words around a figure: its clause before and after it, and the part of that between 、 marks. */
export type FigureContext = { before: string; after: string; segmentBefore: string; segmentAfter: string }

/** 新增高技能人才2097人, 工会组织达万余家, 60家产改试点单位: the indicator's name right next to the figure. */
const VERB = '(?:达到?|为|共|有|累计|已达|超过|近|约|逾)?'

/** Two-character pieces that say nothing about what is counted. */
const EMPTY_BIGRAMS = new Set([
  '统计',
  '期内',
  '计入',
  '按人',
  '数量',
  '用于',
  '读作',
  '一个',
  '的人',
  '人数',
  '注意',
])

const bigrams = (text: string) => {
  const pieces = new Set<string>()
  const han = text.replace(/[^\u4e00-\u9fff]/g, ' ')
  for (let i = 0; i + 1 < han.length; i++) {
    const piece = han.slice(i, i + 2)
    if (!piece.includes(' ') && !EMPTY_BIGRAMS.has(piece)) pieces.add(piece)
  }
  return pieces
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const kindOf = (figure: Figure): IndicatorKind =>
  figure.comparison === 'yoy'
    ? 'change'
    : figure.unit === '%'
      ? 'share'
      : figure.unit === '元'
        ? 'money'
        : 'count'

export function guessIndicator(
  context: FigureContext,
  figure: Figure,
  indicators: KnownIndicator[],
): IndicatorGuess {
  const segment = context.segmentBefore + ' ' + context.segmentAfter
  const clause = context.before + ' ' + context.after
  // Words of the figure's own part of an enumeration count twice.
  const words = bigrams(clause)
  const near = bigrams(segment)
  const isNamed = (indicator: KnownIndicator) =>
    new RegExp(`${escape(indicator.name)}${VERB}$`).test(context.segmentBefore) ||
    context.segmentAfter.startsWith(indicator.name)
  const score = (indicator: KnownIndicator) => {
    if (isNamed(indicator)) return 1000 + indicator.name.length
    const hits = (text: string) =>
      [...bigrams(text)].reduce((n, b) => n + (near.has(b) ? 2 : words.has(b) ? 1 : 0), 0)
    const total = hits(indicator.name) * 3 + hits(indicator.description ?? '')
    return total >= 3 ? total : 0
  }
  const fits = (indicator: KnownIndicator) =>
    unitFitsIndicator(figure.unit, indicator.canonicalUnit) && indicator.kind === kindOf(figure)
  const ranked = indicators
    .map((indicator) => ({ indicator, score: score(indicator) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score)
  const best = ranked.find((r) => fits(r.indicator))
  const review: string[] = []
  const closest = ranked[0]
  if (closest && !fits(closest.indicator) && closest.score >= 1000) {
    review.push(
      `单位“${figure.unit}”与字面最接近的指标“${closest.indicator.name}”（标准单位“${closest.indicator.canonicalUnit}”）不相符，不能归入该指标`,
    )
  }
  if (!best) return { named: false, review: [...review, '未能推断指标，请选择'] }
  const named = best.score >= 1000
  if (!named) review.push(`指标“${best.indicator.name}”为推测，请核对`)
  return { indicator: best.indicator, named, review }
}
