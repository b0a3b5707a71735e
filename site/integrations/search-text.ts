/**
 * What Pagefind reads of a page. Pagefind ends every block (a heading, a list item, a paragraph) that has no
 * closing punctuation with a Western full stop, so excerpts read “技能提升投入资金. 正文…”. Before a page is
 * indexed, such blocks get a Chinese full stop instead; the published page is unchanged. (Pagefind has no
 * option for the stop it adds: pagefind/pagefind, fossick's sentence handling.)
 */
const BLOCKS = 'h[1-6]|p|li|dt|dd|td|th|figcaption|caption|blockquote'
const INLINE = 'a|span|strong|em|b|i|q|time|code|mark|small|sup|sub|button|abbr|cite'

/** The last character of a block's text, the inline closing tags after it, and the block's closing tag. */
const BLOCK_END = new RegExp(`([^\\s>])((?:\\s*</(?:${INLINE})>)*\\s*)(</(?:${BLOCKS})>)`, 'g')

/** A block ending in one of these reads as finished (a closing quote or bracket does not: 评选“公司劳模”). */
const CLOSING = /[。！？；：，、….!?;:,]/

export const punctuateBlocks = (html: string) =>
  html.replace(BLOCK_END, (whole, last: string, inline: string, close: string) =>
    CLOSING.test(last) ? whole : `${last}${inline}。${close}`,
  )
