import { addDict, OutputFormat, pinyin, segment } from 'pinyin-pro'
import ModernDict from '@pinyin-pro/data/modern'

addDict(ModernDict)

/** What a stored slug may look like: lowercase ASCII words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Administrative suffixes end a word: 江苏省 → jiangsu-sheng, 泰州市姜堰区 → taizhou-shi-jiangyan-qu. */
const ADMIN_SUFFIXES = new Set(['省', '市', '区', '县', '镇', '乡', '村'])

/**
 * Words that end in a suffix but are names of a unit in their own right. Any other dictionary word that ends in
 * a suffix is a mis-segmented place name (锡|山区, 柳|市镇): its suffix is split off and the rest joins the name.
 */
const SUFFIX_WORDS = new Set(['园区', '新区', '开发区', '社区', '城区', '市区', '景区', '厂区', '校区'])

/**
 * The slug rule: toneless pinyin, one hyphen-separated word per dictionary word (ü written v); Latin letters and
 * digits are kept as words of their own. The dictionary does not know most place names, so runs of single
 * characters it leaves alone are joined into one word: 苏州工业园区 → su|zhou|gongye|yuanqu → suzhou-gongye-yuanqu.
 */
export function toSlug(text: string): string {
  const words: string[] = []
  for (const [chunk] of text.normalize('NFKC').matchAll(/[\u4e00-\u9fff]+|[^\u4e00-\u9fff]+/g)) {
    words.push(...(/[\u4e00-\u9fff]/.test(chunk) ? hanziWords(chunk) : latinWords(chunk)))
  }
  return words.join('-').slice(0, 80).replace(/-+$/, '')
}

const latinWords = (chunk: string) =>
  chunk
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)

function hanziWords(chunk: string): string[] {
  const words: string[] = []
  let run = ''
  const endRun = () => {
    if (run) words.push(run)
    run = ''
  }
  for (const { origin, result } of segment(chunk, {
    format: OutputFormat.AllSegment,
    toneType: 'none',
    v: true,
  })) {
    const syllables = result.toLowerCase().replace(/[^a-z]/g, '')
    const suffix = origin.at(-1)!
    if (origin.length > 1 && ADMIN_SUFFIXES.has(suffix) && !SUFFIX_WORDS.has(origin)) {
      run += toneless(origin.slice(0, -1))
      endRun()
      words.push(toneless(suffix))
    } else if (origin.length > 1 || ADMIN_SUFFIXES.has(origin)) {
      endRun()
      words.push(syllables)
    } else {
      run += syllables
    }
  }
  endRun()
  return words
}

const toneless = (hanzi: string) =>
  pinyin(hanzi, { toneType: 'none', v: true, separator: '' }).replace(/[^a-z]/g, '')
