/**
 * Every figure in an article's text: 70.06万人次, 2000余万元, 近20万人, 上千场, 同比下降60%, 1000多人 …
 * This module finds the phrases and the clause each came from; reading a phrase (value, unit, qualifier,
 * comparison) is content-schema/figures.ts's parseFigure, the same reader the CMS uses for 原文写法.
 */
import type { Figure } from '../../../content-schema/figures'
import { FigureParseError, parseFigure } from '../../../content-schema/figures'

export type Paragraph = { text: string; match: string }

export type FoundFigure = {
  paragraph: number
  /** Position of the phrase in the paragraph. */
  start: number
  end: number
  /** As the page writes it: 70.06萬人次. */
  phrase: string
  /** What parseFigure read: the simplified phrase, completed where the text implies more (同比下降71.4%). */
  figureText: string
  figure: Figure
  /** The clause around the figure, as the page writes it. */
  evidence: string
  /** The words of the clause before and after the figure, and of its part between 、 (matching text). */
  context: { before: string; after: string; segmentBefore: string; segmentAfter: string }
  /** Where the figure's sentence starts in the paragraph (for its place and period). */
  sentenceStart: number
  /** Quotation (“…”) the figure stands in, if any: its speaker is named after it. */
  quoteEnd?: number
  review: string[]
}

const UNITS = ['人次', '场次', '人', '名', '家', '所', '个', '项', '件', '篇', '场', '次', '元', '%']
const SCALES = ['十万', '百万', '千万', '十亿', '百亿', '千亿', '万亿', '十', '百', '千', '万', '亿']
/** 同比增长, and the same said in words: 比上年增长, 较去年同期下降. */
const CHANGE =
  '(?:同比|(?:比|较)(?:上年|去年|上一年)(?:同期)?)(?:分别)?(?<changeVerb>增长|增加|上升|提高|下降|减少|降低)了?'
const PREFIX = '超过|将近|接近|大约|逾|超|近|约|上'
const FIGURE = new RegExp(
  `(?<change>${CHANGE})?(?<prefix>${PREFIX})?` +
    `(?:(?<digits>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(?<more1>[余多])?(?<scale1>${SCALES.join('|')})?` +
    `|(?<han>[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*)(?<more3>[余多])?` +
    `|(?<scale2>${SCALES.join('|')}))` +
    `(?<more2>[余多])?(?<unit>${UNITS.join('|')})?(?<about>左右)?`,
  'g',
)

/** Words before a figure with no unit that say what it counts: 服务人次超过10万. */
const IMPLIED_UNITS: readonly (readonly [RegExp, string])[] = [
  [/人次/, '人次'],
  [/人数/, '人'],
  [/资金|金额|经费|投入/, '元'],
]

const CLAUSE_END = /[，。；！？!?;,:：…\n]/
const SENTENCE_END = /[。！？!?；;]/

export function findFigures(paragraphs: Paragraph[]): FoundFigure[] {
  return paragraphs.flatMap((paragraph, index) => figuresIn(paragraph, index))
}

function figuresIn({ text, match }: Paragraph, paragraph: number): FoundFigure[] {
  const found: FoundFigure[] = []
  const quotes = quotedSpans(match)
  for (const m of match.matchAll(FIGURE)) {
    const g = m.groups!
    let start = m.index
    let prefix: string | undefined = g.prefix
    // 技师以上215人: the 上 of 以上 is not 上千's 上.
    if (prefix === '上' && g.digits) {
      start += prefix.length
      prefix = undefined
    }
    const end = m.index + m[0].length
    const quoted = quotes.find((q) => start >= q.start && end <= q.end)
    if (quoted && quoted.name) continue
    if (/[第前]$/.test(match.slice(0, start)) || /^百分点/.test(match.slice(end))) continue
    if (/[\dA-Za-z.]$/.test(match.slice(0, start))) continue
    // 三家, 两千余人, 一百五十万元: Chinese numerals count with a unit; 一 alone (一家企业) is an article.
    if (g.han && (!g.unit || g.han === '一' || g.unit === '%')) continue
    // 两个月, 3个工作日: a duration, not a count.
    if (g.unit === '个' && /^(?:月|小时|工作日|星期|季度)/.test(match.slice(end))) continue
    // 万名职工, 千家万户: a bare scale word is a word, not a figure.
    if (!g.digits && !g.han && !prefix && !g.more1 && !g.more2) continue
    if (/[零一二两三四五六七八九十百千]$/.test(match.slice(0, start))) continue
    const review: string[] = []
    // 同比分别下降了60% is read as 同比下降60%.
    // 1,260人 is written 1260人.
    let core = match.slice(start, end).replace(/(?<=\d),(?=\d{3})/g, '')
    if (g.change) core = `同比${g.changeVerb}${core.slice(g.change.length)}`
    // 30个以上, 30个工种以上: at least thirty, written the way parseFigure reads it.
    // 不少于300人, 至少300人: the same, said before the figure.
    const atLeast = /^[\u4e00-\u9fff]{0,3}?以上/.exec(match.slice(end))
    const noLess = /(?:不少于|不低于|不下于|至少)$/.exec(match.slice(0, start))
    if ((atLeast || noLess) && g.unit && !prefix && !g.change && !g.more1 && !g.more2 && !g.more3) {
      core = `超过${core}`
      const written = noLess ? text.slice(noLess.index, end) : text.slice(start, end + atLeast![0].length)
      review.push(`原文为“${written}”，按“超过”记`)
    }
    if (!g.unit) {
      const implied = impliedUnit(
        match,
        start,
        end,
        Boolean(g.scale1 || g.scale2 || prefix || g.more1 || g.more2),
      )
      if (!implied) continue
      core += implied
      review.push(`原文未写单位，按上下文补为“${implied}”`)
    }
    const previous = found.at(-1)
    if (!g.change && g.unit === '%' && previous?.figure.comparison === 'yoy') {
      const between = match.slice(previous.end, start)
      if (/^[、和及与,，]?$/.test(between)) core = (/^同比\S{2}/.exec(previous.figureText)?.[0] ?? '') + core
    }
    let figure: Figure
    try {
      figure = parseFigure(core)
    } catch (error) {
      if (error instanceof FigureParseError) continue
      throw error
    }
    const clause = clauseAround(match, start, end)
    found.push({
      paragraph,
      start,
      end,
      phrase: text.slice(start, end),
      figureText: core,
      figure,
      evidence: text.slice(clause.start, clause.end).trim(),
      context: contextOf(match, clause, start, end),
      sentenceStart: sentenceStart(match, start),
      quoteEnd: quoted?.end,
      review,
    })
  }
  return found
}

function impliedUnit(match: string, start: number, end: number, scaled: boolean): string | undefined {
  if (!scaled || !/^(?:[，。；、,;]|$)/.test(match.slice(end))) return undefined
  const clause = match.slice(clauseAround(match, start, end).start, start)
  return IMPLIED_UNITS.find(([words]) => words.test(clause))?.[1]
}

function contextOf(match: string, clause: { start: number; end: number }, start: number, end: number) {
  const before = match.slice(clause.start, start)
  const after = match.slice(end, clause.end)
  return { before, after, segmentBefore: before.split('、').at(-1)!, segmentAfter: after.split('、')[0] }
}

function clauseAround(match: string, start: number, end: number) {
  let from = start
  while (from > 0 && !CLAUSE_END.test(match[from - 1])) from--
  let to = end
  while (to < match.length && !CLAUSE_END.test(match[to])) to++
  return { start: from, end: to }
}

function sentenceStart(match: string, at: number) {
  let from = at
  while (from > 0 && !SENTENCE_END.test(match[from - 1])) from--
  return from
}

/**
 * Spans in quotation marks and book-title marks. A short quotation (“十件实事”, “万名职工齐唱红歌”) or a
 * title (《…》) is a name, and numbers inside it are not figures; a long quotation is someone speaking.
 */
function quotedSpans(match: string): { start: number; end: number; name: boolean }[] {
  const spans: { start: number; end: number; name: boolean }[] = []
  for (const [open, close, nameLength] of [
    ['“', '”', 20],
    ['‘', '’', 20],
    ['《', '》', Infinity],
    ['「', '」', 20],
  ] as const) {
    for (let at = match.indexOf(open); at >= 0; at = match.indexOf(open, at + 1)) {
      const closing = match.indexOf(close, at + 1)
      if (closing < 0) break
      spans.push({ start: at, end: closing + 1, name: closing - at - 1 <= nameLength })
      at = closing
    }
  }
  // Straight quotation marks, single or doubled as PDFs leave them (""十件实事""): runs taken in pairs.
  const runs = [...match.matchAll(/"+/g)]
  for (let i = 0; i + 1 < runs.length; i += 2) {
    const start = runs[i].index
    const end = runs[i + 1].index + runs[i + 1][0].length
    spans.push({ start, end, name: runs[i + 1].index - start - runs[i][0].length <= 20 })
  }
  return spans
}
