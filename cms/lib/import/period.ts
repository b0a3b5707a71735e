/**
 * The period a figure covers, from the words before it: a year (2022年, 今年), part of a year (今年上半年),
 * a cumulative span (三年来, 2020年以来, 累计) or a stock at a date (截至2020年底, 目前). What cannot be
 * read for certain is said in `review`, never filled in silently.
 */
import type { PeriodKind } from '../../../content-schema/enums'

export type Period = { kind: PeriodKind; label: string; start?: string; end?: string }

type Context = { publishedAt?: string }
type Resolved = { period: Period; review: string[]; stated?: boolean }
type Pattern = { pattern: RegExp; read: (m: RegExpExecArray, context: Context) => Resolved }

const CHINESE_COUNT = '(?:[一二两三四五六七八九十]+|\\d{1,2})'
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()
const date = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
const publishedDay = (context: Context) => context.publishedAt?.slice(0, 10)
const publishedYear = (context: Context) =>
  context.publishedAt ? Number(context.publishedAt.slice(0, 4)) : undefined

const UNKNOWN_YEAR = '页面没有发布日期，无法确定“今年/去年”是哪一年，请补上统计期的起止日期'
const QUARTER_END: Record<string, [number, number]> = {
  上半年: [1, 6],
  下半年: [7, 12],
  前三季度: [1, 9],
  一季度: [1, 3],
  第一季度: [1, 3],
  二季度: [4, 6],
  第二季度: [4, 6],
  三季度: [7, 9],
  第三季度: [7, 9],
  四季度: [10, 12],
  第四季度: [10, 12],
}

/** Which year 今年/去年/2022年 names; undefined when it depends on a publication date the page lacks. */
function yearOf(word: string | undefined, context: Context): number | undefined {
  if (word && /^\d{4}/.test(word)) return Number(word.slice(0, 4))
  const year = publishedYear(context)
  if (year === undefined) return undefined
  return word === '去年' ? year - 1 : year
}

const PATTERNS: Pattern[] = [
  {
    pattern: /今年(?:截至目前|以来)|(?:今年)?(?:年初|开年)(?:以来|至今)/g,
    read: (m, c) => partOfYear(m[0], yearOf('今年', c), [1, undefined], c),
  },
  {
    // 截至2024年6月15日: that day.
    pattern: /截至(\d{4})年(\d{1,2})月(\d{1,2})日/g,
    read: (m) => ({
      period: { kind: 'asOf', label: m[0], end: date(Number(m[1]), Number(m[2]), Number(m[3])) },
      review: [],
    }),
  },
  {
    pattern: /(今年|去年|\d{4}年)?(上半年|下半年|前三季度|第?[一二三四]季度|(\d{1,2})[-至到~](\d{1,2})月)/g,
    read: (m, c) => {
      const months: [number, number | undefined] = m[3] ? [Number(m[3]), Number(m[4])] : QUARTER_END[m[2]]
      return partOfYear(m[0], yearOf(m[1] ?? '今年', c), months, c)
    },
  },
  {
    pattern:
      /截至(?:(\d{4})年(?:(\d{1,2})月)?(?:底|末)?|(今年|去年)(?:(\d{1,2})月)?(?:底|末)?|(\d{1,2})月(?:底|末)?|目前|发稿时)/g,
    read: (m, c) => {
      // 截至12月底 in a report published in February is last December.
      const monthOnly = m[5] && publishedYear(c)
      const year = m[1]
        ? Number(m[1])
        : m[3]
          ? yearOf(m[3], c)
          : monthOnly
            ? publishedYear(c)! - (Number(m[5]) > Number(c.publishedAt!.slice(5, 7)) ? 1 : 0)
            : undefined
      const month = Number(m[2] ?? m[4] ?? m[5] ?? 12)
      const end =
        year !== undefined && (m[1] || m[3] || m[5])
          ? date(year, month, lastDay(year, month))
          : publishedDay(c)
      return { period: { kind: 'asOf', label: m[0], end }, review: end ? [] : [UNKNOWN_YEAR] }
    },
  },
  {
    pattern: /(?:自|从)?(\d{4})年(?:起|以来|至今)/g,
    read: (m, c) => ({
      period: { kind: 'cumulative', label: m[0], start: date(Number(m[1]), 1, 1), end: publishedDay(c) },
      review: [],
    }),
  },
  {
    pattern: /(?:自|从)?去年以来/g,
    read: (m, c) => {
      const year = yearOf('去年', c)
      return {
        period: {
          kind: 'cumulative',
          label: m[0],
          start: year ? date(year, 1, 1) : undefined,
          end: publishedDay(c),
        },
        review: year ? [] : [UNKNOWN_YEAR],
      }
    },
  },
  {
    pattern: new RegExp(
      `(?:近|这|过去)?${CHINESE_COUNT}年(?:来|以来|间)(?:累计)?|(?:近|过去)${CHINESE_COUNT}年(?![底末度])|累计|迄今|历年|多年来|一直以来`,
      'g',
    ),
    read: (m, c) => ({ period: { kind: 'cumulative', label: m[0], end: publishedDay(c) }, review: [] }),
  },
  {
    pattern: /(\d{4})年(?!以来|起|底|末|至今|\d)|今年|去年|当年|本年度|全年/g,
    read: (m, c) => {
      const year = yearOf(m[1] ? m[0] : m[0] === '去年' ? '去年' : '今年', c)
      if (year === undefined) return { period: { kind: 'year', label: m[0] }, review: [UNKNOWN_YEAR] }
      return {
        period: { kind: 'year', label: m[0], start: date(year, 1, 1), end: date(year, 12, 31) },
        review: [],
      }
    },
  },
  {
    pattern: /每年|年均|每年度/g,
    read: (m) => ({
      period: { kind: 'year', label: m[0] },
      review: [`原文说的是“${m[0]}”：请核对这是哪一年的数字，或是否为年均数`],
    }),
  },
  {
    pattern: /目前|当前|现已|现有/g,
    read: (m, c) => ({ period: { kind: 'asOf', label: m[0], end: publishedDay(c) }, review: [] }),
  },
]

function partOfYear(
  label: string,
  year: number | undefined,
  [from, to]: [number, number | undefined],
  context: Context,
): Resolved {
  if (year === undefined) return { period: { kind: 'partOfYear', label }, review: [UNKNOWN_YEAR] }
  const end = to ? date(year, to, lastDay(year, to)) : publishedDay(context)
  return { period: { kind: 'partOfYear', label, start: date(year, from, 1), end }, review: [] }
}

/**
 * The period for a figure at `at` in a paragraph's matching text: the period words nearest before it in its
 * sentence; failing that, earlier in the paragraph (marked for review); failing that, none (marked).
 */
export function periodOf(match: string, sentenceStart: number, at: number, context: Context): Resolved {
  const inSentence = nearestBefore(match, sentenceStart, at, context)
  if (inSentence) return { ...inSentence, stated: true }
  const earlier = nearestBefore(match, 0, sentenceStart, context)
  if (earlier) {
    return {
      ...earlier,
      stated: true,
      review: [...earlier.review, `统计期取自前文的“${earlier.period.label}”，请核对`],
    }
  }
  return {
    period: { kind: 'asOf', label: '原文未注明', end: publishedDay(context) },
    review: ['原文没有说明统计期，请填写（暂按发布时的存量处理）'],
    stated: false,
  }
}

function nearestBefore(match: string, from: number, to: number, context: Context): Resolved | undefined {
  const text = match.slice(0, to)
  type Candidate = { start: number; end: number; length: number; resolved: Resolved }
  const candidates: Candidate[] = []
  for (const { pattern, read } of PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      if (m.index < from) continue
      const end = m.index + m[0].length
      // A bare 累计 belongs to its own clause: 累计发放…8600万元，建成…520个 says nothing about the 520.
      // …累计建成186个，其中国家级12个: a part of the total is counted the same way.
      if (BARE_CUMULATIVE.test(m[0]) && /[，,；;。](?!其中)/.test(text.slice(end))) continue
      candidates.push({
        start: m.index,
        end,
        length: m[0].length,
        resolved: read(m as RegExpExecArray, context),
      })
    }
  }
  candidates.sort((a, b) => a.end - b.end)
  const best = candidates.reduce<Candidate | undefined>(
    (a, b) => (!a || b.end > a.end || (b.end === a.end && b.length > a.length) ? b : a),
    undefined,
  )
  if (!best || !BARE_CUMULATIVE.test(match.slice(best.start, best.end))) return best?.resolved
  // 2019年以来…累计, 截至2023年底…累计: the span the sentence gave, added up.
  const frame = candidates
    .filter((c) => c.end <= best.start && !BARE_CUMULATIVE.test(match.slice(c.start, c.end)))
    .filter((c) => c.resolved.period.start || (c.resolved.period.kind === 'asOf' && c.resolved.period.end))
    .at(-1)
  if (!frame) return best.resolved
  const { period } = frame.resolved
  return {
    period: {
      kind: 'cumulative',
      label: `${period.label}累计`,
      start: period.kind === 'asOf' ? undefined : period.start,
      end: period.end,
    },
    review: frame.resolved.review,
  }
}

const BARE_CUMULATIVE = /^(?:累计|迄今)$/
