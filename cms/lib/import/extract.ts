/**
 * A decoded page → the article (or, for a digest of short news items, the articles) it carries: the text only,
 * without navigation, forum chrome, footers or spam, with title, date, 来源, byline, photographers, 编辑 and
 * original address where the page shows them.
 */
import type { Byline, LineMeta } from './byline'
import { readDate } from './byline'
import { closeGaps, hanCount, isTraditional } from './chinese'
import { ImportError } from './errors'
import { findFigures } from './figures'
import { readPageText, type PageHints } from './html'
import { classifyLine, type Line, TABLE_UNIT } from './lines'

export type ExtractedArticle = {
  title: string
  /** True when the page had no headline for this article and the title was made from its first sentence. */
  titleGuessed: boolean
  /** ISO date (2023-07-28) or date and time with the Beijing offset. */
  publishedAt?: string
  source?: string
  authors: Byline[]
  photographers: string[]
  editor?: string
  originalUrl?: string
  /** The article text as the page has it (traditional characters stay traditional), one string per paragraph. */
  paragraphs: string[]
}

export type ExtractedPage = { articles: ExtractedArticle[]; digest: boolean; traditional: boolean }

/** Lines that interrupt the article: between two runs of text, this many of them still count as one article. */
const MAX_GAP = 2
/** Below this much text (Chinese characters in sentences) a page is not taken for an article… */
const MIN_ARTICLE_HAN = 60
/** …unless its sentences report figures (正泰一季度新增高级工320人、技师45人。): then this much will do. */
const MIN_REPORT_HAN = 12
/** Metadata lines are looked for this far before and after the article text. */
const META_BEFORE = 25
const META_AFTER = 12

export function extractArticles(text: string): ExtractedPage {
  if (!text.replace(/<[^>]*>/g, '').trim())
    throw new ImportError('文件是空的：没有可导入的内容，未导入任何内容')
  const page = readPageText(text)
  const lines = page.lines.map(classifyLine)
  const block = articleBlock(lines)
  const meta = pageMeta(lines, block, page.hints)
  const title = pageTitle(lines, block, page.hints)
  const items = splitItems(lines.slice(block.start, block.end + 1))
  const offices = meta.authors?.length ? [] : officeBylines(lines, block)
  // In a digest the first item's own headline stands right before its text; the page's is the digest's name.
  const firstHeadline = items.length > 1 ? headlineBefore(lines, block.start) : undefined
  const articles = items.map((item, index): ExtractedArticle => {
    const headline = index > 0 ? item.lines[0] : undefined
    const paragraphs = joinBrokenLines(item.lines.filter((l) => l !== headline)).map(closeGaps)
    const ownTitle = headline?.text ?? (index === 0 ? (firstHeadline ?? title) : undefined)
    return {
      title: ownTitle ?? firstSentence(paragraphs[0] ?? ''),
      titleGuessed: !ownTitle,
      publishedAt: meta.publishedAt,
      source: meta.source,
      authors: uniqueBylines([
        ...(index === 0 ? [...(meta.authors ?? []), ...offices] : []),
        ...item.authors,
      ]),
      photographers: [
        ...new Set([...(index === 0 ? (meta.photographers ?? []) : []), ...item.photographers]),
      ],
      editor: meta.editor,
      originalUrl: meta.originalUrl,
      paragraphs,
    }
  })
  return {
    articles,
    digest: articles.length > 1,
    traditional: isTraditional(lines.map((l) => l.text).join('')),
  }
}

type Block = { start: number; end: number }

/** The headline just before line `at`, blank lines aside. */
function headlineBefore(lines: Line[], at: number): string | undefined {
  let i = at - 1
  while (i >= 0 && !lines[i].text.trim()) i--
  return lines[i]?.kind === 'headline' ? lines[i].text.trim() : undefined
}

/** 常州市产业工人队伍建设改革联席会议办公室, 吴江区总工会（供稿）: an office, on a line of its own, signing a report. */
const OFFICE =
  /^([\u4e00-\u9fff()（）]{2,36}(?:办公室|总工会|工会|工会委员会|委员会|联席会议|协会|联合会|局|厅|中心))\s*(?:供稿|报送|提供)?$/

/**
 * Reports sent in by an office are signed by it, on a line of its own right before the text or right after
 * it: with no person named, the office is the byline.
 */
function officeBylines(lines: Line[], block: Block): Byline[] {
  const near = [
    ...lines.slice(Math.max(0, block.start - 3), block.start),
    ...lines.slice(block.end + 1, block.end + 4),
  ]
  const offices = near
    .filter((l) => (l.kind === 'headline' || l.kind === 'short') && OFFICE.test(l.match.trim()))
    .map((l) => l.text.trim().slice(0, OFFICE.exec(l.match.trim())![1].length))
  return [...new Set(offices)].map((name) => ({ name, role: 'author' as const }))
}

/**
 * The article is the longest run of text lines, joined with neighbouring runs that are only a line or two
 * of chrome away; it starts at its first sentence and ends at its last sentence or byline.
 */
function articleBlock(lines: Line[]): Block {
  const breaks = (l: Line) => l.kind === 'chrome' || l.kind === 'spam' || l.kind === 'meta'
  const runs: (Block & { han: number })[] = []
  lines.forEach((line, i) => {
    if (breaks(line)) return
    const last = runs.at(-1)
    if (last && last.end === i - 1) last.end = i
    else runs.push({ start: i, end: i, han: 0 })
    if (line.kind === 'body') runs.at(-1)!.han += hanCount(line.match)
    // A row of a figures table says as much as a short sentence.
    if (line.kind === 'table') runs.at(-1)!.han += hanCount(line.cells![0]) + 4 * (line.cells!.length - 1)
  })
  const best = runs.reduce<(typeof runs)[number] | undefined>(
    (a, b) => (!a || b.han > a.han ? b : a),
    undefined,
  )
  const text = best ? lines.slice(best.start, best.end + 1) : []
  const sentences = text.reduce(
    (n, l) => n + (l.kind === 'body' ? countSentences(l.match) : l.kind === 'table' ? 1 : 0),
    0,
  )
  // A short report is still a report when what it says is figures: judged by content, not length.
  const long = best && best.han >= MIN_ARTICLE_HAN && sentences >= 2
  const short = best && best.han >= MIN_REPORT_HAN && sentences >= 1 && carriesFigures(text)
  if (!long && !short) {
    throw new ImportError(
      '没有找到文章正文：这个页面看起来不是一篇报道（可能是登录页、导航页或列表页），未导入任何内容。请打开报道本身的页面再保存',
    )
  }
  let { start, end } = best!
  const index = runs.indexOf(best!)
  for (let i = index - 1; i >= 0 && start - runs[i].end - 1 <= MAX_GAP && runs[i].han >= 40; i--)
    start = runs[i].start
  for (let i = index + 1; i < runs.length && runs[i].start - end - 1 <= MAX_GAP && runs[i].han >= 40; i++)
    end = runs[i].end
  while (lines[start].kind !== 'body') start++
  while (!['body', 'byline'].includes(lines[end].kind)) end--
  return { start, end }
}

/** Metadata before the article (nearest first) counts before metadata after it. */
const distance = (i: number, block: Block) =>
  i < block.start ? block.start - i : i > block.end ? 1000 + i : 0

const countSentences = (match: string) => (match.match(/[。!?]+/g) ?? []).length

/** Sentences that report at least two figures, or a table: what a login or list page never has. */
function carriesFigures(lines: Line[]): boolean {
  if (lines.some((l) => l.kind === 'table')) return true
  const body = lines
    .filter((l) => l.kind === 'body')
    .map((l) => ({ text: closeGaps(l.text), match: closeGaps(l.match) }))
  return findFigures(body).length >= 2
}

function pageMeta(lines: Line[], block: Block, hints: PageHints): LineMeta {
  const near = lines
    .map((line, i) => ({ line, i }))
    .filter(
      ({ line, i }) => line.kind === 'meta' && i >= block.start - META_BEFORE && i <= block.end + META_AFTER,
    )
    .sort((a, b) => distance(a.i, block) - distance(b.i, block))
    .map(({ line }) => line.meta!)
  const first = <K extends keyof LineMeta>(key: K) => near.find((m) => m[key])?.[key]
  const credits = lines
    .slice(Math.max(0, block.start - META_BEFORE), block.start)
    .flatMap((l) => l.photographers ?? [])
  return {
    publishedAt: first('publishedAt') ?? readDate(hints.publishedAt),
    source: first('source') ?? hints.source,
    editor: first('editor'),
    authors: near.flatMap((m) => m.authors ?? []),
    photographers: [...credits, ...near.flatMap((m) => m.photographers ?? [])],
    originalUrl:
      first('originalUrl') ?? (hints.originalUrl?.match(/^https?:\/\//) ? hints.originalUrl : undefined),
  }
}

/**
 * The page's own headline: the HTML <h1> that the document title repeats, else the document title without the
 * site's name; for text pages, the longest headline-like line before the article text.
 */
function pageTitle(lines: Line[], block: Block, hints: PageHints): string | undefined {
  const documentTitle = hints.documentTitle
    ?.split(/\s*[_|｜]\s*|\s+[-—–]+\s+/)
    .reduce((a, b) => (hanCount(b) > hanCount(a) ? b : a), '')
  const headings = hints.headings.filter((h) => hanCount(h) >= 4)
  const heading =
    headings.find((h) => documentTitle && (documentTitle.includes(h) || h.includes(documentTitle))) ??
    headings.reduce<string | undefined>((a, b) => (!a || hanCount(b) > hanCount(a) ? b : a), undefined)
  if (heading) return heading
  const headlines = lines.slice(0, block.start).filter((l) => l.kind === 'headline')
  const longest = headlines.reduce<Line | undefined>(
    (a, b) => (!a || hanCount(b.match) > hanCount(a.match) ? b : a),
    undefined,
  )
  return longest?.text ?? (documentTitle && hanCount(documentTitle) >= 4 ? documentTitle : undefined)
}

type Item = { lines: Line[]; authors: Byline[]; photographers: string[] }

/**
 * A digest closes each item with a byline in brackets, and starts the next with a short headline.
 * A page with one byline, or whose text after a byline does not start with a headline, is one article.
 */
function splitItems(block: Line[]): Item[] {
  const items: Item[] = []
  let current: Item = { lines: [], authors: [], photographers: [] }
  for (const line of block) {
    if (line.kind === 'credit') current.photographers.push(...(line.photographers ?? []))
    else if (line.kind !== 'byline') current.lines.push(line)
    if (line.authors) {
      current.authors.push(...line.authors)
      items.push(current)
      current = { lines: [], authors: [], photographers: [] }
    }
  }
  if (current.lines.length || current.photographers.length) items.push(current)
  const merged: Item[] = []
  for (const item of items) {
    const previous = merged.at(-1)
    const bodyHan = item.lines.filter((l) => l.kind === 'body').reduce((n, l) => n + hanCount(l.match), 0)
    // A headline, then text closed by its own byline: an item, however short (正泰：… 320人。（乐清市总工会）).
    const startsItem =
      item.lines[0]?.kind === 'headline' && (bodyHan >= 40 || (bodyHan >= 10 && item.authors.length > 0))
    if (previous && !startsItem) {
      previous.lines.push(...item.lines)
      previous.authors.push(...item.authors)
      previous.photographers.push(...item.photographers)
    } else merged.push(item)
  }
  return merged
}

/**
 * Scraped text often breaks a paragraph in mid-sentence ("…为无锡当好全省高质量" / "发展领跑者提供…。"):
 * a long line that stops without closing punctuation is joined with the text line after it.
 */
function joinBrokenLines(lines: Line[]): string[] {
  const paragraphs: string[] = []
  let previous: Line | undefined
  let header: string[] | undefined
  for (const line of lines) {
    if (line.kind === 'table') {
      const [label, ...rest] = line.cells!
      // 指标 单位 2022年 2023年: the unit column moves into the label, 新增高技能人才（人）.
      const unit = TABLE_UNIT.test(rest[0]) && rest.length > 1 ? rest.shift() : undefined
      const cells = unit && unit !== '单位' ? [`${label}（${unit}）`, ...rest] : [label, ...rest]
      const years = cells.slice(1)
      const isHeader = (c: string) => /^(?:19|20)\d{2}年$/.test(c) || (!header && /^(?:19|20)\d{2}$/.test(c))
      if (years.every(isHeader)) header = years
      else paragraphs.push(tableRow(cells, header))
      previous = undefined
      continue
    }
    header = undefined
    // A line of text (or a long headline-like line with commas) that stops in mid-sentence.
    const broken =
      (previous?.kind === 'body' ||
        (previous?.kind === 'headline' &&
          hanCount(previous.match) >= 20 &&
          /[，,、]/.test(previous.match))) &&
      !/[。!?”’」』)）…:：;；]$/.test(previous.match) &&
      line.kind === 'body' &&
      // …培训职工 / 1.2万人次…: the line may go on with a figure, but not with a list number (1. 2、).
      (/^[\u4e00-\u9fff]/.test(line.match) || /^\d+(?!\d*[.、．)）]\D)/.test(line.match))
    if (broken) {
      paragraphs[paragraphs.length - 1] += line.text
      previous = { ...line, match: previous!.match + line.match }
    } else {
      paragraphs.push(line.text)
      previous = line
    }
  }
  return paragraphs
}

/**
 * A row of a table as a sentence the figure reader can read: 职业技能等级认定（人） 3120 4065 under the header
 * 项目 2022年 2023年 → 职业技能等级认定：2022年3120人，2023年4065人。
 */
function tableRow([label, ...values]: string[], header?: string[]): string {
  const unit = /[(（]([^()（）]{1,3})[)）]$/.exec(label)
  const name = unit ? label.slice(0, unit.index) : label
  const cells = values.map((value, i) => {
    const year = header?.[i]
    const ownUnit = /[^\d.,万亿]$/.test(value)
    return `${year ? `${year.replace(/年?$/, '年')}` : ''}${value}${unit && !ownUnit ? unit[1] : ''}`
  })
  return `${name}：${cells.join('，')}。`
}

const firstSentence = (paragraph: string) => {
  const sentence = paragraph.split(/[。！？!?]/)[0]
  return sentence.length > 30 ? `${sentence.slice(0, 30)}…` : sentence
}

function uniqueBylines(bylines: Byline[]): Byline[] {
  const seen = new Set<string>()
  return bylines.filter((b) => !seen.has(b.name) && seen.add(b.name))
}
