/**
 * Pages keep their own script (a traditional-character page stays traditional), but names, figures and
 * periods are matched on a simplified, width-normalised copy. Every conversion here keeps the length of the
 * text, so a position found in the copy is the same position in the page's own text.
 */
import * as OpenCC from 'opencc-js/t2cn'

const traditionalToSimplified = OpenCC.Converter({ from: 't', to: 'cn' })

/** Full-width digits, letters, % and brackets become ASCII, one character for one. */
const toHalfWidth = (text: string) =>
  text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))

const CHINESE_DIGITS: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
}

/** 二〇二三年 → 2023年, digit for digit (official documents write years this way). */
const digitYears = (text: string) =>
  text.replace(/[一二][〇零一二三四五六七八九]{3}(?=年)/g, (year) =>
    [...year].map((c) => CHINESE_DIGITS[c]).join(''),
  )

/** The simplified, half-width copy of `text` that matching works on; same length as `text`. */
export function matchingText(text: string): string {
  const simplified = traditionalToSimplified(text)
  const sameLength =
    simplified.length === text.length
      ? simplified
      : [...text].map((c) => (c.length === 1 ? oneForOne(c) : c)).join('')
  return digitYears(toHalfWidth(sameLength))
}

function oneForOne(char: string) {
  const converted = traditionalToSimplified(char)
  return converted.length === 1 ? converted : char
}

/** True when the text is written in traditional characters (it changes noticeably when simplified). */
export function isTraditional(text: string): boolean {
  const han = text.match(/[\u4e00-\u9fff]/g) ?? []
  if (han.length === 0) return false
  const simplified = traditionalToSimplified(han.join(''))
  let changed = 0
  for (let i = 0; i < han.length; i++) if (simplified[i] !== han[i]) changed++
  return changed / han.length > 0.05
}

/** Chinese characters in a string. */
export const hanCount = (text: string) => (text.match(/[\u4e00-\u9fff]/g) ?? []).length

const GAP_SIDE = '[\\d\\u4e00-\\u9fff%\\uFF05\\uFF10-\\uFF19]'
const GAP = new RegExp(`(?<=${GAP_SIDE}|[.\\uFF0E])[ \\u3000\\u00a0]{1,2}(?=${GAP_SIDE})`, 'g')

/**
 * Text out of a PDF or a scan: spaces inside figures and dates (2300 万人次, 截至 2021 年底) and between
 * characters go, and an ordinal the OCR lost (“()强化…” where “(一)” stood) is dropped, so that a figure,
 * its unit and its period read as one.
 */
export function closeGaps(text: string): string {
  return text.replace(GAP, '').replace(/[(（]\s*[)）]\s*/g, '')
}
