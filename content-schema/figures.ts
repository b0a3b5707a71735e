/**
 * Reported figures, read and written the way Chinese reports phrase them.
 *
 * parseFigure('70.06万人次') gives { value: 700600, unit: '人次', qualifier: 'exact', comparison: 'none' }:
 * the value is always in the base unit, with the scale word (万, 亿) folded in; formatFigure writes it back.
 */
import { UNIT_VALUES, isUnit, meaningOf, type Comparison, type Qualifier, type Unit } from './enums'

export type Figure = { value: number; unit: Unit; qualifier: Qualifier; comparison: Comparison }

/** Thrown when an editor's figure cannot be read; the message is meant for the editor. */
export class FigureParseError extends Error {
  override name = 'FigureParseError'
}

/** Scale words and the power of ten they stand for. */
const SCALE_WORDS = [
  { word: '十', exponent: 1 },
  { word: '百', exponent: 2 },
  { word: '千', exponent: 3 },
  { word: '万', exponent: 4 },
  { word: '十万', exponent: 5 },
  { word: '百万', exponent: 6 },
  { word: '千万', exponent: 7 },
  { word: '亿', exponent: 8 },
  { word: '十亿', exponent: 9 },
  { word: '百亿', exponent: 10 },
  { word: '千亿', exponent: 11 },
  { word: '万亿', exponent: 12 },
] as const

/** The scales a figure is displayed in, largest first. */
const DISPLAY_SCALES = [
  { word: '亿', exponent: 8 },
  { word: '万', exponent: 4 },
] as const

const INCREASE = /^同比(?:增长|增加|上升|提高)/
const DECREASE = /^同比(?:下降|减少|降低)/

/** Longer words come before their own prefixes (超过 before 超). */
const PREFIX_QUALIFIERS: readonly (readonly [string, Qualifier])[] = [
  ['超过', 'over'],
  ['逾', 'overYu'],
  ['超', 'over'],
  ['将近', 'nearly'],
  ['接近', 'nearly'],
  ['近', 'nearly'],
  ['大约', 'about'],
  ['约', 'about'],
  ['上', 'orderOf'],
]

const alternation = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).join('|')

/** 余 and 多 after the digits or the scale word: the same sense, each kept as the report wrote it. */
const MORE_WORDS: Record<string, Qualifier> = { 余: 'more', 多: 'moreDuo' }

/** digits, 余/多, scale word, 余/多, unit, 左右 — every part optional, so this always matches. */
const AMOUNT = new RegExp(
  `^(?:(?<digits>\\d+(?:\\.\\d+)?)(?<moreBeforeScale>[余多])?)?` +
    `(?<scale>${alternation(SCALE_WORDS.map((s) => s.word))})?(?<moreAfterScale>[余多])?` +
    `(?<unit>.*?)(?<about>左右)?$`,
)

const EXAMPLES = '请写成“70.06万人次”“2000余万元”这样的形式'
const KNOWN_UNITS = `可用的单位有 ${UNIT_VALUES.join('、')}`

export function parseFigure(text: string): Figure {
  const input = text.trim()
  if (!input) throw new FigureParseError(`请填写数字：${EXAMPLES}`)
  const { rest: afterComparison, comparison, sign } = readComparison(normalize(input))
  const { rest, qualifier: prefixQualifier } = readPrefixQualifier(afterComparison)
  const amount = rest.match(AMOUNT)!.groups!
  const { digits, scale, unit } = amount

  if (!digits && !scale) throw new FigureParseError(`无法识别数字「${input}」：${EXAMPLES}`)
  if (!unit) throw new FigureParseError(`「${input}」缺少单位：${KNOWN_UNITS}`)
  if (!isUnit(unit)) throw new FigureParseError(`无法识别「${input}」中的单位「${unit}」：${KNOWN_UNITS}`)
  if (prefixQualifier === 'orderOf' && (digits || !scale)) {
    throw new FigureParseError(`「${input}」中的“上”后面应直接写“百”“千”“万”，如“上千场”“上万人”`)
  }

  const qualifier = combineQualifiers(input, [
    prefixQualifier,
    MORE_WORDS[amount.moreBeforeScale ?? amount.moreAfterScale ?? ''],
    amount.about ? 'about' : undefined,
  ])
  const exponent = SCALE_WORDS.find((s) => s.word === scale)?.exponent ?? 0
  const magnitude = Number(shiftPoint(digits ?? '1', exponent))
  return { value: sign * magnitude, unit, qualifier, comparison }
}

/** 约3000人左右 says "about" twice, which is fine; 超过2000余人 says two different things. */
function combineQualifiers(input: string, found: (Qualifier | undefined)[]): Qualifier {
  const qualifiers = new Set(found.filter((q) => q !== undefined))
  if (qualifiers.size > 1) {
    throw new FigureParseError(`「${input}」中的限定词相互矛盾：“余”“多”“超过”“逾”“近”“约”“上”只能用其中一个`)
  }
  return [...qualifiers][0] ?? 'exact'
}

/**
 * Full-width characters become ASCII (２０９７ → 2097, ％ → %); whitespace and thousands separators go; a number
 * in Chinese numerals becomes digits (两千余人 → 2000余人, 一百五十万元 → 1500000元).
 */
function normalize(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .replace(/(?<=\d),(?=\d{3})/g, '')
    .replace(CHINESE_NUMBER, (numeral) => String(chineseNumberValue(numeral)))
}

/** A number in Chinese numerals: it starts with a digit word (十二, 两千, 三千五百, 一百五十万). */
export const CHINESE_NUMBER = /[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*/g

const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
}
const CHINESE_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }
const CHINESE_SECTIONS: Record<string, number> = { 万: 1e4, 亿: 1e8 }

/** 十二 → 12, 二十三 → 23, 三千五百 → 3500, 一百五十万 → 1500000. */
export function chineseNumberValue(numeral: string): number {
  let total = 0
  let section = 0
  let digit = 0
  for (const char of numeral) {
    if (char in CHINESE_DIGITS) digit = CHINESE_DIGITS[char]
    else if (char in CHINESE_UNITS) {
      section += (digit || 1) * CHINESE_UNITS[char]
      digit = 0
    } else if (char in CHINESE_SECTIONS) {
      total = (total + section + digit) * CHINESE_SECTIONS[char]
      section = 0
      digit = 0
    }
  }
  return total + section + digit
}

function readComparison(text: string): { rest: string; comparison: Comparison; sign: 1 | -1 } {
  const increase = text.match(INCREASE)
  if (increase) return { rest: text.slice(increase[0].length), comparison: 'yoy', sign: 1 }
  const decrease = text.match(DECREASE)
  if (decrease) return { rest: text.slice(decrease[0].length), comparison: 'yoy', sign: -1 }
  return { rest: text, comparison: 'none', sign: 1 }
}

function readPrefixQualifier(text: string): { rest: string; qualifier?: Qualifier } {
  const found = PREFIX_QUALIFIERS.find(([word]) => text.startsWith(word))
  if (!found) return { rest: text }
  const [word, qualifier] = found
  return { rest: text.slice(word.length), qualifier }
}

/**
 * Moves the decimal point of a non-negative decimal string `places` to the right (left when negative).
 * Scaling works on the digits, not with float multiplication, so 70.06万 is exactly 700600.
 */
function shiftPoint(decimal: string, places: number): string {
  const [whole, fraction = ''] = decimal.split('.')
  const digits = whole + fraction
  const point = whole.length + places
  const padded = point < 0 ? '0'.repeat(-point) + digits : digits.padEnd(point, '0')
  const at = Math.max(point, 0)
  const shifted = `${padded.slice(0, at) || '0'}.${padded.slice(at)}`
  return shifted
    .replace(/^0+(?=\d)/, '')
    .replace(/0+$/, '')
    .replace(/\.$/, '')
}

const decimalsOf = (decimal: string) => decimal.split('.')[1]?.length ?? 0

type ScaledNumber = { mantissa: string; scale: string }

/**
 * Splits a value into the number written before the scale word and the word itself: 700600 人次 → 70.06 万.
 * Money keeps up to 4 decimals in 万/亿 (whole yuan), counts up to 2; percentages are never scaled.
 */
function toScale(value: number, unit: Unit): ScaledNumber {
  const sign = value < 0 ? '-' : ''
  const magnitude = String(Math.abs(value))
  const maxDecimals = unit === '元' ? 4 : 2
  const fits = (exponent: number) =>
    Math.abs(value) >= 10 ** exponent && decimalsOf(shiftPoint(magnitude, -exponent)) <= maxDecimals
  const scale = unit === '%' ? undefined : DISPLAY_SCALES.find(({ exponent }) => fits(exponent))
  if (!scale) return { mantissa: sign + magnitude, scale: '' }
  return { mantissa: sign + shiftPoint(magnitude, -scale.exponent), scale: scale.word }
}

/** 700600 人次 → 70.06万人次, 740000000 元 → 7.4亿元, 15580 家 → 15580家. */
export function formatNumberChinese(value: number, unit: Unit): string {
  const { mantissa, scale } = toScale(value, unit)
  return `${mantissa}${scale}${unit}`
}

export function formatFigure({ value, unit, qualifier, comparison }: Figure): string {
  if (comparison === 'none') return formatLevel(value, unit, qualifier)
  const change = value < 0 ? '同比下降' : '同比增长'
  return `${change}${formatLevel(Math.abs(value), unit, qualifier)}`
}

function formatLevel(value: number, unit: Unit, qualifier: Qualifier): string {
  if (qualifier === 'orderOf') return formatOrderOf(value, unit)
  return `${qualifiedNumber(toScale(value, unit), qualifier)}${unit}`
}

function qualifiedNumber(
  { mantissa, scale }: ScaledNumber,
  qualifier: Exclude<Qualifier, 'orderOf'>,
): string {
  // 近万名, 万余家: a lone 1 before the scale word is not written.
  const leading =
    scale && mantissa === '1' && (qualifier === 'nearly' || meaningOf(qualifier) === 'more') ? '' : mantissa
  switch (qualifier) {
    case 'exact':
      return `${leading}${scale}`
    case 'more':
    case 'moreDuo': {
      // 2000余万元 and 50多万人次, but 4万余人次 and 4万多人次: the word follows a round number, else the scale word.
      const word = qualifier === 'more' ? '余' : '多'
      return !scale || isMultipleOfTen(mantissa) ? `${leading}${word}${scale}` : `${leading}${scale}${word}`
    }
    case 'over':
      return `超过${leading}${scale}`
    case 'overYu':
      return `逾${leading}${scale}`
    case 'nearly':
      return `近${leading}${scale}`
    case 'about':
      return `约${leading}${scale}`
  }
}

const isMultipleOfTen = (mantissa: string) => !mantissa.includes('.') && mantissa.endsWith('0')

/** 1000 场 → 上千场: 上 names the power of ten the value reaches, without digits. */
function formatOrderOf(value: number, unit: Unit): string {
  const exponent = String(Math.trunc(Math.abs(value))).length - 1
  const power = SCALE_WORDS.find((s) => s.exponent === exponent)
  // Below ten there is no power word to write, so the plain number is the honest display.
  return power ? `上${power.word}${unit}` : formatNumberChinese(value, unit)
}
