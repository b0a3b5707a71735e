/**
 * What the importer reads, at most. A saved news page is well under a megabyte of text and nests its markup a
 * few dozen levels deep; a page far beyond either is not a report, and reading it would take the server's
 * memory or overflow the HTML parser's stack. Such a page is refused before it is parsed.
 */
import { ImportError } from './errors'

/** Characters of decoded page text. */
export const MAX_PAGE_CHARS = 5_000_000
/** Levels of nested elements. */
export const MAX_PAGE_DEPTH = 400

const VOID = new Set('area base br col embed hr img input link meta param source track wbr'.split(' '))
/** Elements whose end tag pages often leave out: a new one closes the one open before it. */
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option'])

export function checkPageLimits(text: string) {
  if (text.length > MAX_PAGE_CHARS) {
    throw new ImportError(
      `网页太大（约${Math.round(text.length / 10_000) / 100}百万字符）：一篇报道的网页通常不超过${MAX_PAGE_CHARS / 1_000_000}百万字符，` +
        '请只保存报道所在的网页，未导入任何内容',
    )
  }
  const depth = markupDepth(text)
  if (depth > MAX_PAGE_DEPTH) {
    throw new ImportError(
      `网页结构嵌套超过${MAX_PAGE_DEPTH}层，无法读取：这不像一篇保存下来的报道网页，请检查文件，未导入任何内容`,
    )
  }
}

/** How deep the page's elements nest, read from its tags without building the tree. */
export function markupDepth(text: string) {
  const open: string[] = []
  let deepest = 0
  for (const [, closing, rawName, selfClosing] of text.matchAll(/<(\/)?([a-zA-Z][\w:-]*)[^>]*?(\/)?>/g)) {
    const name = rawName!.toLowerCase()
    if (VOID.has(name) || selfClosing) continue
    if (closing) {
      const at = open.lastIndexOf(name)
      if (at >= 0) open.length = at
      continue
    }
    if (SELF_CLOSING_SIBLINGS.has(name) && open.at(-1) === name) open.pop()
    open.push(name)
    if (open.length > deepest) {
      deepest = open.length
      if (deepest > MAX_PAGE_DEPTH) return deepest
    }
  }
  return deepest
}
