/**
 * Region and enterprise names in an article, matched to the documents the CMS already has: full names, short
 * names (博世汽车 ↔ 博世汽车部件(苏州)有限公司), names without their 省/市/区/县/镇 suffix (柳市 ↔ 柳市镇), and
 * across traditional and simplified characters (matching reads the simplified copy). Names the CMS does not
 * know are proposed; a name one character away from a known one is flagged as a likely typo instead.
 */
import { distance } from 'fastest-levenshtein'

import type { RegionLevel } from '../../../content-schema/enums'
import { matchingText } from './chinese'

export type KnownRegion = { id: string; name: string; level?: string | null; parent?: string | null }
export type KnownEnterprise = { id: string; name: string; shortName?: string | null; region?: string | null }

export type Mention = {
  kind: 'region' | 'enterprise'
  /** Position in the paragraph (the same in the page's text and in its matching copy). */
  start: number
  end: number
  /** The known document, or undefined for a name the CMS does not have yet (a proposal). */
  id?: string
  /** The document's full name; for a proposal, the name as found (simplified). */
  name: string
  /** One of several names listed together (正泰、德力西、人民等8家企业): not the subject of a figure. */
  listed: boolean
}

/** 全市, 本区, 园区, 镇总工会 …: a place named by its level only, resolved against the article's own places. */
export type GenericMention = {
  start: number
  end: number
  text: string
  suffix: string
  /** 镇总工会, 区总工会: the union of that level, which names its place outright. */
  union: boolean
}

/** A name one character away from a known one: 疑似错字. */
export type NearMiss = {
  kind: 'region' | 'enterprise'
  written: string
  /** The known name's form it is one character away from (太平洋精锻 for 大平洋精锻). */
  likely: string
  /** The known document's full name. */
  known: string
  start: number
}

const REGION_SUFFIX = /(?:省|市|区|县|镇|乡|街道)$/
const LEGAL_SUFFIX = /(?:股份有限公司|有限责任公司|集团有限公司|有限公司|集团公司)$/
/** Characters that end the words before a company name (在 黄华集团…, 与 德力西…). */
const NAME_BOUNDARY =
  /[在由与和及对向为是被将把从到于据让给跟经该各其这那每共等的了、，。；：“”‘’《》！？,.;:!?\s]/
const GENERIC_STEMS = new Set(
  '该 本 子 分 母 总 全 各 其 这家 一家 两家 多家 我 贵 此 上述 相关 有关 科技 物流 快递 外卖 电商 网络 建筑 投资 贸易 服务 运输 电力 能源 制造 工程 信息 技术 电子 文化 传媒 医药 化工 汽车 机械 电器 设备 企业 国有 民营 外资 合资 股份 控股 集团'.split(
    ' ',
  ),
)
const GENERIC_PLACES =
  /(?:全|本|该|我|各)(省|市|区|县|镇)|(?:市|区|县|镇)里|园区|开发区|高新区|(?<=^|[^\u4e00-\u9fff]|[由在和与及经向对为据])(市|区|县|镇)(?=总工会)/g
/** 在全市率先, 列全市第一: the place is what it is compared with, not what the figure counts. */
const RANKING = /^(?:率先|首|第一|唯一|前列|领先|之最)/
/** Verbs before 公司 (推动公司智能化) that show the word is not part of a company's name. */
const VERB_START =
  /^(?:推动|带动|支持|帮助|引导|鼓励|要求|组织|指导|服务|整合|激励|助力|推进|促进|依托|联合|通过|围绕|成立|建立|设立|加入|进入|走进|深入|参观|考察|调研|慰问|看望|所在|所属|全|本|该|每|各|两|多|一)/
/** Words that follow a place name without being one (周铁镇总工会在镇区…). */
const NOT_A_PLACE = /^(?:总工会|工会|党|政府|人民|委|机关|人大|政协)|工会/
const GENERIC_PLACE_STEMS = new Set('全 本 该 我 各 省 市 区 县 镇 城 新 老 小 大 上 下 一 二 三'.split(' '))

type Form = { text: string; kind: Mention['kind']; id: string; name: string; short: boolean }

export class Gazetteer {
  private readonly forms: Form[]
  private readonly typoForms: Form[]
  readonly regions: Map<string, KnownRegion>
  readonly enterprises: Map<string, KnownEnterprise>

  constructor(regions: KnownRegion[], enterprises: KnownEnterprise[]) {
    this.regions = new Map(regions.map((r) => [r.id, r]))
    this.enterprises = new Map(enterprises.map((e) => [e.id, e]))
    const forms = [...regions.flatMap(regionForms), ...enterprises.flatMap(enterpriseForms)]
    const unique = new Map(forms.map((f) => [`${f.kind}:${f.text}`, f]))
    // Longest first; at equal length an enterprise before a region (苏州 in 博世汽车部件(苏州)有限公司 is not a place).
    this.forms = [...unique.values()].sort(
      (a, b) => b.text.length - a.text.length || Number(a.kind === 'region') - Number(b.kind === 'region'),
    )
    this.typoForms = this.forms.filter(
      (f) => f.text.length >= 4 || (f.kind === 'region' && f.text.length === 3),
    )
  }

  /** Every form a known name is matched by (full names, short names, names without 市/区). */
  formTexts(): string[] {
    return this.forms.map((f) => f.text)
  }

  /** Known names, then names the CMS does not know yet, in one paragraph's matching text. */
  mentions(match: string, article?: string): Mention[] {
    const found: Mention[] = []
    const free = (start: number, end: number) => found.every((m) => end <= m.start || start >= m.end)
    for (const form of this.forms) {
      for (let at = match.indexOf(form.text); at >= 0; at = match.indexOf(form.text, at + 1)) {
        let end = at + form.text.length
        if (form.kind === 'enterprise') end += /^(?:公司|集团)/.exec(match.slice(end))?.[0].length ?? 0
        if (!free(at, end) || (form.short && !standsAlone(match, end) && !opensClause(match, at, form)))
          continue
        found.push({ kind: form.kind, start: at, end, id: form.id, name: form.name, listed: false })
      }
    }
    // A new company's full name often starts with a place (温州明远电器有限公司): the name wins over the place.
    for (const proposal of unknownEnterprises(match)) {
      const inside = (m: Mention) => m.kind === 'region' && m.start >= proposal.start && m.end <= proposal.end
      const others = found.filter((m) => !inside(m))
      const clear = others.every((m) => proposal.end <= m.start || proposal.start >= m.end)
      if (clear && !this.isNearMiss(proposal.name, article))
        found.splice(0, found.length, ...others, proposal)
    }
    for (const proposal of unknownRegions(match, found)) {
      if (free(proposal.start, proposal.end) && !this.isNearMiss(proposal.name, article)) found.push(proposal)
    }
    found.sort((a, b) => a.start - b.start)
    return found.map((m) => ({ ...m, listed: isListed(match, m) }))
  }

  /** 全市, 全区, 园区 … in a paragraph. */
  genericMentions(match: string): GenericMention[] {
    return [...match.matchAll(GENERIC_PLACES)]
      .filter(
        (m) =>
          !RANKING.test(match.slice(m.index + m[0].length)) && !/[在列居]$/.test(match.slice(0, m.index)),
      )
      .map((m) => ({
        start: m.index,
        end: m.index + m[0].length,
        text: m[0],
        suffix: m[1] ?? m[2] ?? (/^(?:园区|开发区|高新区)$/.test(m[0]) ? m[0] : m[0][0]),
        union: m[2] !== undefined,
      }))
  }

  /** Names in the text one character away from a known name (and not themselves known). */
  nearMisses(match: string, mentions: Mention[], article?: string): NearMiss[] {
    const misses: NearMiss[] = []
    const taken = (start: number, end: number) =>
      mentions.some((m) => start < m.end && end > m.start) ||
      misses.some((m) => start < m.start + m.written.length && end > m.start)
    for (const form of this.typoForms) {
      for (const length of [form.text.length - 1, form.text.length, form.text.length + 1]) {
        for (let at = 0; at + length <= match.length; at++) {
          const window = match.slice(at, at + length)
          if (window[0] !== form.text[0] && window.at(-1) !== form.text.at(-1)) continue
          if (distance(window, form.text) !== 1 || this.isKnownForm(window) || taken(at, at + length))
            continue
          if (!plausibleTypo(match, at, window, form) || repeated(window, article)) continue
          misses.push({ kind: form.kind, written: window, likely: form.text, known: form.name, start: at })
        }
      }
    }
    return misses
  }

  private isKnownForm(text: string) {
    return this.forms.some((f) => f.text === text)
  }

  /** A name one character from a known one is a slip, unless the article writes it again and again (常州市). */
  private isNearMiss(name: string, article?: string) {
    if (repeated(name, article)) return false
    return this.typoForms.some(
      (f) => Math.abs(f.text.length - name.length) <= 1 && distance(f.text, name) === 1,
    )
  }
}

function regionForms(region: KnownRegion): Form[] {
  const name = matchingText(region.name)
  const form = (text: string, short = false): Form => ({
    text,
    kind: 'region',
    id: region.id,
    name: region.name,
    short,
  })
  const forms = [form(name)]
  const stem = name.replace(/园区$/, '园').replace(REGION_SUFFIX, '')
  if (stem !== name && stem.length >= 2) forms.push(form(stem))
  return forms
}

function enterpriseForms(enterprise: KnownEnterprise): Form[] {
  const name = matchingText(enterprise.name)
  const form = (text: string): Form => ({
    text,
    kind: 'enterprise',
    id: enterprise.id,
    name: enterprise.name,
    short: text.length <= 2,
  })
  const withoutPlace = name.replace(/\([^)]*\)/g, '')
  const forms = [name, withoutPlace, withoutPlace.replace(LEGAL_SUFFIX, '')]
  if (enterprise.shortName) forms.push(matchingText(enterprise.shortName))
  return [...new Set(forms)].filter((f) => f.length >= 2).map(form)
}

/** A slip appears once; a name written several times is meant. */
const repeated = (name: string, article?: string) =>
  article !== undefined && article.split(name).length - 1 >= 2

/** Short names that are also everyday words: only ever names when they stand alone. */
const COMMON_WORDS = new Set(['人民', '远望', '贝壳'])

/** 正泰投入…: a short name opening a sentence or clause is its subject. */
const opensClause = (match: string, at: number, form: Form) =>
  form.kind === 'enterprise' &&
  !COMMON_WORDS.has(form.text) &&
  (at === 0 || /[。；;，,！？]/.test(match[at - 1]))

/** A short name (正泰, 人民) counts only as a word of its own: 人民、 or 人民公司, not 人民政府. */
const standsAlone = (match: string, end: number) =>
  end >= match.length ||
  !/[\u4e00-\u9fff]/.test(match[end]) ||
  /^(?:等|和|及|与|公司|集团)/.test(match.slice(end))

const isListed = (match: string, m: { start: number; end: number }) =>
  /^(?:、|和|及|与|等)/.test(match.slice(m.end)) || match[m.start - 1] === '、'

/** Time words that often come right before a name: 近日城关镇总工会 is 城关镇. */
const LEADING_WORDS =
  /^(?:近日|日前|目前|近期|今年|去年|此外|同时|其中|随后|当天|近年来|据悉|另外|此前|如今|包括)/

/** Moves `start` past function words and punctuation that end the text before a name starting at or after it. */
function trimLeadingWords(match: string, start: number, nameEnd: number): number {
  const before = [...match.slice(start, nameEnd)]
  const cut = before.findLastIndex((c) => NAME_BOUNDARY.test(c))
  let at = cut >= 0 ? start + cut + 1 : start
  const leading = LEADING_WORDS.exec(match.slice(at, nameEnd))
  if (leading) at += leading[0].length
  return at
}

/** 黄华集团 as a typo of 黄华集团 needs nothing more; a three-character place (柳布镇) must look like a place. */
function plausibleTypo(match: string, at: number, window: string, form: Form) {
  if (form.kind === 'region' && window.at(-1) !== form.text.at(-1)) return false
  if (form.text.length > 3) return true
  const after = match.slice(at + window.length)
  return (
    /^(?:总工会|党委|政府|人民政府)/.test(after) || REGION_SUFFIX.test(match.slice(Math.max(0, at - 4), at))
  )
}

/** 温州明远电器有限公司 and the like: a legal suffix with a name before it. */
function unknownEnterprises(match: string): Mention[] {
  const found: Mention[] = []
  for (const m of match.matchAll(
    /(?:集团)?(?:股份有限公司|有限责任公司|有限公司|公司)|集团|股份(?!制|合作)/g,
  )) {
    if (found.some((f) => m.index < f.end)) continue
    const end = m.index + m[0].length
    let start = m.index
    while (start > 0 && m.index - start < 24 && /[\u4e00-\u9fffA-Za-z0-9()]/.test(match[start - 1])) start--
    start = trimLeadingWords(match, start, m.index)
    const name = match.slice(start, end)
    const stem = name.slice(0, -m[0].length).replace(/\([^)]*\)/g, '')
    if (stem.length < 2 || GENERIC_STEMS.has(stem) || VERB_START.test(stem)) continue
    if (m[0] === '公司' || m[0] === '集团' || m[0] === '股份') {
      // A bare 公司/集团 after a generic word (科技公司, 物流集团) names no one in particular.
      if ([...GENERIC_STEMS].some((g) => stem.endsWith(g) && stem.length - g.length < 2)) continue
    }
    found.push({ kind: 'enterprise', start, end, name, listed: false })
  }
  return found
}

/** 某某镇总工会, or a place right after a known one (宜兴市周铁镇): a place the CMS does not have yet. */
export function unknownRegions(match: string, known: Mention[]): Mention[] {
  const found: Mention[] = []
  // Right after a known place (江阴市新桥镇) a name may start with 新, 大, 上 …; before 总工会 it must not.
  const propose = (start: number, end: number, afterPlace = false) => {
    const name = match.slice(start, end)
    const stem = name.replace(REGION_SUFFIX, '')
    if (stem.length < 2 || stem.length > 6 || (!afterPlace && GENERIC_PLACE_STEMS.has(stem[0]))) return
    if (/^(?:开发|高新|园)$/.test(stem)) return
    if ([...stem].some((c) => NAME_BOUNDARY.test(c)) || NOT_A_PLACE.test(stem)) return
    found.push({ kind: 'region', start, end, name, listed: false })
  }
  for (const m of match.matchAll(/([\u4e00-\u9fff]{2,6}?(?:省|市|区|县|镇|乡|街道))总工会/g)) {
    propose(trimLeadingWords(match, m.index, m.index + m[1].length - 1), m.index + m[1].length)
  }
  for (const region of known.filter((k) => k.kind === 'region')) {
    // 扬州经济技术开发区, 苏州高新区: a park named after its city, with or without the city's 市.
    const park =
      /^([\u4e00-\u9fff]{0,8}?(?:经济技术开发区|经济开发区|开发区|高新技术产业开发区|高新区|工业园区))/.exec(
        match.slice(region.end),
      )
    if (park) {
      const stem = region.name.replace(/(?:省|市|区|县)$/, '')
      const own = match.slice(region.start, region.end) === stem
      found.push({
        kind: 'region',
        start: own ? region.start : region.end,
        end: region.end + park[1].length,
        name: (own ? stem : '') + park[1],
        listed: false,
      })
      continue
    }
    const next = /^([\u4e00-\u9fff]{2,4}?(?:市|区|县|镇|乡|街道))/.exec(match.slice(region.end))
    if (next) propose(region.end, region.end + next[1].length, true)
  }
  return found
}

/** The level a new place's name suggests: 镇 a town, 区/县 a county-level unit, 园区 a park. */
export function levelFromName(name: string): RegionLevel {
  if (/园区$|开发区$|高新区$/.test(name)) return 'park'
  if (/省$/.test(name)) return 'province'
  if (/(?:镇|乡|街道)$/.test(name)) return 'town'
  if (/(?:区|县)$/.test(name)) return 'county'
  return 'city'
}
