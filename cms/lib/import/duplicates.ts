/**
 * Is a page a report the CMS already has? Yes when an article has the same original address, or the same
 * title (punctuation, its width and spaces aside: 无锡:多部门联动 is 无锡：多部门联动) and nearly the same text
 * (the report saved again from another site, or one page of it). The importer looks the candidates up in the
 * CMS (`titleWords` narrows the search); the corpus scorer passes the seed articles.
 */
import { matchingText } from './chinese'
import type { ExtractedArticle } from './extract'

export type KnownArticle = {
  id: string
  title: string
  status: string
  originalUrl?: string | null
  /** The article's text, paragraphs joined. */
  text: string
}

export type Duplicate = { id: string; title: string; status: string; why: 'url' | 'text' }

/** Letters and digits only, simplified and half-width: the title or text as a reader would compare it. */
const bare = (text: string) => matchingText(text).replace(/[^\p{L}\p{N}]/gu, '')

/** The longest run of Chinese characters in a title: every copy of the title contains it. */
export function titleWords(title: string): string {
  const longest = (title.match(/[\u4e00-\u9fff]+/g) ?? []).reduce((a, b) => (b.length > a.length ? b : a), '')
  return longest || title
}

export function findDuplicate(article: ExtractedArticle, known: KnownArticle[]): Duplicate | undefined {
  const describe = (doc: KnownArticle, why: Duplicate['why']) => ({
    id: doc.id,
    title: doc.title,
    status: doc.status,
    why,
  })
  const sameUrl = article.originalUrl && known.find((doc) => doc.originalUrl === article.originalUrl)
  if (sameUrl) return describe(sameUrl, 'url')
  const title = bare(article.title)
  const text = article.paragraphs.join('')
  const same = known.find((doc) => bare(doc.title) === title && sameText(text, doc.text))
  return same && describe(same, 'text')
}

/** Nearly all of the page's text (its character pairs, punctuation and spaces aside) is in the article's. */
function sameText(page: string, existing: string): boolean {
  const pairs = (text: string) => {
    const clean = bare(text)
    return Array.from({ length: Math.max(0, clean.length - 1) }, (_, i) => clean.slice(i, i + 2))
  }
  const known = new Set(pairs(existing))
  const mine = pairs(page)
  if (mine.length === 0) return false
  return mine.filter((p) => known.has(p)).length / mine.length >= 0.9
}
