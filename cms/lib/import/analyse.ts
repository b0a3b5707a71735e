/**
 * One extracted article → everything the importer will propose for it, before anything is written: the
 * regions and enterprises it names (known ones linked, unknown ones proposed), likely typos, and a draft
 * figure for every figure in the text with its period, place, indicator and what the editor must check.
 */
import type { Figure } from '../../../content-schema/figures'
import { matchingText } from './chinese'
import type { ExtractedArticle } from './extract'
import { findFigures, type FoundFigure, type Paragraph } from './figures'
import { guessIndicator, type KnownIndicator } from './indicators'
import { type GenericMention, type Gazetteer, type Mention, levelFromName, unknownRegions } from './link'
import { correctSlips, findSlips, type Slip } from './slips'
import { periodOf, type Period } from './period'

export type Catalogue = { gazetteer: Gazetteer; indicators: KnownIndicator[] }

/** A known document (id) or a proposal the import will create as a draft (name only). */
export type PlaceRef = { kind: 'region' | 'enterprise'; id?: string; name: string }

export type Proposal = PlaceRef & {
  /** The name as the page writes it (may be traditional). */
  written: string
  /** For a new region: its level and parent; for a new enterprise: its region. */
  level?: ReturnType<typeof levelFromName>
  parent?: PlaceRef
  note: string
  /** For a new enterprise: the programmes the text says it runs. */
  practices?: Practice[]
  /** The parent is the article's own place by default: the text does not say where the enterprise is. */
  parentGuessed?: boolean
}

/** A programme an enterprise runs (技能等级与薪酬挂钩), with the sentence that says so. */
export type Practice = { name: string; description: string }

export type ProposedMetric = {
  phrase: string
  figureText: string
  figure: Figure
  evidence: string
  period: Period
  region?: PlaceRef
  enterprise?: PlaceRef
  indicator?: KnownIndicator
  /** What the editor must check about the figure itself: its reading, period and place. */
  checks: string[]
  /** The checks, and what the editor must check about its indicator. */
  review: string[]
}

export type ArticleAnalysis = {
  article: ExtractedArticle
  regions: PlaceRef[]
  enterprises: PlaceRef[]
  proposals: Proposal[]
  /** 疑似错字 and other warnings about the article as a whole. */
  flags: string[]
  /** What the editor must fill in or check on the article. */
  notes: string[]
  metrics: ProposedMetric[]
  /** Programmes of enterprises the CMS already has, for the editor to add to them. */
  practices: (Practice & { enterprise: PlaceRef })[]
}

type Scope = {
  region?: PlaceRef
  enterprise?: PlaceRef
  review: string[]
  generic?: boolean
  /** 全省, or 全市 after the 市 its sentence names: the place meant in so many words, not a comparison. */
  explicit?: boolean
}

export function analyseArticle(
  article: ExtractedArticle,
  { gazetteer, indicators }: Catalogue,
): ArticleAnalysis {
  // OCR slips are flagged, and names, figures and periods are matched in their likely form.
  const raw = [article.title, ...article.paragraphs].map(matchingText)
  const slips = findSlips(raw, gazetteer.formTexts())
  const unslipped = raw.map((m, i) =>
    correctSlips(
      m,
      slips.filter((s) => s.paragraph === i),
    ),
  )
  // A name one character from a known one (大平洋精锻) is flagged, and where it swaps one character for one
  // it is read as the known name.
  const misses = nearMissesIn(unslipped, gazetteer, slips)
  const corrected = unslipped.map((m, i) =>
    correctSlips(
      m,
      misses
        .filter((miss) => miss.paragraph === i && miss.written.length === miss.likely.length)
        .map((miss) => ({ ...miss, paragraph: i })),
    ),
  )
  const whole = corrected.join('\n')
  const title = { text: article.title, match: corrected[0] }
  const paragraphs: Paragraph[] = article.paragraphs.map((text, i) => ({ text, match: corrected[i + 1] }))
  const [titleMentions, ...mentions] = placeMentions(corrected, gazetteer, whole)
  const generics = paragraphs.map((p) => gazetteer.genericMentions(p.match))
  const all = [...titleMentions, ...mentions.flat()]
  const primary = primaryRegion([titleMentions, ...mentions])
  const provisional = proposePlaces([title, ...paragraphs], [titleMentions, ...mentions], primary)
  const ancestors = ancestorsOf(primary, gazetteer, provisional)
  // An article about one place (and its parents) needs no review of figures placed there by default.
  const onePlace = all.every(
    (m) => m.kind !== 'region' || m.name === primary?.name || ancestors.has(m.id ?? m.name),
  )

  const texts = [title, ...paragraphs]
  const slipFlag = (written: string, likely: string) => `疑似笔误：“${written}”，是否为“${likely}”？`
  const flags = [
    ...slips.map((s) =>
      slipFlag(texts[s.paragraph].text.slice(s.start, s.start + s.written.length), s.likely),
    ),
    ...misses.map((miss) =>
      slipFlag(
        texts[miss.paragraph].text.slice(miss.start, miss.start + miss.written.length),
        miss.written.length === miss.likely.length ? miss.likely : miss.known,
      ),
    ),
  ]
  const practices = practicesIn(paragraphs, mentions)
  const proposals = provisional.map((p) => {
    if (p.kind !== 'enterprise') return p
    const own = practices.filter((x) => !x.enterprise.id && x.enterprise.name === p.name)
    return own.length ? { ...p, practices: own.map(({ name, description }) => ({ name, description })) } : p
  })
  const context: ScopeContext = { gazetteer, primary, ancestors, onePlace, all, mentions, proposals }
  const frames = periodFrames(paragraphs, article.publishedAt, title.match)
  const scopeFor = (figure: FoundFigure) => {
    const p = figure.paragraph
    return scopeOf(figure, paragraphs[p].match, mentions[p], generics[p], context)
  }

  const metrics = findFigures(paragraphs).map((found): ProposedMetric => {
    const match = paragraphs[found.paragraph].match
    const own = periodOf(match, found.sentenceStart, found.start, { publishedAt: article.publishedAt })
    const frame = frames[found.paragraph]
    // 2023年，…: a year opening an earlier paragraph is the time of the paragraphs after it that name none.
    // Marked only when the year was given more than two paragraphs before.
    const far = frame && found.paragraph - frame.at > 2
    // 全省已有…, 总量达到…, 覆盖职工…: a stock now, not a figure of the year the paragraphs before were about.
    const standing = /已(?:有|达|建成|覆盖)|现有|共有|覆盖|总数|总量/.test(found.context.before)
    // 全年 in a report on last year (2023年，… published in January) is that year, not the year of publication.
    const wholeYear = own.period.label === '全年' && frame
    const period =
      ((!own.stated && !standing) || wholeYear) && frame
        ? {
            ...frame.read,
            stated: true,
            review: far
              ? [...frame.read.review, `统计期取自前文的“${frame.read.period.label}”，请核对`]
              : frame.read.review,
          }
        : own
    const scope = scopeFor(found)
    const guess = guessIndicator(found.context, found.figure, indicators)
    // A stock such as 工会会员 or 产业工人, named outright and given without a period, is read at publication.
    const stock = guess.named && /存量/.test(guess.indicator?.description ?? '') && article.publishedAt
    const periodReview = !period.stated && stock ? [] : period.review
    return {
      phrase: found.phrase,
      figureText: found.figureText,
      figure: found.figure,
      evidence: found.evidence,
      period: !period.stated && stock ? { ...period.period, label: '发布时' } : period.period,
      region: scope.region,
      enterprise: scope.enterprise,
      indicator: guess.indicator,
      checks: [...found.review, ...periodReview, ...scope.review],
      review: [...found.review, ...periodReview, ...scope.review, ...guess.review],
    }
  })

  return {
    article,
    regions: uniquePlaces(all.filter((m) => m.kind === 'region').map(placeOf)),
    enterprises: uniquePlaces(all.filter((m) => m.kind === 'enterprise').map(placeOf)),
    proposals,
    flags: [...new Set(flags)],
    notes: articleNotes(article),
    metrics,
    practices: practices.filter((x) => x.enterprise.id),
  }
}

/** Near misses of known names in each text (title first), where no look-alike slip was found already. */
function nearMissesIn(texts: string[], gazetteer: Gazetteer, slips: Slip[]) {
  const whole = texts.join('\n')
  const mentions = placeMentions(texts, gazetteer, whole)
  return texts.flatMap((match, paragraph) =>
    gazetteer
      .nearMisses(match, mentions[paragraph], whole)
      .filter(
        (miss) =>
          !slips.some(
            (s) =>
              s.paragraph === paragraph &&
              s.start < miss.start + miss.written.length &&
              miss.start < s.start + s.written.length,
          ),
      )
      .map((miss) => ({ ...miss, paragraph })),
  )
}

const PRACTICE_VERB = /(?:推行|开展|实施|打造|建立|设立|推出|创办|创建|办起|启动|探索)[^，。；]{0,6}$/

/**
 * 悦达集团推行“技能等级与薪酬挂钩”: a name in quotation marks (single or doubled, as PDFs leave them) after
 * a verb such as 推行 or 打造, in a sentence about an enterprise, is a programme of that enterprise.
 */
function practicesIn(paragraphs: Paragraph[], mentions: Mention[][]) {
  const found: (Practice & { enterprise: PlaceRef })[] = []
  paragraphs.forEach((p, i) => {
    for (const m of mentions[i].filter((m) => m.kind === 'enterprise' && !m.listed)) {
      let end = m.end
      while (end < p.match.length && !/[。！？!?；;]/.test(p.match[end])) end++
      let start = m.start
      while (start > 0 && !/[。！？!?；;]/.test(p.match[start - 1])) start--
      const sentence = p.match.slice(m.end, end)
      for (const q of sentence.matchAll(/[“"]+([^“”"]{2,20})[”"]+/g)) {
        if (!PRACTICE_VERB.test(sentence.slice(0, q.index))) continue
        const name = p.text.slice(
          m.end + q.index + q[0].indexOf(q[1]),
          m.end + q.index + q[0].indexOf(q[1]) + q[1].length,
        )
        if (found.some((f) => f.name === name && f.enterprise.name === m.name)) continue
        found.push({
          enterprise: placeOf(m),
          name,
          description: p.text.slice(start, Math.min(end + 1, p.text.length)).trim(),
        })
      }
    }
  })
  return found
}

const placeOf = (m: Mention): PlaceRef => ({ kind: m.kind, id: m.id, name: m.name })

function uniquePlaces(places: PlaceRef[]): PlaceRef[] {
  const seen = new Map<string, PlaceRef>()
  for (const place of places) seen.set(place.id ?? `new:${place.name}`, place)
  return [...seen.values()]
}

/** The article's own place: named in the title, else named most often; the more local one wins a tie. */
function primaryRegion([titleMentions, ...paragraphs]: Mention[][]): PlaceRef | undefined {
  const depth: Record<string, number> = { 省: 0, 市: 1, 县: 2, 区: 2, 园区: 3, 镇: 4, 乡: 4, 街道: 4 }
  const scores = new Map<string, { place: PlaceRef; score: number }>()
  const add = (m: Mention, weight: number) => {
    if (m.kind !== 'region') return
    const key = m.id ?? m.name
    const entry = scores.get(key) ?? { place: placeOf(m), score: 0 }
    entry.score += weight
    scores.set(key, entry)
  }
  // 乐清市北白象镇, 江苏省淮安市: a place named only to locate the one after it is not what the text is about.
  const locating = (list: Mention[], m: Mention) => list.some((o) => o.kind === 'region' && o.start === m.end)
  titleMentions.forEach((m) => add(m, locating(titleMentions, m) ? 0 : 3))
  for (const list of paragraphs) list.forEach((m) => add(m, locating(list, m) ? 0 : 1))
  const level = (name: string) => depth[/(园区|街道|省|市|县|区|镇|乡)$/.exec(name)?.[1] ?? '市'] ?? 1
  return [...scores.values()].sort(
    (a, b) => b.score - a.score || level(b.place.name) - level(a.place.name),
  )[0]?.place
}

type ScopeContext = {
  gazetteer: Gazetteer
  primary?: PlaceRef
  /** Ids of the primary region's parents (江苏省 for 姜堰区). */
  ancestors: Set<string>
  /** The article names no region besides its own and that region's parents. */
  onePlace: boolean
  all: Mention[]
  /** Every paragraph's mentions. */
  mentions: Mention[][]
  /** New places and enterprises, with the parents the text gives them. */
  proposals: Proposal[]
}

function ancestorsOf(region: PlaceRef | undefined, gazetteer: Gazetteer, proposals: Proposal[]): Set<string> {
  const ids = new Set<string>()
  // A new place's parents: the place the text names it under (江苏省常州市), and that place's parents.
  let place = region
  for (let hops = 0; place && !place.id && hops < 4; hops++) {
    const name = place.name
    // A new parent (南通市 for a new 海安市) counts by its name.
    if (place !== region) ids.add(name)
    place = proposals.find((p) => p.kind === 'region' && p.name === name)?.parent
  }
  if (place?.id && place !== region) ids.add(place.id)
  let parent = place?.id ? gazetteer.regions.get(place.id)?.parent : undefined
  while (parent && !ids.has(parent)) {
    ids.add(parent)
    parent = gazetteer.regions.get(parent)?.parent
  }
  return ids
}

/**
 * Away from its own sentence, a parent of the article's place (江苏 in 新时代江苏产业工人… or 全省) is a
 * point of comparison or part of a name, not where the figure was counted: the article's place is.
 */
function preferOwnPlace(scope: Scope, context: ScopeContext, say = false): Scope {
  const { region, enterprise } = scope
  if (!enterprise && region?.id && context.ancestors.has(region.id) && context.primary) {
    const note = `句中的“${region.name}”是本文地区的上级，暂按“${context.primary.name}”，请核对`
    return { region: context.primary, review: say ? [...scope.review, note] : scope.review }
  }
  return scope
}

/**
 * Where a figure belongs: the place or enterprise named nearest before it in its sentence; for a quotation,
 * the speaker's organisation named right after it; else the nearest one earlier in the paragraph, else the
 * article's own place (both marked for review).
 */
/** Words by which a sentence refers back to a company named earlier. */
const COMPANY_REFERENCE = /(?:^|[^\u4e00-\u9fff]|该|本|这家|公司)(?:公司|企业|集团|厂)/

function scopeOf(
  figure: FoundFigure,
  match: string,
  mentions: Mention[],
  generics: GenericMention[],
  context: ScopeContext,
): Scope {
  const subjects = mentions.filter((m) => !m.listed)
  const before = (from: number, to: number) =>
    [
      ...subjects.filter((m) => m.start >= from && m.end <= to),
      ...generics.filter((g) => g.start >= from && g.end <= to),
    ]
      .sort((a, b) => b.end - a.end)
      .map((candidate) =>
        resolve(
          candidate,
          context,
          subjects.filter((m) => m.start >= from),
        ),
      )
      .find((scope) => scope !== undefined)

  // 恒立股份是园区新确定的试点企业，今年组织120名…; 天能股份…，公司今年…: the enterprise the sentence is about.
  const sentence = match.slice(figure.sentenceStart, figure.start)
  const opening = subjects.find(
    (m) =>
      m.kind === 'enterprise' &&
      m.start === figure.sentenceStart + (sentence.length - sentence.trimStart().length),
  )
  const clause = sentence.split(/[，,；;]/).at(-1) ?? ''
  if (
    opening &&
    (/^(?:是|作为)/.test(match.slice(opening.end)) || /^(?:该|本|这家)?(?:公司|企业|集团)/.test(clause))
  ) {
    const scope = resolve(opening, context)
    if (scope) return scope
  }
  const inSentence = before(figure.sentenceStart, figure.start)
  // 温州市今年共有…: a parent place that opens its sentence is what the sentence is about.
  const leading = subjects.find(
    (m) =>
      m.kind === 'region' &&
      m.start === figure.sentenceStart + (sentence.length - sentence.trimStart().length) &&
      m.name === inSentence?.region?.name,
  )
  if (inSentence && !inSentence.enterprise && leading) return inSentence
  if (inSentence)
    return inSentence.explicit ? inSentence : preferOwnPlace(inSentence, context, !inSentence.generic)
  if (figure.quoteEnd !== undefined) {
    const speaker = subjects.find((m) => m.start >= figure.quoteEnd! && m.start - figure.quoteEnd! <= 6)
    const scope = speaker && resolve(speaker, context)
    if (scope) return scope
  }
  // 公司工会每年列支300万元: a sentence about “the company” belongs to the company named before it.
  const aboutCompany = COMPANY_REFERENCE.test(match.slice(figure.sentenceStart, figure.start))
  // …德力西集团今年… / 公司设立…: the company may be named in a paragraph before.
  const company = aboutCompany
    ? (subjects.filter((m) => m.kind === 'enterprise' && m.end <= figure.sentenceStart).at(-1) ??
      context.mentions
        .slice(0, figure.paragraph)
        .flat()
        .filter((m) => m.kind === 'enterprise' && !m.listed)
        .at(-1))
    : undefined
  const found = (company && resolve(company, context)) || before(0, figure.sentenceStart)
  const earlier = found && preferOwnPlace(found, context)
  if (earlier) {
    const name = earlier.enterprise?.name ?? earlier.region?.name
    // 红豆集团是…。集团今年…: a sentence opening with 集团/公司 after the one company its paragraph names.
    const companies = new Set(
      subjects.filter((m) => m.kind === 'enterprise' && m.end <= figure.sentenceStart).map((m) => m.name),
    )
    const namedCompany =
      earlier.enterprise !== undefined &&
      companies.size === 1 &&
      companies.has(earlier.enterprise.name) &&
      /^(?:该|本|这家)?(?:公司|集团|企业)/.test(sentence.trimStart())
    const certain =
      namedCompany ||
      (!earlier.enterprise && earlier.region?.name === context.primary?.name && context.onePlace)
    return certain
      ? earlier
      : { ...earlier, review: [...earlier.review, `所在句没有提到地区或企业，暂按前文的“${name}”，请核对`] }
  }
  if (context.primary) {
    const review = context.onePlace
      ? []
      : [`所在段落没有提到地区，暂按全文的“${context.primary.name}”，请核对`]
    return { region: context.primary, review }
  }
  // An article about one enterprise that names no place: the enterprise's own region.
  const enterprise = context.all.find((m) => m.kind === 'enterprise' && m.id)
  const scope = enterprise && resolve(enterprise, context)
  if (scope)
    return { ...scope, review: [...scope.review, `文中没有提到地区，暂按全文的“${enterprise.name}”，请核对`] }
  return { review: ['未找到地区，请选择'] }
}

function resolve(
  candidate: Mention | GenericMention,
  context: ScopeContext,
  sentence: Mention[] = [],
): Scope | undefined {
  const { gazetteer, primary, all } = context
  if (!('kind' in candidate)) {
    // 江阴市总工会介绍，全市…: the 市 its own sentence names; else the one the article names most.
    const named = sentence
      .filter((m) => m.kind === 'region' && m.end <= candidate.start && m.name.endsWith(candidate.suffix))
      .at(-1)
    const found = named ? placeOf(named) : regionBySuffix(candidate.suffix, all)
    if (!found) return undefined
    const explicit = Boolean(named) || candidate.suffix === '省' || candidate.union
    const region = !explicit && found.id && context.ancestors.has(found.id) && primary ? primary : found
    // 全省 in a report on a place in that province: the province, for certain.
    const certain =
      region.name === primary?.name || Boolean(named) || (explicit && context.ancestors.has(region.id ?? ''))
    const review = certain ? [] : [`“${candidate.text}”按文中地区理解为“${region.name}”，请核对`]
    return { region, review, generic: true, explicit }
  }
  if (candidate.kind === 'region') return { region: placeOf(candidate), review: [] }
  const enterprise = placeOf(candidate)
  const known = candidate.id ? gazetteer.enterprises.get(candidate.id) : undefined
  const regionId = known?.region ?? undefined
  const region = regionId ? gazetteer.regions.get(regionId) : undefined
  if (region) return { enterprise, region: { kind: 'region', id: region.id, name: region.name }, review: [] }
  // A new enterprise: where the text puts it; else the article's place, unsure only if it names others.
  const draft = context.proposals.find((p) => p.kind === 'enterprise' && p.name === enterprise.name)
  const place = draft?.parent ?? primary
  const unsure = !place || (draft?.parentGuessed !== false && !context.onePlace)
  return {
    enterprise,
    region: place,
    review: unsure
      ? [place ? `企业“${enterprise.name}”所在地区暂按全文的“${place.name}”，请核对` : '未找到地区，请选择']
      : [],
  }
}

/** 全市 → the 市 the article names most often (园区 → the park). */
function regionBySuffix(suffix: string, all: Mention[]): PlaceRef | undefined {
  const counts = new Map<string, { place: PlaceRef; count: number }>()
  for (const m of all) {
    if (m.kind !== 'region' || !m.name.endsWith(suffix)) continue
    const key = m.id ?? m.name
    const entry = counts.get(key) ?? { place: placeOf(m), count: 0 }
    entry.count++
    counts.set(key, entry)
  }
  return [...counts.values()].sort((a, b) => b.count - a.count)[0]?.place
}

/**
 * Drafts for the places and enterprises the catalogue lacks, each under the parent the text gives it wherever
 * it does (title included): the place named right before it (江阴市新桥镇), the place it is said to be in
 * (东港镇是无锡市锡山区的…, 红豆集团是东港镇的…), else for a place one whose name starts its own
 * (扬州 for 扬州经济技术开发区), for an enterprise the place named before it in its paragraph.
 */
function proposePlaces(texts: Paragraph[], mentions: Mention[][], primary?: PlaceRef): Proposal[] {
  const occurrences = mentions.flatMap((list, p) => list.filter((m) => !m.id).map((m) => ({ m, p, list })))
  const located = ({ m, p, list }: (typeof occurrences)[number]) => {
    const after = list.find(
      (o) =>
        o.kind === 'region' &&
        o.start >= m.end &&
        /^(?:是|位于|地处|隶属于?|落户于?|扎根于?)$/.test(texts[p].match.slice(m.end, o.start)),
    )
    // 无锡市锡山区: the last of a chain of places.
    let last = after
    while (last) {
      const next = list.find((o) => o.kind === 'region' && o.start === last!.end)
      if (!next) break
      last = next
    }
    return last
  }
  const before = ({ m, list }: (typeof occurrences)[number]) =>
    list.filter((o) => o.kind === 'region' && o.end <= m.start && o !== m).at(-1)
  const proposals = new Map<string, Proposal>()
  for (const first of occurrences) {
    const { m } = first
    const key = `${m.kind}:${m.name}`
    if (proposals.has(key)) continue
    const all = occurrences.filter((o) => o.m.kind === m.kind && o.m.name === m.name)
    const own = all.find((o) => o.p > 0) ?? first
    const written = texts[own.p].text.slice(own.m.start, own.m.end)
    if (m.kind === 'region') {
      const chained = all.map(before).find((o, i) => o && o.end === all[i].m.start)
      const namedAfter = mentions
        .flat()
        .find(
          (o) =>
            o.kind === 'region' &&
            o !== m &&
            m.name.startsWith(o.name.replace(/(?:省|市|区|县)$/, '')) &&
            o.name !== m.name,
        )
      const named = chained ?? all.map(located).find(Boolean) ?? namedAfter
      const parent = named && named.name !== m.name ? placeOf(named) : undefined
      const level = levelFromName(m.name)
      proposals.set(key, {
        ...placeOf(m),
        written,
        level,
        parent,
        note: `新地区草稿“${m.name}”：层级按名称定为“${LEVEL_LABELS[level]}”${parent ? `，上级地区为“${parent.name}”` : '，请选择上级地区'}`,
      })
    } else {
      const named = all.map(located).find(Boolean) ?? all.map(before).find(Boolean)
      const parent = named ? placeOf(named) : primary
      proposals.set(key, {
        ...placeOf(m),
        written,
        parent,
        parentGuessed: !named,
        note: `新企业草稿“${m.name}”：${parent ? `所在地区暂定为“${parent.name}”` : '请选择所在地区'}，行业、所有制等请补充`,
      })
    }
  }
  return [...proposals.values()]
}

const LEVEL_LABELS: Record<ReturnType<typeof levelFromName>, string> = {
  province: '省',
  city: '市',
  county: '区县',
  town: '乡镇街道',
  park: '园区',
}

function articleNotes(article: ExtractedArticle): string[] {
  const notes: string[] = []
  if (article.titleGuessed) notes.push('页面上没有这篇的标题，标题取自首句，请修改')
  if (!article.publishedAt) notes.push('页面没有发布日期，请补上')
  if (!article.source) notes.push('页面没有注明来源，请补上')
  if (article.authors.length === 0) notes.push('页面没有署名，请补上作者')
  return notes
}

/**
 * Names of places and enterprises new to the catalogue, once found, are found again wherever the article
 * writes them (盐城市 in every paragraph, not only after 江苏省), and so are new places named right after
 * them (盐城市亭湖区).
 */
function placeMentions(texts: string[], gazetteer: Gazetteer, whole: string): Mention[][] {
  const found = texts.map((match) => gazetteer.mentions(match, whole))
  for (let round = 0; round < 3; round++) {
    const names = new Map<string, Mention['kind']>()
    for (const m of found.flat()) if (!m.id) names.set(m.name, m.kind)
    for (const [name, kind] of [...names]) {
      const stem = kind === 'region' ? name.replace(/(?:省|市|区|县|镇|乡|街道)$/, '') : ''
      if (stem.length >= 2 && stem !== name && !names.has(stem)) names.set(stem, kind)
    }
    let added = false
    texts.forEach((match, i) => {
      const list = found[i]
      const free = (start: number, end: number) => list.every((m) => end <= m.start || start >= m.end)
      for (const [text, kind] of [...names].sort((a, b) => b[0].length - a[0].length)) {
        for (let at = match.indexOf(text); at >= 0; at = match.indexOf(text, at + 1)) {
          const end = at + text.length
          if (
            !free(at, end) ||
            // A full name (宁波市, 恒立股份) stands anywhere; a bare stem (宁波) only after a word's end.
            (kind === 'region' &&
              !/(?:省|市|区|县|镇|乡|街道)$/.test(text) &&
              /[\u4e00-\u9fff]/.test(match[at - 1] ?? '') &&
              !/[在由与和及对向为从于是据让给经各其每的了]/.test(match[at - 1]) &&
              !list.some((m) => m.end === at))
          )
            continue
          const name =
            [...names.keys()].find((n) => n !== text && n.startsWith(text) && names.get(n) === kind) ?? text
          list.push({
            kind,
            start: at,
            end,
            name: name.length > text.length ? name : text,
            listed: isListed(match, at, end),
          })
          added = true
        }
      }
      for (const proposal of unknownRegions(match, list)) {
        // 扬州经济技术开发区 takes the place of the 扬州 it starts with.
        const inside = list.filter((m) => m.start >= proposal.start && m.end <= proposal.end)
        const others = list.filter((m) => !inside.includes(m))
        if (
          others.every((m) => proposal.end <= m.start || proposal.start >= m.end) &&
          !inside.some((m) => m.id)
        ) {
          if (inside.some((m) => m.name === proposal.name)) continue
          list.splice(0, list.length, ...others, proposal)
          added = true
        }
      }
      list.sort((a, b) => a.start - b.start)
    })
    if (!added) break
  }
  return found
}

const isListed = (match: string, start: number, end: number) =>
  /^(?:、|和|及|与|等)/.test(match.slice(end)) || match[start - 1] === '、'

/** For each paragraph, the year an earlier paragraph opened with (2023年，…), if any. */
function periodFrames(paragraphs: Paragraph[], publishedAt?: string, title = '') {
  let frame: { read: ReturnType<typeof periodOf>; at: number } | undefined
  // 2023年度产改工作情况, 2023年工作回顾: a year in the title is the year of the whole report.
  const titleYear = /(?:19|20)\d{2}年(?:度)?(?!以来|起|底|末|至今)/.exec(title.replace(/\s+/g, ''))
  if (titleYear) {
    const read = periodOf(titleYear[0].slice(0, 5), 0, 5, { publishedAt })
    if (read.stated && read.period.kind === 'year') frame = { read, at: 0 }
  }
  return paragraphs.map((p, at) => {
    const current = frame
    // The year may open the paragraph, or its first sentence after a heading (技能提升。2023年，…).
    const opening = /(?<=^|^[^。！？；]{1,12}[。！？；])(?:\d{4}年|今年|去年)(?=[，,])/.exec(p.match)
    if (opening) {
      const read = periodOf(p.match, opening.index, opening.index + opening[0].length, { publishedAt })
      if (read.stated && read.period.kind === 'year') frame = { read, at }
    }
    return current
  })
}
