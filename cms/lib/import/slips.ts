/**
 * OCR slips: one character read as a look-alike (区↔匹, 己↔已, 末↔未, 士↔土, 汇↔江, 人↔入, 大↔太, 微↔徽,
 * 淮↔准, 千↔干) in a place name or a domain term. A slip usually appears once, while the right form appears
 * elsewhere in the same text, in the catalogue or in the glossary below; such a word is flagged, naming both
 * forms, and matching reads the likely form. Every correction swaps one character for one, so positions in
 * the text stay where they were.
 */

/** Characters OCR confuses, both ways. */
const LOOKALIKES: Record<string, string> = {
  区: '匹',
  匹: '区',
  己: '已',
  已: '己',
  末: '未',
  未: '末',
  士: '土',
  土: '士',
  汇: '江',
  江: '汇',
  入: '人',
  人: '入',
  太: '大',
  大: '太',
  徽: '微',
  微: '徽',
  准: '淮',
  淮: '准',
  干: '千',
  千: '干',
}

/** The member of each pair OCR produces more often than the text means it (北仑匹 for 北仑区). */
const RARER = new Set(['匹', '己', '汇', '土'])

/** Domain terms and the words around figures that OCR most often gets wrong. */
export const GLOSSARY = [
  '开发区',
  '高新区',
  '工业区',
  '园区',
  '社区',
  '辖区',
  '城区',
  '镇区',
  '博士',
  '博士后',
  '硕士',
  '院士',
  '护士',
  '年末',
  '月末',
  '年底',
  '已建成',
  '已有',
  '已达',
  '已累计',
  '已完成',
  '已覆盖',
  '已开展',
  '浙江',
  '江苏',
  '江西',
  '汇报',
  '汇编',
  '汇聚',
  '技能人才',
]

export type Slip = { paragraph: number; start: number; written: string; likely: string }

/**
 * Likely slips in an article's texts (matching copies; the title may be one of them): a word of 2 to 8
 * characters with one look-alike character that is not itself a known form, where swapping that character
 * gives a known form (catalogue, glossary) or a word of 3 or more characters found elsewhere in the text.
 */
export function findSlips(texts: string[], knownForms: Iterable<string>): Slip[] {
  const catalogue = new Set([...knownForms].filter((f) => f.length >= 2))
  const known = new Set([...catalogue, ...GLOSSARY])
  const whole = texts.join('\n')
  const slips: Slip[] = []
  texts.forEach((text, paragraph) => {
    for (let i = 0; i < text.length; i++) {
      const swap = LOOKALIKES[text[i]]
      if (!swap || coveredByKnown(text, i, known)) continue
      let best: (Slip & { rank: number }) | undefined
      for (let from = Math.max(0, i - 7); from <= i; from++) {
        for (let to = i + 1; to <= Math.min(text.length, from + 8); to++) {
          if (to - from < 2) continue
          const written = text.slice(from, to)
          if (!/^[\u4e00-\u9fff]+$/.test(written) || known.has(written)) continue
          const likely = written.slice(0, i - from) + swap + written.slice(i - from + 1)
          // Against a word of the text: the slip is the rarer form, or the rarer character when both appear once.
          const [seen, meant] = [count(whole, written), count(whole, likely)]
          const inText =
            likely.length >= 3 && seen === 1 && meant >= 1 && (meant > seen || RARER.has(text[i]))
          // A name in the catalogue counts before a glossary term, and that before a word of the text.
          const rank = catalogue.has(likely) ? 2 : known.has(likely) ? 1 : inText ? 0 : -1
          if (rank < 0) continue
          if (!best || rank > best.rank || (rank === best.rank && written.length > best.written.length))
            best = { paragraph, start: from, written, likely, rank }
        }
      }
      // 江报会 rather than 江报: a known short form is named with the word of the text it stands in.
      if (best && best.rank > 0) {
        const core = best
        for (let from = Math.max(0, i - 5); from <= core.start; from++) {
          for (let to = core.start + core.written.length; to <= Math.min(text.length, from + 6); to++) {
            const written = text.slice(from, to)
            if (written.length <= best.written.length || !/^[\u4e00-\u9fff]+$/.test(written)) continue
            const likely = written.slice(0, i - from) + swap + written.slice(i - from + 1)
            if (count(whole, written) === 1 && whole.includes(likely))
              best = { ...best, start: from, written, likely }
          }
        }
      }
      // 己 stands for itself after 自, 知, 异, 利, 克, 舍; elsewhere before a verb it is a slip for 已 (己组织).
      if (text[i] === '己') {
        const self = /[自知异利克舍]/.test(text[i - 1] ?? '')
        const next = text[i + 1] ?? ''
        best =
          self || !/[\u4e00-\u9fff]/.test(next)
            ? undefined
            : (best ?? {
                paragraph,
                start: i,
                // The word it opens, up to two characters on: 己组织 → 已组织.
                written: `己${/^[\u4e00-\u9fff]{1,2}/.exec(text.slice(i + 1))![0]}`,
                likely: `已${/^[\u4e00-\u9fff]{1,2}/.exec(text.slice(i + 1))![0]}`,
                rank: 0,
              })
      }
      if (best && !slips.some((s) => s.paragraph === paragraph && overlaps(s, best!))) {
        const { rank: _rank, ...slip } = best
        slips.push(slip)
      }
    }
  })
  return slips
}

/** The text with each slip's likely form in its place (same length). */
export function correctSlips(text: string, slips: Slip[]): string {
  let corrected = text
  for (const slip of slips) {
    corrected =
      corrected.slice(0, slip.start) + slip.likely + corrected.slice(slip.start + slip.likely.length)
  }
  return corrected
}

/** The character stands in a known word (锡山区, 园区): it is what it should be. */
function coveredByKnown(text: string, i: number, known: Set<string>) {
  for (let from = Math.max(0, i - 11); from <= i; from++)
    for (let to = i + 1; to <= Math.min(text.length, from + 12); to++)
      if (to - from >= 2 && known.has(text.slice(from, to))) return true
  return false
}

const count = (text: string, word: string) => text.split(word).length - 1

const overlaps = (a: Slip, b: Slip) =>
  a.start < b.start + b.written.length && b.start < a.start + a.written.length
