/**
 * Who wrote, photographed and edited a report, and where it came from, as pages print it:
 * 发布时间：2023-07-28 · 来源：今日柳市 · 编辑：陈玲 · 本报记者 张三 通讯员 李四 · 陈奇 摄 · (王俊杰 孙铮).
 * Everything here reads the simplified, half-width matching text (see chinese.ts).
 */
import type { AuthorRole } from '../../../content-schema/enums'

export type Byline = { name: string; role: AuthorRole }

export type LineMeta = {
  publishedAt?: string
  source?: string
  editor?: string
  authors?: Byline[]
  photographers?: string[]
  originalUrl?: string
}

const NAME = /^[\u4e00-\u9fff·]{2,4}$/
const DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]*(\d{1,2})[:：](\d{2}))?/
const DATE_LABEL = /(?:发布时间|发布日期|发表时间|发文日期|更新时间|日期|时间|发表于|发布于)\s*[:：]?\s*/
const SOURCE = /(?<!图片|图)来源\s*[:：]\s*([^\s|｜]+)/
const EDITOR = /(?:责任编辑|责编|编辑)\s*[:：]\s*([\u4e00-\u9fff·]{2,4}(?:[\s、,]+[\u4e00-\u9fff·]{2,4})*)/
const AUTHORS = /(?:^|\s)((?:[\u4e00-\u9fff]{0,4}(?:记者|通讯员|作者|撰稿))\s*[:：]?\s*.+)$/
const PHOTO = /(?:摄影|图片|图)\s*[:：/]\s*([\u4e00-\u9fff·]{2,4}(?:[\s、]+[\u4e00-\u9fff·]{2,4})*)/
const OFFICE_CREDIT = /(?:供稿|供稿单位|报送单位|来稿单位)\s*[:：]\s*([\u4e00-\u9fff]{2,30})/
const URL = /(?:原文链接|原文地址|原文网址|本文链接|文章链接|原文)\s*[:：]\s*(https?:\/\/[^\s<>"'，。]+)/

/** Role words in a byline and the role they give the names after them. */
const ROLE_WORDS: readonly (readonly [RegExp, AuthorRole])[] = [
  [/^[\u4e00-\u9fff]{0,4}通讯员$/, 'correspondent'],
  [/^[\u4e00-\u9fff]{0,4}记者$/, 'reporter'],
  [/^(?:作者|撰稿|撰文|文字|文)$/, 'author'],
]

/**
 * Names after optional role words: "晚报记者 潘凡", "记者 张三 通讯员 李四", "王俊杰 孙铮".
 * Undefined when anything in the text is not a name or a role word (so ordinary text is not taken for one).
 */
export function readNames(text: string, role: AuthorRole = 'author'): Byline[] | undefined {
  const names: Byline[] = []
  let current = role
  for (const token of text.split(/[\s、,/:：]+/).filter(Boolean)) {
    const roleWord = ROLE_WORDS.find(([pattern]) => pattern.test(token))
    const glued = /^(.*?(?:记者|通讯员|作者))([\u4e00-\u9fff·]{2,4})$/.exec(token)
    if (glued && ROLE_WORDS.some(([p]) => p.test(glued[1]))) {
      current = ROLE_WORDS.find(([p]) => p.test(glued[1]))![1]
      names.push({ name: glued[2], role: current })
    } else if (roleWord) {
      current = roleWord[1]
    } else if (NAME.test(token)) {
      names.push({ name: token, role: current })
    } else {
      return undefined
    }
  }
  return names.length ? names : undefined
}

/**
 * A byline in brackets closing a paragraph or standing alone: "…动能。(梁亮 姜存义)", "(晚报记者 潘凡)".
 * Returns the text without it and the names.
 */
export function readClosingByline(text: string): { rest: string; authors: Byline[] } | undefined {
  const match = /(^|[。!?！？”」…])\s*[(（]([^()（）]{2,24})[)）]\s*$/.exec(text)
  if (!match) return undefined
  const authors = readNames(match[2]) ?? readOffice(match[2])
  if (!authors) return undefined
  return { rest: text.slice(0, match.index + match[1].length).trimEnd(), authors }
}

/** An office as a byline: "（宜兴市总工会）", "（锡山区总工会供稿）". */
function readOffice(text: string): Byline[] | undefined {
  const office =
    /^([\u4e00-\u9fff]{2,30}?(?:办公室|总工会|工会|委员会|联合会|协会))(?:供稿|供图|报送|提供)?$/.exec(
      text.trim(),
    )
  return office ? [{ name: office[1], role: 'author' }] : undefined
}

/** A photo credit ending a caption line: "柳市镇企业开展技能竞赛活动。 陈奇 摄", "（新华社记者 王某 摄）". */
export function readPhotoCredit(text: string): { caption: string; photographers: string[] } | undefined {
  const match =
    /(^|[\s。，;；:：(（])[(（]?\s*([\u4e00-\u9fff·]{2,12}(?:[\s、]+[\u4e00-\u9fff·]{2,4})*)\s*[/／]?\s*摄\s*[)）]?$/.exec(
      text,
    )
  if (!match) return undefined
  const names = readNames(match[2])
  if (!names) return undefined
  return {
    caption: text.slice(0, match.index + match[1].length).trim(),
    photographers: names.map((n) => n.name),
  }
}

/**
 * What a short metadata line says: date, 来源, 编辑, authors, photographers, original address.
 * Undefined when the line says none of these (or is an ordinary sentence).
 */
export function readMetaLine(text: string): LineMeta | undefined {
  if (text.length > 160 || text.includes('。')) return undefined
  const meta: LineMeta = {}
  const date = DATE.exec(text)
  const labelled = date && DATE_LABEL.test(text.slice(0, date.index))
  const alone =
    date &&
    text
      .replace(DATE, '')
      .replace(/星期.|周./, '')
      .trim() === ''
  const withOtherMeta = date && (SOURCE.test(text) || EDITOR.test(text) || /作者|记者/.test(text))
  if (date && (labelled || alone || withOtherMeta)) meta.publishedAt = isoDate(date)
  const source = SOURCE.exec(text)?.[1]
  if (source) meta.source = source
  const editor = EDITOR.exec(text)?.[1]
  if (editor) meta.editor = editor.split(/[\s、,]+/).join('、')
  const photo = PHOTO.exec(text)?.[1]
  if (photo) meta.photographers = photo.split(/[\s、]+/)
  const url = URL.exec(text)?.[1]
  if (url) meta.originalUrl = url
  const authorText = AUTHORS.exec(text.replace(EDITOR, ' ').replace(SOURCE, ' ').replace(DATE, ' '))?.[1]
  const authors = authorText ? readNames(authorText.split(/\s{2,}|[|｜]/)[0]) : undefined
  if (authors) meta.authors = authors
  // 供稿：锡山区总工会 / 供稿单位：…: the office that sent the report in signs it.
  const office = OFFICE_CREDIT.exec(text)?.[1]
  if (office && !authors) meta.authors = readOffice(office)
  return Object.keys(meta).length ? meta : undefined
}

/** 2022-12-06 09:12 → 2022-12-06T09:12:00+08:00 (the pages are Chinese: Beijing time); a bare date stays a date. */
function isoDate([, year, month, day, hour, minute]: RegExpExecArray): string {
  const pad = (n: string) => n.padStart(2, '0')
  const date = `${year}-${pad(month)}-${pad(day)}`
  return hour ? `${date}T${pad(hour)}:${minute}:00+08:00` : date
}

/** An ISO date from whatever a page's <meta> gives (2023-07-28T10:00:00+08:00, 2023/7/28 …). */
export function readDate(text: string | undefined): string | undefined {
  const match = text ? DATE.exec(text) : null
  return match ? isoDate(match) : undefined
}
