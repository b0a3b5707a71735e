/**
 * What the portal can render, as rules with a message for the editor. The CMS refuses a save that breaks one
 * (cms/fields, cms/hooks/input.ts) and the build leaves out a published document that still does
 * (content-schema/portal.ts, scripts/pull/index.ts): one rule, checked in both places.
 */
import { SLUG_PATTERN } from './slug'

/** A slug is a folder name on the portal: file systems refuse names over 255 bytes; readers need far less. */
export const SLUG_MAX_LENGTH = 80

export function slugProblem(value: string): string | undefined {
  if (!SLUG_PATTERN.test(value))
    return `链接名「${clip(value)}」只能包含小写字母、数字和连字符（-），如 suzhou-gongye-yuanqu`
  if (value.length > SLUG_MAX_LENGTH)
    return `链接名太长（${value.length}个字符）：最多${SLUG_MAX_LENGTH}个字符，请删减`
  return undefined
}

/** Dates the portal shows (publish dates, periods): four-digit years, from the founding of the PRC on. */
export const EARLIEST_YEAR = 1949
export const LATEST_YEAR = 2100

/**
 * A date given as text or a Date: a real calendar day (2024-02-30 is not) in a year from EARLIEST_YEAR to
 * LATEST_YEAR. `what` names the field in the message, e.g. 发布时间.
 */
export function dateProblem(value: unknown, what: string): string | undefined {
  if (value === null || value === undefined || value === '') return undefined
  const text =
    value instanceof Date ? (Number.isNaN(value.getTime()) ? 'Invalid' : value.toISOString()) : value
  if (typeof text !== 'string') return `${what}「${clip(String(text))}」不是日期：请按 2024-05-01 的格式填写`
  const parts =
    /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      text.trim(),
    )
  if (!parts) return `${what}「${clip(text)}」不是日期：请按 2024-05-01 的格式填写`
  const [, y, m, d, hh = '0', mm = '0', ss = '0'] = parts
  const year = Number(y)
  const month = Number(m)
  const day = Number(d)
  if (year < EARLIEST_YEAR || year > LATEST_YEAR)
    return `${what}的年份「${year}」不对：请填写${EARLIEST_YEAR}年到${LATEST_YEAR}年之间的日期`
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth)
    return `${what}「${clip(text)}」不存在：${year}年${month}月没有${day}日`
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59)
    return `${what}「${clip(text)}」的时间不对：请填写 00:00 到 23:59 之间的时间`
  return undefined
}

/** 千万亿 (10^15): larger than any figure a report gives, and still printed exactly. */
export const MAX_FIGURE_VALUE = 1e15

export function figureValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return `数值「${clip(String(value ?? ''))}」不是数字：请填写阿拉伯数字（如 700600），或在“原文写法”中填写 70.06万人次`
  if (Math.abs(value) > MAX_FIGURE_VALUE)
    return `数值「${value}」太大：超过千万亿（10的15次方），请检查是否多写了位数或单位`
  return undefined
}

/** A number given as text must be all number: "12abc" is not 12. */
export const NUMBER_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/

/** Keeps an echoed value short enough to read in a message. */
export const clip = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max)}…` : text)
