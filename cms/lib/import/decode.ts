/**
 * Bytes of a saved page → text. Pages saved from older Chinese sites are often GBK or GB2312, sometimes Big5;
 * the order of evidence is: a byte-order mark, valid UTF-8, the charset the page declares, then detection.
 */
import chardet from 'chardet'
import iconv from 'iconv-lite'

import { ImportError } from './errors'

export type DecodedPage = {
  text: string
  /** The encoding the bytes were read with, e.g. UTF-8, GB18030, Big5. */
  encoding: string
  /** What decided it. */
  decidedBy: 'bom' | 'utf-8' | 'declared' | 'detected' | 'fallback'
}

const BOMS = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'UTF-8' },
  { bytes: [0xff, 0xfe], encoding: 'UTF-16LE' },
  { bytes: [0xfe, 0xff], encoding: 'UTF-16BE' },
] as const

/** Files that are not web pages or text, by their first bytes, and what to tell the editor. */
const NOT_TEXT = [
  { magic: '%PDF', what: 'PDF 文件' },
  { magic: 'PK\u0003\u0004', what: 'Word/Excel 或压缩文件' },
  { magic: '\u00d0\u00cf\u0011\u00e0', what: '旧版 Word/Excel 文件' },
  { magic: '\u0089PNG', what: '图片' },
  { magic: '\u00ff\u00d8\u00ff', what: '图片' },
  { magic: 'GIF8', what: '图片' },
] as const

/**
 * One name per encoding, whatever the page declared it as: GB2312 and GBK are subsets of GB18030 (reading all
 * three as GB18030 loses nothing); big5, x-big5 and cp950 are Big5 (iconv-lite reads Big5 as cp950).
 */
const canonicalEncoding = (name: string) =>
  /^(gb2312|gbk|gb_2312-80|x-gbk|cp936|euc-cn|gb18030)$/i.test(name)
    ? 'GB18030'
    : /^(big5|x-big5|cp950|csbig5)$/i.test(name)
      ? 'Big5'
      : name

export function decodePage(bytes: Uint8Array): DecodedPage {
  refuseNonText(bytes)
  const bom = BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte))
  if (bom) return read(bytes.subarray(bom.bytes.length), bom.encoding, 'bom')
  const utf8 = strictUtf8(bytes)
  if (utf8 !== undefined) return { text: utf8, encoding: 'UTF-8', decidedBy: 'utf-8' }
  const declared = declaredCharset(bytes)
  if (declared) return read(bytes, declared, 'declared')
  const detected = chardet.detect(bytes)
  if (detected && iconv.encodingExists(detected)) return read(bytes, detected, 'detected')
  return read(bytes, 'GB18030', 'fallback')
}

function read(bytes: Uint8Array, encoding: string, decidedBy: DecodedPage['decidedBy']): DecodedPage {
  const name = canonicalEncoding(encoding)
  return { text: iconv.decode(bytes, name), encoding: name, decidedBy }
}

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
}

/** <meta charset="gb2312">, <meta http-equiv="Content-Type" content="text/html; charset=gbk">, <?xml encoding>. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1')
  const name =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1] ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head)?.[1]
  return name && iconv.encodingExists(canonicalEncoding(name)) ? name : undefined
}

function refuseNonText(bytes: Uint8Array) {
  const start = Buffer.from(bytes.subarray(0, 8)).toString('latin1')
  const known = NOT_TEXT.find((k) => start.startsWith(k.magic))
  if (known) {
    throw new ImportError(
      `这是${known.what}，不是网页或文本：请在浏览器中把报道另存为网页（.html）或文本（.txt）后再导入`,
    )
  }
  const sample = bytes.subarray(0, 4096)
  const zeros = sample.filter((b) => b === 0).length
  const utf16 = sample[0] === 0xff || sample[0] === 0xfe
  if (!utf16 && zeros > sample.length / 20) {
    throw new ImportError(
      '这个文件不是网页或文本（含有大量二进制内容），无法读取：请另存为网页或文本后再导入',
    )
  }
}
