/**
 * A deterministic synthetic corpus for the benchmark: a region tree, channels, topics, indicators,
 * enterprises, articles and reported figures, all published, all in Simplified Chinese.
 *
 * Tens of thousands of documents through `payload.create` (hooks, validation, a version per save) would take
 * far longer than the builds being measured, so the corpus is written through the database adapter
 * (`payload.db.create`, plus one `createVersion` per document so the admin's draft-aware lists see them too),
 * in batches of one SQLite transaction each. Everything the hooks would fill in (slug, figure display and title)
 * is computed here with the same helpers.
 */
import { randomUUID } from 'node:crypto'

import type { CollectionSlug, Payload, PayloadRequest } from 'payload'
import { createLocalReq } from 'payload'

import {
  AUTHOR_ROLES,
  INDUSTRIES,
  OWNERSHIPS,
  PILOT_LEVELS,
  type Comparison,
  type IndicatorKind,
  type PeriodKind,
  type Qualifier,
  type RegionLevel,
  type Unit,
} from '../../content-schema/enums'
import { formatFigure } from '../../content-schema/figures'
import { SLUG_PATTERN } from '../../content-schema/slug'

export type CorpusOptions = {
  articles?: number
  regions?: number
  enterprises?: number
  figures?: number
  seed?: number
  /** Documents per transaction. */
  batchSize?: number
  log?: (message: string) => void
}

export type CorpusSummary = {
  counts: Record<string, number>
  /** Wall time of the whole generation, in milliseconds. */
  ms: number
  /** One published article, for the edit measurements. */
  sampleArticle: { id: string; slug: string; title: string }
  articleIds: string[]
}

type Doc = { id: string; data: Record<string, unknown> }

// ---------------------------------------------------------------------------------------------------------
// Deterministic randomness

function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Rng = ReturnType<typeof makeRng>

function makeRng(seed: number) {
  const next = mulberry32(seed)
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]
  const chance = (p: number) => next() < p
  /** `count` distinct items (fewer if the list is shorter). */
  const sample = <T>(items: readonly T[], count: number): T[] => {
    if (count >= items.length) return [...items]
    const chosen = new Set<number>()
    while (chosen.size < count) chosen.add(Math.floor(next() * items.length))
    return [...chosen].map((i) => items[i])
  }
  const hex = (length: number) => Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join('')
  /** A version-4 UUID drawn from this generator, so ids are the same on every run with the same seed. */
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(next() * 4)]}${hex(3)}-${hex(12)}`
  return { next, int, pick, chance, sample, hex, uuid }
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary

const PROVINCES = [
  '江苏省',
  '浙江省',
  '山东省',
  '广东省',
  '福建省',
  '安徽省',
  '河南省',
  '河北省',
  '湖北省',
  '湖南省',
  '江西省',
  '四川省',
  '陕西省',
  '山西省',
  '辽宁省',
  '吉林省',
  '黑龙江省',
  '云南省',
  '贵州省',
  '甘肃省',
  '青海省',
  '海南省',
]
const PLACE_CHARS = [
  ...'安宁平江阳山川河海湖东西南北中清泉源兴华昌盛丰和泰康德新金银石林松桂梅兰云龙凤鹤城庄桥湾溪州岭峰原明光文武永长福吉祥嘉瑞',
]
const PARK_KINDS = ['经济技术开发区', '高新技术产业开发区', '工业园区', '综合保税区']
const BRAND_CHARS = [...'恒泰华盛宏达鑫源精诚永固瑞丰宇航远创新立博通德力中天海利金鼎正泰联合']
const ENTERPRISE_TRADES: Record<string, string[]> = {
  electrical: ['电气', '电器', '电力设备'],
  automotive: ['汽车部件', '汽车零部件', '车辆'],
  electronics: ['电子', '微电子', '通信设备'],
  machinery: ['精密机械', '重工', '智能装备'],
  metal: ['金属制品', '精锻', '钢构'],
  chemicals: ['化工', '新材料化工', '精细化工'],
  pharma: ['制药', '生物医药', '医疗器械'],
  materials: ['新材料', '高分子材料', '橡塑'],
  energy: ['能源', '电力', '燃气'],
  construction: ['建设', '建工', '路桥'],
  logistics: ['物流', '港务', '运输'],
  it: ['软件', '信息技术', '数据科技'],
  realestate: ['置业', '物业', '城建'],
  services: ['商务服务', '人力资源', '咨询'],
  education: ['职业培训', '教育科技', '技工学校'],
  other: ['实业', '科技', '控股'],
}
const PRACTICES = [
  ['技能大师工作室', '由首席技师领衔，围绕生产难题开展技术攻关和带徒传技。'],
  ['班组长轮训', '每年对一线班组长开展管理和技能轮训，提升基层管理水平。'],
  ['“五小”创新活动', '鼓励职工开展小发明、小创造、小革新、小设计、小建议。'],
  ['企业大学堂', '整合内外部师资，为职工提供学历和技能双提升课程。'],
  ['新型学徒制', '校企联合招收学徒，工学交替培养技能人才。'],
  ['技能等级自主评价', '按照国家职业标准开展企业自主评价，打通技能人才成长通道。'],
  ['职工书屋', '在车间设立职工书屋，开展读书分享活动。'],
  ['劳模创新工作室', '以劳模名字命名工作室，组织职工开展技术创新和成果转化。'],
  ['集体协商“要约行动”', '定期开展工资集体协商，签订集体合同。'],
  ['职工技能比武', '每年举办岗位练兵和技能比武，选拔技术能手。'],
]
const HONOURS = [
  '全国五一劳动奖状',
  '省级产改示范企业',
  '国家级专精特新“小巨人”企业',
  '国家制造业单项冠军',
  '省级劳模创新工作室',
  '全国模范职工之家',
  '省级技能人才培养突出贡献单位',
  '市级和谐劳动关系示范企业',
]
const TOPICS = [
  '技能提升',
  '职业技能等级认定',
  '技能竞赛',
  '产教融合',
  '社会组织参与',
  '权益维护',
  '党建引领',
  '职工服务',
  '劳模工匠',
  '新就业形态',
  '集体协商',
  '职工书屋',
  '安全生产',
  '数字化转型',
  '技能人才评价',
  '职工创新',
  '思想政治引领',
  '困难职工帮扶',
  '园区工会',
  '非公企业建会',
]
/** The seed's catalogue of indicators, with their canonical units. */
const INDICATORS: [string, IndicatorKind, Unit][] = [
  ['新增高技能人才', 'count', '人'],
  ['技师及以上技能人才', 'count', '人'],
  ['职业技能等级认定', 'count', '人'],
  ['补贴性职业技能培训', 'count', '人次'],
  ['职工技能培训', 'count', '人次'],
  ['技能竞赛参与', 'count', '人次'],
  ['产改试点单位', 'count', '家'],
  ['工会组织', 'count', '家'],
  ['工会会员', 'count', '人'],
  ['非公企业工会占比', 'share', '%'],
  ['产业工人', 'count', '人'],
  ['工业企业', 'count', '家'],
  ['职工服务投入资金', 'money', '元'],
  ['技能提升投入资金', 'money', '元'],
  ['职工服务项目', 'count', '个'],
  ['服务职工人次', 'count', '人次'],
  ['职工活动', 'count', '场'],
  ['法律服务活动', 'count', '场'],
  ['惠及职工', 'count', '人'],
  ['发展党员', 'count', '人'],
  ['孵化社会组织', 'count', '家'],
  ['劳模创新工作室', 'count', '家'],
  ['先进典型选树', 'count', '人'],
  ['集体合同签订单位', 'count', '家'],
  ['职工志愿者', 'count', '人'],
  ['专利', 'count', '项'],
  ['学历提升职工', 'count', '人'],
  ['安全生产事故起数同比变化', 'change', '%'],
  ['安全生产事故死亡人数同比变化', 'change', '%'],
  ['线上活动浏览', 'count', '人次'],
]
const SOURCES = [
  '工人日报',
  '中工网',
  '江苏工人报',
  '浙江工人日报',
  '劳动午报',
  '齐鲁晚报',
  '新华日报',
  '地方总工会网站',
]
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余']
const GIVEN = [...'伟芳娜秀敏静丽强磊军洋勇艳杰涛明超霞平刚桂英华玉兰萍建国志红晓文斌海燕鹏飞']
const PROGRAMMES = [
  '“四大工程”',
  '“五化联动”',
  '“1+2+3”服务体系',
  '“技能强企”行动',
  '“工匠摇篮”计划',
  '“金蓝领”培训',
  '“双提升”工程',
]
const ACTIONS = ['推进', '深化', '落实', '探索', '打造', '构建']
const TITLE_TAILS = [
  '产业工人队伍建设改革走深走实',
  '产改试点工作取得新成效',
  '技能人才队伍建设再上新台阶',
  '为产业工人搭建成长成才通道',
  '推动产改向基层延伸',
  '让产业工人“技”有所成',
  '以产改赋能高质量发展',
  '提升产业工人技能素质',
]
const OPENINGS = [
  '近年来，{r}总工会把产业工人队伍建设改革作为工会工作的重要抓手，',
  '今年以来，{r}围绕{p}，',
  '记者从{r}总工会获悉，',
  '作为产改试点地区，{r}坚持党建引领，',
  '{r}聚焦产业工人急难愁盼问题，',
]
const MIDDLES = [
  '建立健全产改工作联席会议制度，出台实施方案，明确责任分工和时间节点。',
  '推动企业完善技能人才培养、使用、评价、激励机制，打通产业工人成长通道。',
  '依托职业院校和企业培训中心，开展订单式、项目制培训，提升职工岗位技能。',
  '组织开展各类职业技能竞赛和岗位练兵活动，一批技术能手脱颖而出。',
  '加强劳模和工匠人才创新工作室建设，带动职工开展技术攻关和创新创效。',
  '推进产教融合，校企共建实训基地，探索新型学徒制培养模式。',
  '深化职工思想政治引领，开展“推优入党”工作，把技术骨干培养成党员。',
  '持续开展集体协商，推动企业建立技能导向的薪酬分配制度。',
  '关注新就业形态劳动者，建设职工驿站，提供休息、饮水、充电等服务。',
  '建设职工书屋和职工之家，丰富职工精神文化生活。',
]
const CLOSINGS = [
  '下一步，{r}将继续深化产改，推动各项改革举措落地见效。',
  '{e}工会负责人表示，将把产改要求融入企业发展全过程。',
  '据介绍，相关经验做法已在全市推广。',
  '有关负责同志表示，要让更多产业工人在改革中有获得感、幸福感。',
]

// ---------------------------------------------------------------------------------------------------------
// Lexical rich text

const textNode = (text: string) => ({
  type: 'text',
  text,
  format: 0,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
})
const paragraph = (text: string) => ({
  type: 'paragraph',
  children: [textNode(text)],
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 1,
  textFormat: 0,
})
export const lexicalDoc = (paragraphs: string[]) => ({
  root: {
    type: 'root',
    children: paragraphs.map(paragraph),
    direction: 'ltr',
    format: '',
    indent: 0,
    version: 1,
  },
})

// ---------------------------------------------------------------------------------------------------------
// Generation (in memory)

type Region = { id: string; name: string; short: string; slug: string; level: RegionLevel; parent?: Region }
type Enterprise = { id: string; name: string; shortName: string; slug: string; region: Region }
type Indicator = { id: string; name: string; slug: string; kind: IndicatorKind; unit: Unit }
type Figure = {
  value: number
  unit: Unit
  qualifier: Qualifier
  comparison: Comparison
  display: string
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')
const iso = (ms: number) => new Date(ms).toISOString()

function checkSlug(slug: string) {
  if (!SLUG_PATTERN.test(slug)) throw new Error(`generated slug "${slug}" does not match ${SLUG_PATTERN}`)
  return slug
}

function regionLevels(total: number): RegionLevel[] {
  const provinces = Math.max(1, Math.round(total * 0.03))
  const cities = Math.max(total > 1 ? 1 : 0, Math.round(total * 0.12))
  const counties = Math.max(0, Math.round(total * 0.35))
  const rest = Math.max(0, total - provinces - cities - counties)
  const parks = Math.round(rest * 0.2)
  return [
    ...Array<RegionLevel>(provinces).fill('province'),
    ...Array<RegionLevel>(cities).fill('city'),
    ...Array<RegionLevel>(counties).fill('county'),
    ...Array<RegionLevel>(rest - parks).fill('town'),
    ...Array<RegionLevel>(parks).fill('park'),
  ].slice(0, total)
}

function generateRegions(rng: Rng, total: number): Region[] {
  const used = new Set<string>()
  const placeName = (suffix: string) => {
    for (let length = 2; ; length++) {
      for (let attempt = 0; attempt < 20; attempt++) {
        const short = Array.from({ length }, () => rng.pick(PLACE_CHARS)).join('')
        if (!used.has(short + suffix)) {
          used.add(short + suffix)
          return { short, name: short + suffix }
        }
      }
    }
  }
  const regions: Region[] = []
  const byLevel = (level: RegionLevel) => regions.filter((r) => r.level === level)
  regionLevels(total).forEach((level, i) => {
    const slug = checkSlug(`region-${pad(i + 1, 4)}`)
    const id = rng.uuid()
    if (level === 'province') {
      const base = PROVINCES[i % PROVINCES.length]
      const name =
        i < PROVINCES.length ? base : `${base.slice(0, -1)}${Math.floor(i / PROVINCES.length) + 1}省`
      used.add(name)
      regions.push({ id, name, short: base.slice(0, -1), slug, level })
      return
    }
    const parentLevel: Record<Exclude<RegionLevel, 'province'>, RegionLevel[]> = {
      city: ['province'],
      county: ['city', 'province'],
      town: ['county', 'city', 'province'],
      park: ['city', 'county', 'province'],
    }
    const parents = parentLevel[level].map(byLevel).find((list) => list.length > 0)!
    const parent = rng.pick(parents)
    if (level === 'park') {
      const kind = rng.pick(PARK_KINDS)
      let name = `${parent.short}${kind}`
      for (let n = 2; used.has(name); n++) name = `${parent.short}第${n}${kind}`
      used.add(name)
      regions.push({ id, name, short: parent.short, slug, level, parent })
      return
    }
    const suffix =
      level === 'city' ? '市' : level === 'county' ? rng.pick(['区', '县']) : rng.pick(['镇', '街道'])
    const { short, name } = placeName(suffix)
    regions.push({ id, name, short, slug, level, parent })
  })
  return regions
}

function generateFigure(rng: Rng, indicator: Indicator): Figure {
  const unit = indicator.unit
  let value: number
  let qualifier: Qualifier = 'exact'
  let comparison: Comparison = 'none'
  switch (indicator.kind) {
    case 'share':
      value = rng.int(100, 1000) / 10
      qualifier = rng.pick(['exact', 'exact', 'over', 'nearly'] as const)
      break
    case 'change':
      comparison = 'yoy'
      value = (rng.chance(0.6) ? -1 : 1) * rng.int(5, 80)
      break
    case 'money':
      value = rng.pick([rng.int(10, 9999) * 10000, rng.int(10, 999) * 10_000_000, rng.int(100, 9999) * 1000])
      qualifier = rng.pick(['exact', 'exact', 'more', 'about'] as const)
      break
    default: {
      const shape = rng.int(0, 9)
      if (shape <= 4) value = rng.int(20, 9999)
      else if (shape <= 6) value = rng.int(100, 99999) * 100
      else if (shape === 7) {
        value = rng.int(1, 99) * 10000
        qualifier = rng.pick(['more', 'nearly', 'over'] as const)
      } else if (shape === 8) {
        value = 10 ** rng.int(2, 5)
        qualifier = 'orderOf'
      } else {
        value = rng.int(10, 999) * 10
        qualifier = 'about'
      }
    }
  }
  return { value, unit, qualifier, comparison, display: formatFigure({ value, unit, qualifier, comparison }) }
}

function generatePeriod(rng: Rng, year: number) {
  const kind = rng.pick(['year', 'year', 'partOfYear', 'cumulative', 'asOf'] as PeriodKind[])
  const day = (y: number, m: number, d: number) => `${y}-${pad(m, 2)}-${pad(d, 2)}T00:00:00.000Z`
  switch (kind) {
    case 'year':
      return { kind, label: `${year}年`, start: day(year, 1, 1), end: day(year, 12, 31) }
    case 'partOfYear':
      return { kind, label: `${year}年上半年`, start: day(year, 1, 1), end: day(year, 6, 30) }
    case 'cumulative': {
      const from = year - rng.int(2, 5)
      return { kind, label: `${from}年以来`, start: day(from, 1, 1), end: day(year, 12, 31) }
    }
    case 'asOf':
      return { kind, label: `截至${year}年底`, end: day(year, 12, 31) }
  }
}

const personName = (rng: Rng) =>
  rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.6) ? rng.pick(GIVEN) : '')
const fill = (template: string, region: Region, programme: string, enterprise?: Enterprise) =>
  template
    .replaceAll('{r}', region.name)
    .replaceAll('{p}', programme)
    .replaceAll('{e}', enterprise?.shortName ?? region.name)

type Plan = {
  channels: Doc[]
  topics: Doc[]
  regions: Doc[]
  indicators: Doc[]
  enterprises: Doc[]
  articles: Doc[]
  metrics: Doc[]
}

function plan(options: Required<Omit<CorpusOptions, 'log' | 'batchSize'>>): Plan {
  const rng = makeRng(options.seed)
  const base = Date.UTC(2017, 2, 1)
  const span = Date.UTC(2025, 11, 31) - base
  const stamps = (ms: number) => ({ createdAt: iso(ms), updatedAt: iso(ms), _status: 'published' })
  /** Reviewed collections (先审后发) also record that an editor published them. */
  const reviewed = (ms: number) => ({ ...stamps(ms), review: { state: 'published', reviewedAt: iso(ms) } })

  // Channels: 产改工作 › 他山之石, 基层动态 (the seed's slugs).
  const changai = { id: rng.uuid(), name: '产改工作', slug: 'changai' }
  const channelList = [
    { ...changai, parent: undefined, description: '产业工人队伍建设改革相关的政策、经验和动态。' },
    {
      id: rng.uuid(),
      name: '他山之石',
      slug: 'tashanzhishi',
      parent: changai.id,
      description: '各地推进产改的经验报道，供对照借鉴。',
    },
    {
      id: rng.uuid(),
      name: '基层动态',
      slug: 'jiceng-dongtai',
      parent: changai.id,
      description: '区县、乡镇和企业工会开展产改相关工作的简讯。',
    },
  ]
  const channels: Doc[] = channelList.map(({ id, ...data }) => ({ id, data: { ...data, ...stamps(base) } }))

  const topicList = TOPICS.map((name, i) => ({
    id: rng.uuid(),
    name,
    slug: checkSlug(`topic-${pad(i + 1, 2)}`),
  }))
  const topics: Doc[] = topicList.map(({ id, name, slug }) => ({
    id,
    data: { name, slug, description: `关于${name}的报道和数据。`, ...stamps(base) },
  }))

  const regionList = generateRegions(rng, options.regions)
  const codes = new Map<Region, string>()
  regionList.forEach((r, i) => {
    if (r.level === 'province') codes.set(r, `${pad(11 + (i % 80), 2)}0000`)
    else if ((r.level === 'city' || r.level === 'county') && r.parent && codes.has(r.parent)) {
      const prefix = codes.get(r.parent)!.slice(0, r.level === 'city' ? 2 : 4)
      const siblings = regionList.filter((s) => s.parent === r.parent && s.level === r.level)
      const n = siblings.indexOf(r) + 1
      if (n <= 99) codes.set(r, `${prefix}${pad(n, 2)}${r.level === 'city' ? '00' : ''}`)
    }
  })
  const regions: Doc[] = regionList.map((r) => ({
    id: r.id,
    data: {
      name: r.name,
      slug: r.slug,
      level: r.level,
      parent: r.parent?.id,
      adminCode: codes.get(r),
      pilotDesignation:
        r.level === 'town' && rng.chance(0.3)
          ? '省级产改试点镇'
          : r.level === 'park'
            ? '产改试点园区'
            : undefined,
      summary: `${r.name}产业工人队伍建设改革工作概况。`,
      body: lexicalDoc([
        `${r.name}${rng.pick(ACTIONS)}产业工人队伍建设改革，${rng.pick(MIDDLES)}`,
        rng.pick(MIDDLES),
      ]),
      ...reviewed(base),
    },
  }))

  const indicatorList: Indicator[] = INDICATORS.map(([name, kind, unit], i) => ({
    id: rng.uuid(),
    name,
    kind,
    unit,
    slug: checkSlug(`indicator-${pad(i + 1, 2)}`),
  }))
  const indicators: Doc[] = indicatorList.map((i) => ({
    id: i.id,
    data: {
      name: i.name,
      slug: i.slug,
      kind: i.kind,
      canonicalUnit: i.unit,
      description: `${i.name}，按${i.unit}计。`,
      ...reviewed(base),
    },
  }))

  // Enterprises sit in counties, towns and parks where there are any.
  const lowLevels = regionList.filter((r) => r.level !== 'province' && r.level !== 'city')
  const homes = lowLevels.length ? lowLevels : regionList
  const enterpriseList: Enterprise[] = []
  const enterpriseNames = new Set<string>()
  const enterprises: Doc[] = []
  for (let i = 0; i < options.enterprises; i++) {
    const region = rng.pick(homes)
    const industry = rng.pick(INDUSTRIES).value
    const trade = rng.pick(ENTERPRISE_TRADES[industry])
    let brand = rng.pick(BRAND_CHARS) + rng.pick(BRAND_CHARS)
    let name = `${region.short}${brand}${trade}有限公司`
    for (let n = 0; enterpriseNames.has(name); n++) {
      brand += rng.pick(BRAND_CHARS)
      name = `${region.short}${brand}${trade}有限公司`
    }
    enterpriseNames.add(name)
    const e: Enterprise = {
      id: rng.uuid(),
      name,
      shortName: `${brand}${trade}`,
      slug: checkSlug(`enterprise-${pad(i + 1, 5)}`),
      region,
    }
    enterpriseList.push(e)
    enterprises.push({
      id: e.id,
      data: {
        name: e.name,
        shortName: e.shortName,
        slug: e.slug,
        region: region.id,
        industry,
        ownership: rng.pick(OWNERSHIPS).value,
        pilotLevel: rng.pick(PILOT_LEVELS).value,
        pilotYear: rng.int(2017, 2025),
        summary: `${region.name}产改试点企业，${rng.pick(MIDDLES)}`,
        practices: rng.sample(PRACTICES, rng.int(1, 3)).map(([practice, description]) => ({
          id: rng.hex(24),
          name: practice,
          description,
        })),
        honours: rng.sample(HONOURS, rng.int(0, 2)).map((title) => ({
          id: rng.hex(24),
          title,
          year: rng.int(2017, 2025),
        })),
        website: rng.chance(0.5) ? `https://www.e${pad(i + 1, 5)}.example.cn/` : undefined,
        ...reviewed(base),
      },
    })
  }
  const enterprisesByRegion = Map.groupBy(enterpriseList, (e) => e.region)

  // Figures are planned per article first, so their evidence phrases can be written into the body.
  const figuresPerArticle = Array.from({ length: options.articles }, () => 0)
  for (let f = 0; f < options.figures; f++) figuresPerArticle[f % options.articles]++

  const articles: Doc[] = []
  const metrics: Doc[] = []
  const [, tashan, jiceng] = channelList
  for (let i = 0; i < options.articles; i++) {
    const id = rng.uuid()
    const slug = checkSlug(`article-${pad(i + 1, 5)}`)
    const published = base + Math.floor((span * (i + rng.next())) / options.articles)
    const year = new Date(published).getUTCFullYear()
    const region = rng.pick(regionList)
    const articleRegions = [region, ...(region.parent && rng.chance(0.5) ? [region.parent] : [])]
    if (rng.chance(0.2)) articleRegions.push(rng.pick(regionList))
    const local = enterprisesByRegion.get(region) ?? []
    const articleEnterprises = rng.sample(local.length ? local : enterpriseList, rng.int(0, 3))
    const programme = rng.pick(PROGRAMMES)
    const title = `${region.name}${rng.pick(ACTIONS)}${programme}${rng.pick(TITLE_TAILS)}`

    const figureSentences: string[] = []
    for (let f = 0; f < figuresPerArticle[i]; f++) {
      const indicator = rng.pick(indicatorList)
      const figure = generateFigure(rng, indicator)
      const scope = rng.pick(articleRegions)
      const enterprise =
        articleEnterprises.length && rng.chance(0.3) ? rng.pick(articleEnterprises) : undefined
      const evidence = `${enterprise?.shortName ?? ''}${indicator.name}${figure.display}`
      figureSentences.push(evidence)
      const metricId = rng.uuid()
      metrics.push({
        id: metricId,
        data: {
          title: [scope.name, indicator.name, figure.display].join(' · '),
          indicator: indicator.id,
          figureText: figure.display,
          value: figure.value,
          unit: figure.unit,
          qualifier: figure.qualifier,
          comparison: figure.comparison,
          display: figure.display,
          period: generatePeriod(rng, year),
          region: scope.id,
          enterprise: enterprise?.id,
          sourceArticle: id,
          evidence,
          ...reviewed(published),
        },
      })
    }

    const paragraphs = [fill(rng.pick(OPENINGS), region, programme) + rng.pick(MIDDLES)]
    const count = rng.int(5, 10)
    while (paragraphs.length < count - 1) {
      const sentences = rng.sample(MIDDLES, rng.int(2, 4))
      if (figureSentences.length && rng.chance(0.6))
        sentences.push(`数据显示，${figureSentences.splice(0, 2).join('，')}。`)
      paragraphs.push(sentences.join(''))
    }
    if (figureSentences.length) paragraphs.push(`据统计，${figureSentences.join('，')}。`)
    paragraphs.push(fill(rng.pick(CLOSINGS), region, programme, articleEnterprises[0]))

    const roll = rng.next()
    const channel = roll < 0.7 ? tashan : roll < 0.95 ? jiceng : channelList[0]
    articles.push({
      id,
      data: {
        title,
        slug,
        summary: `${region.name}${rng.pick(ACTIONS)}${programme}，${rng.pick(MIDDLES)}`,
        body: lexicalDoc(paragraphs),
        publishedAt: iso(published),
        channel: channel.id,
        topics: rng.sample(topicList, rng.int(1, 3)).map((t) => t.id),
        regions: [...new Set(articleRegions.map((r) => r.id))],
        enterprises: articleEnterprises.map((e) => e.id),
        source: rng.pick(SOURCES),
        originalUrl: `https://news.example.cn/${year}/${slug}.html`,
        authors: Array.from({ length: rng.int(1, 2) }, () => ({
          id: rng.hex(24),
          name: personName(rng),
          role: rng.pick(AUTHOR_ROLES).value,
        })),
        photographers: rng.chance(0.3) ? [{ id: rng.hex(24), name: personName(rng) }] : [],
        editor: personName(rng),
        ...reviewed(published),
      },
    })
  }

  return { channels, topics, regions, indicators, enterprises, articles, metrics }
}

// ---------------------------------------------------------------------------------------------------------
// Writing

type DrizzleSessions = {
  drizzle: { transaction: (run: (tx: unknown) => Promise<void>) => Promise<void> }
  sessions: Record<string, { db: unknown; resolve: () => Promise<void>; reject: () => Promise<void> }>
}

/**
 * Runs `write` inside one SQLite transaction (one commit per batch instead of one per statement). It is opened
 * on the adapter's drizzle instance and registered as a session, which is where the adapter's operations look
 * for the transaction named by `req.transactionID`; this works whether or not the adapter was configured with
 * `transactionOptions` (without them, `payload.db.beginTransaction()` returns null).
 */
async function inTransaction(payload: Payload, write: (req: PayloadRequest) => Promise<void>) {
  const db = payload.db as unknown as DrizzleSessions
  const req = await createLocalReq({}, payload)
  const id = randomUUID()
  await db.drizzle.transaction(async (tx) => {
    db.sessions[id] = { db: tx, resolve: async () => {}, reject: async () => {} }
    try {
      req.transactionID = id
      await write(req)
    } finally {
      delete db.sessions[id]
    }
  })
}

async function writeDocs(payload: Payload, collection: CollectionSlug, docs: Doc[], batchSize: number) {
  const hasVersions = Boolean(payload.collections[collection].config.versions)
  for (let start = 0; start < docs.length; start += batchSize) {
    await inTransaction(payload, async (req) => {
      for (const { id, data } of docs.slice(start, start + batchSize)) {
        await payload.db.create({ collection, customID: id, data, req, returning: false })
        if (hasVersions) {
          await payload.db.createVersion({
            collectionSlug: collection,
            parent: id,
            versionData: { ...data, id } as never,
            autosave: false,
            createdAt: data.createdAt as string,
            updatedAt: data.updatedAt as string,
            req,
            returning: false,
          })
        }
      }
    })
  }
}

/** Writes a fresh corpus; the database must be empty (freshly migrated). */
export async function generateCorpus(payload: Payload, options: CorpusOptions = {}): Promise<CorpusSummary> {
  const started = performance.now()
  const log = options.log ?? (() => {})
  const settings = {
    articles: options.articles ?? 10_000,
    regions: options.regions ?? 300,
    enterprises: options.enterprises ?? 2_000,
    figures: options.figures ?? 20_000,
    seed: options.seed ?? 20170206,
  }
  if (settings.articles < 1 || settings.regions < 1)
    throw new Error('the corpus needs at least one article and one region')
  const corpus = plan(settings)
  log(`planned in ${((performance.now() - started) / 1000).toFixed(1)} s`)

  const order: [CollectionSlug, Doc[]][] = [
    ['channels', corpus.channels],
    ['topics', corpus.topics],
    ['regions', corpus.regions],
    ['indicators', corpus.indicators],
    ['enterprises', corpus.enterprises],
    ['articles', corpus.articles],
    ['metrics', corpus.metrics],
  ]
  const counts: Record<string, number> = {}
  for (const [collection, docs] of order) {
    const t = performance.now()
    await writeDocs(payload, collection, docs, options.batchSize ?? 500)
    counts[collection] = docs.length
    log(`${collection}: ${docs.length} in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  }

  const sample = corpus.articles[0]
  return {
    counts,
    ms: performance.now() - started,
    sampleArticle: { id: sample.id, slug: sample.data.slug as string, title: sample.data.title as string },
    articleIds: corpus.articles.map((a) => a.id),
  }
}
