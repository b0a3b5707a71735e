/**
 * Controlled vocabularies shared by the CMS (select options, validation) and the portal (labels).
 * Each list is the single source of truth: `value` is what is stored, `label` what people read.
 */

export type Option<V extends string = string> = { value: V; label: string }

const values = <V extends string>(options: readonly Option<V>[]) => options.map((o) => o.value)

export const labelOf = <V extends string>(options: readonly Option<V>[], value: V | null | undefined) =>
  options.find((o) => o.value === value)?.label ?? ''

/** 行政层级: a region's level in the 省 › 市 › 区县 › 乡镇街道 tree; 园区 sits under a 市 or 区县. */
export const REGION_LEVELS = [
  { value: 'province', label: '省' },
  { value: 'city', label: '市' },
  { value: 'county', label: '区县' },
  { value: 'town', label: '乡镇街道' },
  { value: 'park', label: '园区' },
] as const satisfies readonly Option[]
export type RegionLevel = (typeof REGION_LEVELS)[number]['value']
export const REGION_LEVEL_VALUES = values(REGION_LEVELS)

/** 所有制 */
export const OWNERSHIPS = [
  { value: 'state', label: '国有' },
  { value: 'private', label: '民营' },
  { value: 'foreign', label: '外资' },
  { value: 'joint', label: '合资' },
] as const satisfies readonly Option[]
export type Ownership = (typeof OWNERSHIPS)[number]['value']

/** 试点级别: who designated the enterprise or unit as an 产改 pilot. */
export const PILOT_LEVELS = [
  { value: 'national', label: '全国' },
  { value: 'provincial', label: '省级' },
  { value: 'municipal', label: '市级' },
  { value: 'county', label: '区县级' },
  { value: 'park', label: '园区级' },
] as const satisfies readonly Option[]
export type PilotLevel = (typeof PILOT_LEVELS)[number]['value']

/** 行业: broad industry groups, after the sections of 国民经济行业分类 that the reports touch. */
export const INDUSTRIES = [
  { value: 'electrical', label: '电气机械和器材制造' },
  { value: 'automotive', label: '汽车制造' },
  { value: 'electronics', label: '计算机、通信和其他电子设备制造' },
  { value: 'machinery', label: '通用和专用设备制造' },
  { value: 'metal', label: '金属制品' },
  { value: 'chemicals', label: '化学原料和化学制品制造' },
  { value: 'pharma', label: '医药制造' },
  { value: 'materials', label: '橡胶塑料和新材料' },
  { value: 'energy', label: '电力、热力、燃气' },
  { value: 'construction', label: '建筑业' },
  { value: 'logistics', label: '交通运输、仓储和邮政' },
  { value: 'it', label: '信息传输、软件和信息技术服务' },
  { value: 'realestate', label: '房地产' },
  { value: 'services', label: '租赁和商务服务' },
  { value: 'education', label: '教育' },
  { value: 'other', label: '其他' },
] as const satisfies readonly Option[]
export type Industry = (typeof INDUSTRIES)[number]['value']

/**
 * 计量单位. A figure is stored in its base unit: 70.06万人次 is 700600 人次 and 7.4亿元 is 740000000 元;
 * the scale word (万, 亿) is part of the number, not of the unit.
 * `dimension` says which units measure the same thing: 人 and 名 both count people,
 * while 人 and 人次 (person-times) are never interchangeable.
 */
export const UNITS = [
  { value: '人', label: '人', dimension: 'people' },
  { value: '名', label: '名', dimension: 'people' },
  { value: '人次', label: '人次', dimension: 'personTimes' },
  { value: '家', label: '家', dimension: 'organisations' },
  { value: '所', label: '所', dimension: 'organisations' },
  { value: '个', label: '个', dimension: 'items' },
  { value: '项', label: '项', dimension: 'items' },
  { value: '件', label: '件', dimension: 'items' },
  { value: '篇', label: '篇', dimension: 'items' },
  { value: '场', label: '场', dimension: 'events' },
  { value: '场次', label: '场次', dimension: 'events' },
  { value: '次', label: '次', dimension: 'events' },
  { value: '元', label: '元', dimension: 'money' },
  { value: '%', label: '%', dimension: 'percent' },
] as const
export type Unit = (typeof UNITS)[number]['value']
export type UnitDimension = (typeof UNITS)[number]['dimension']
export const UNIT_VALUES = UNITS.map((u) => u.value)

export const isUnit = (value: string): value is Unit => (UNIT_VALUES as readonly string[]).includes(value)

export const dimensionOf = (unit: Unit): UnitDimension => UNITS.find((u) => u.value === unit)!.dimension

/** A figure's unit fits an indicator when both measure the same dimension. */
export const unitFitsIndicator = (unit: Unit, canonicalUnit: Unit) =>
  dimensionOf(unit) === dimensionOf(canonicalUnit)

/**
 * 限定词: how exact a reported figure is, and the word the report used for it. 2865人 is exact; 2000余万元 and
 * 4万多人次 are "more than"; 超过10万 and 逾5万 "over"; 近20万人 "nearly"; 约 "about"; 上千场 "in the order of" (a
 * round power of ten, no digits). 余 and 多, 超过 and 逾 mean the same, but a quote says 50多万 and the portal must
 * not print 50余万 beside it: each word is its own value, and `meaning` groups them where only the sense counts
 * (how a chart draws the bar's end).
 */
export const QUALIFIERS = [
  { value: 'exact', label: '确数', meaning: 'exact' },
  { value: 'more', label: '余（略多于，如2000余万元）', meaning: 'more' },
  { value: 'moreDuo', label: '多（略多于，如4万多人次）', meaning: 'more' },
  { value: 'over', label: '超过', meaning: 'over' },
  { value: 'overYu', label: '逾（超过，如逾5万人）', meaning: 'over' },
  { value: 'nearly', label: '近（接近）', meaning: 'nearly' },
  { value: 'about', label: '约', meaning: 'about' },
  { value: 'orderOf', label: '上（数量级，如上千场）', meaning: 'orderOf' },
] as const satisfies readonly (Option & { meaning: string })[]
export type Qualifier = (typeof QUALIFIERS)[number]['value']
export type QualifierMeaning = (typeof QUALIFIERS)[number]['meaning']

/** What a qualifier says, whatever word the report used: 多 and 余 both mean "more than". */
export const meaningOf = (qualifier: Qualifier): QualifierMeaning =>
  QUALIFIERS.find((q) => q.value === qualifier)!.meaning

/**
 * 比较方式: a figure is either a level (a count, an amount, a share) or a change against a base period.
 * 同比下降60% is stored as value -60, unit %, comparison `yoy`.
 */
export const COMPARISONS = [
  { value: 'none', label: '数值' },
  { value: 'yoy', label: '同比变化' },
] as const satisfies readonly Option[]
export type Comparison = (typeof COMPARISONS)[number]['value']

/** 统计期: what span of time a figure covers. */
export const PERIOD_KINDS = [
  { value: 'year', label: '年度（如2022年）' },
  { value: 'partOfYear', label: '年内某段（如今年上半年）' },
  { value: 'cumulative', label: '累计（如三年来、2020年以来）' },
  { value: 'asOf', label: '时点存量（如截至2020年底）' },
] as const satisfies readonly Option[]
export type PeriodKind = (typeof PERIOD_KINDS)[number]['value']

/** 指标类型: how an indicator's figures are read and compared. */
export const INDICATOR_KINDS = [
  { value: 'count', label: '数量' },
  { value: 'money', label: '金额' },
  { value: 'share', label: '占比' },
  { value: 'change', label: '增减幅度' },
] as const satisfies readonly Option[]
export type IndicatorKind = (typeof INDICATOR_KINDS)[number]['value']

/** 作者角色 in an article's byline. */
export const AUTHOR_ROLES = [
  { value: 'author', label: '作者' },
  { value: 'reporter', label: '记者' },
  { value: 'correspondent', label: '通讯员' },
] as const satisfies readonly Option[]
export type AuthorRole = (typeof AUTHOR_ROLES)[number]['value']

/** 用户角色: 撰稿 writes drafts, 编辑 reviews and publishes, 管理员 also manages users and settings. */
export const USER_ROLES = [
  { value: 'contributor', label: '撰稿' },
  { value: 'editor', label: '编辑' },
  { value: 'admin', label: '管理员' },
] as const satisfies readonly Option[]
export type UserRole = (typeof USER_ROLES)[number]['value']

/**
 * 审核状态 under the 先审后发 rule: a contributor's draft is submitted (待审核), an editor returns it with a note
 * (已退回) or publishes it (已发布). Publishing itself is Payload's `_status`; this records the review around it.
 */
export const REVIEW_STATES = [
  { value: 'draft', label: '草稿' },
  { value: 'pending', label: '待审核' },
  { value: 'returned', label: '已退回' },
  { value: 'published', label: '已发布' },
] as const satisfies readonly Option[]
export type ReviewState = (typeof REVIEW_STATES)[number]['value']

/** A review decision as the document's 审核记录 keeps it. */
export const REVIEW_DECISIONS = [
  { value: 'submitted', label: '提交审核' },
  { value: 'returned', label: '退回修改' },
  { value: 'published', label: '审核发布' },
] as const satisfies readonly Option[]
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number]['value']
