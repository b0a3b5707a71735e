/**
 * A saved page → its lines of text, plus what the HTML itself says about the article (title, date, address).
 * Markup that is never article text (scripts, navigation, footers, forms, share bars) is dropped here; what
 * remains is classified line by line in lines.ts. Plain-text pages, and text with a few stray tags (as
 * scraped pages often are), go through the same path as text.
 */
import { parse, type HTMLElement } from 'node-html-parser'

export type PageHints = {
  /** <title>, og:title or ArticleTitle, as the page gives it (usually with the site's name attached). */
  documentTitle?: string
  /** The page's <h1> headings, in order. */
  headings: string[]
  publishedAt?: string
  author?: string
  source?: string
  originalUrl?: string
}

export type PageText = { lines: string[]; hints: PageHints; isHtml: boolean }

/** Block-level markup: its presence means the page is HTML rather than text with stray tags. */
const HTML_MARKUP = /<(?:html|body|p|div|br|h[1-6]|article|section|td|li)[\s>/]/i

const NEVER_TEXT = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'svg',
  'canvas',
  'nav',
  'aside',
  'footer',
  'form',
  'button',
  'select',
  'input',
  'textarea',
  'label',
].join(',')

/** class or id words that mark navigation, share bars, comment boxes and the like. */
const CHROME_CLASS =
  /(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|sidebar|share|bdshare\w*|comments?|reply|login|copyright|related|recommend|advert|ads|banner|toolbar|pager|pagination)(?:$|[\s_-])/i

export function readPageText(source: string): PageText {
  if (!HTML_MARKUP.test(source)) {
    return { lines: splitLines(parse(source).text), hints: { headings: [] }, isHtml: false }
  }
  const root = parse(source, { comment: false })
  const hints = readHints(root, source)
  for (const element of root.querySelectorAll(NEVER_TEXT)) element.remove()
  for (const element of root.querySelectorAll('header')) {
    if (!element.closest('article') && !element.closest('main')) element.remove()
  }
  for (const element of root.querySelectorAll('[class],[id]')) {
    const words = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`
    if (CHROME_CLASS.test(words)) element.remove()
  }
  const body = root.querySelector('body') ?? root
  return { lines: splitLines(body.structuredText), hints, isHtml: true }
}

function readHints(root: HTMLElement, source: string): PageHints {
  const meta = (...names: string[]) => {
    for (const name of names) {
      const element =
        root.querySelector(`meta[name="${name}"]`) ?? root.querySelector(`meta[property="${name}"]`)
      const content = element?.getAttribute('content')?.trim()
      if (content) return content
    }
    return undefined
  }
  const savedFrom = /<!--\s*saved from url=\(\d+\)(https?:\/\/\S+?)\s*-->/i.exec(source)?.[1]
  return {
    documentTitle:
      meta('ArticleTitle', 'og:title') ?? (root.querySelector('title')?.text.trim() || undefined),
    headings: root
      .querySelectorAll('h1')
      .map((h) => h.text.replace(/\s+/g, ' ').trim())
      .filter(Boolean),
    publishedAt:
      meta('article:published_time', 'PubDate', 'pubdate', 'publishdate', 'publish_date') ??
      root.querySelector('time[datetime]')?.getAttribute('datetime'),
    author: meta('author', 'Author'),
    source: meta('ContentSource', 'source'),
    originalUrl:
      root.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta('og:url') ?? savedFrom,
  }
}

/** Lines with their surrounding blanks (including full-width spaces and &nbsp;) trimmed; empty ones dropped. */
const splitLines = (text: string) =>
  text
    .split(/\r?\n|\r/)
    .map((line) => line.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, ''))
    .filter(Boolean)
