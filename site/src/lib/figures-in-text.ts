/**
 * Figures in an article's running text. Every figure the CMS holds for an article quotes the phrase it was read
 * from (its evidence); the figure is found inside that phrase as the report wrote it (`writtenFigure`), the
 * phrase is found in the body, and the figure is wrapped in place (`markFigures`): one unbreakable unit that
 * opens a small card (indicator, period, scope, a link to its record on the indicator page). The card is a
 * declarative popover, and the figure carries the same facts as its title: no script is needed either way.
 */
import { UNIT_VALUES } from '../../../content-schema/enums'
import { FigureParseError, parseFigure, type Figure } from '../../../content-schema/figures'

/** One figure of the article as the text marks it up. */
export type FigureInText = {
  id: string
  /** The figure as the evidence writes it (70.06万人次, 50多万人次), or undefined if it could not be found there. */
  written?: string
  evidence: string
  indicator: { name: string; href: string }
  period: string
  scope: string
}

const units = [...UNIT_VALUES].sort((a, b) => b.length - a.length).map((u) => u.replace('%', '%|％'))
/**
 * A figure phrase as reports write them: an optional change (同比下降), an optional qualifier word, digits or
 * Chinese numerals, 余/多 and a scale word in either order, a unit, an optional 左右.
 */
const NUMBER =
  '(?:同比(?:增长|增加|上升|提高|下降|减少|降低))?(?:超过|将近|接近|大约|逾|超|近|约|上)?' +
  '(?:[0-9０-９][0-9０-９,，.．]*|[一二两三四五六七八九十百千万亿零〇]+)[余多]?(?:十|百|千|万|亿)*[余多]?'
const FIGURE_PHRASE = new RegExp(`${NUMBER}(?:${units.join('|')})(?:左右)?`, 'g')
/** 服务人次超过10万: the unit named before the number, which then stands alone. */
const BARE_NUMBER = new RegExp(`${NUMBER}(?![0-9０-９])`, 'g')

const read = (phrase: string): Figure | undefined => {
  try {
    return parseFigure(phrase.replace(/[,，](?!\d{3})/g, ''))
  } catch (error) {
    if (error instanceof FigureParseError) return undefined
    throw error
  }
}

/**
 * The figure as `evidence` writes it: the phrase inside it that reads as the same value, unit, comparison and
 * qualifier (failing that, the same value and unit); a number standing without its unit (服务人次超过10万)
 * when the phrase names the unit elsewhere. A phrase may start with a word that belongs to the
 * sentence rather than the figure (达 is not caught, but 上 of 上千 is): shorter readings are tried too.
 */
export function writtenFigure(evidence: string, figure: Figure): string | undefined {
  const readingsOf = (pattern: RegExp, unit = '') =>
    [...evidence.matchAll(pattern)].flatMap(([phrase]) =>
      [phrase, phrase.replace(/^(?:超过|将近|接近|大约|逾|超|近|约|上)/, '')].flatMap((text) => {
        const reading = read(text + unit)
        return reading ? [{ text, reading }] : []
      }),
    )
  const readings = [...readingsOf(FIGURE_PHRASE), ...readingsOf(BARE_NUMBER, figure.unit)]
  const same = (r: Figure, exact: boolean) =>
    r.value === figure.value &&
    r.unit === figure.unit &&
    r.comparison === figure.comparison &&
    (!exact || r.qualifier === figure.qualifier)
  return (
    readings.find(({ reading }) => same(reading, true)) ??
    readings.find(({ reading }) => same(reading, false))
  )?.text
}

/** The body's text without tags or white space, each character with where it starts in the HTML. */
function textOf(html: string) {
  let text = ''
  const at: number[] = []
  for (let i = 0; i < html.length;) {
    if (html[i] === '<') {
      i = html.indexOf('>', i) + 1 || html.length
      continue
    }
    const entity = html[i] === '&' ? /^&(#\d+|#x[0-9a-f]+|\w+);/i.exec(html.slice(i, i + 12)) : null
    const length = entity ? entity[0].length : 1
    const char = entity ? decodeEntity(entity[1]!) : html[i]!
    if (!/\s/.test(char)) {
      text += char
      at.push(i)
    }
    i += length
  }
  at.push(html.length)
  return { text, at }
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }
const decodeEntity = (name: string) =>
  name.startsWith('#')
    ? String.fromCodePoint(Number(name[1] === 'x' || name[1] === 'X' ? `0${name.slice(1)}` : name.slice(1)))
    : (NAMED[name] ?? `&${name};`)

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
const squeeze = (text: string) => text.replace(/\s+/g, '')

/** The markup of one figure in the text; `original` is the figure's HTML as the body had it. */
function figureMarkup(figure: FigureInText, original: string) {
  const card = `fig-${figure.id}`
  const facts = `指标：${figure.indicator.name}；统计期：${figure.period}；范围：${figure.scope}`
  return (
    `<span class="fig"><button type="button" class="fig-figure" popovertarget="${escapeHtml(card)}" ` +
    `title="${escapeHtml(facts)}">${original}</button>` +
    `<span class="fig-card" id="${escapeHtml(card)}" popover data-pagefind-ignore>` +
    `<span class="fig-card-figure">${original}</span>` +
    `<span class="fig-card-fact"><span class="fig-card-label">指标</span>${escapeHtml(figure.indicator.name)}</span>` +
    `<span class="fig-card-fact"><span class="fig-card-label">统计期</span>${escapeHtml(figure.period)}</span>` +
    `<span class="fig-card-fact"><span class="fig-card-label">范围</span>${escapeHtml(figure.scope)}</span>` +
    `<a class="fig-card-link" href="${escapeHtml(figure.indicator.href)}">查看这条数据的记录</a>` +
    `<button type="button" class="fig-card-close" popovertarget="${escapeHtml(card)}" popovertargetaction="hide">关闭</button>` +
    `</span></span>`
  )
}

/**
 * The body with each figure marked up where its evidence occurs. A figure whose phrase is not in the body,
 * or whose written form straddles a tag, stays as it is and is returned in `unmarked`.
 */
export function markFigures(bodyHtml: string, figures: FigureInText[]) {
  const { text, at } = textOf(bodyHtml)
  const spans: { start: number; end: number; figure: FigureInText }[] = []
  const unmarked: FigureInText[] = []
  const taken = (start: number, end: number) => spans.some((s) => start < s.end && s.start < end)
  for (const figure of figures) {
    const written = figure.written && squeeze(figure.written)
    const evidence = squeeze(figure.evidence)
    let found: { start: number; end: number } | undefined
    for (let from = text.indexOf(evidence); written && from >= 0; from = text.indexOf(evidence, from + 1)) {
      const offset = evidence.indexOf(written)
      const start = from + offset
      const end = start + written.length
      if (offset < 0 || taken(start, end)) continue
      const html = bodyHtml.slice(at[start], at[end - 1]! + 1)
      if (html.includes('<') || html.includes('>')) continue
      found = { start, end }
      break
    }
    if (found) spans.push({ ...found, figure })
    else unmarked.push(figure)
  }
  let html = bodyHtml
  // From the last to the first, so earlier offsets stay valid.
  for (const { start, end, figure } of spans.toSorted((a, b) => b.start - a.start)) {
    const from = at[start]!
    const to = at[end - 1]! + entityLength(bodyHtml, at[end - 1]!)
    html = html.slice(0, from) + figureMarkup(figure, html.slice(from, to)) + html.slice(to)
  }
  return { html, unmarked }
}

const entityLength = (html: string, i: number) =>
  html[i] === '&' ? (/^&(#\d+|#x[0-9a-f]+|\w+);/i.exec(html.slice(i, i + 12))?.[0].length ?? 1) : 1
