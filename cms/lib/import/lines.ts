/**
 * Each line of a page is one of: site chrome (navigation, forum furniture, share bars, footers), SEO spam,
 * a metadata line (date, 来源, 编辑), a photo credit, a byline in brackets, a headline, article text, or a
 * short fragment. Classification reads the simplified, half-width copy of the line.
 */
import {
  type Byline,
  type LineMeta,
  readClosingByline,
  readMetaLine,
  readNames,
  readPhotoCredit,
} from './byline'
import { closeGaps, hanCount, matchingText } from './chinese'

export type LineKind =
  'chrome' | 'spam' | 'meta' | 'credit' | 'byline' | 'headline' | 'body' | 'short' | 'table'

export type Line = {
  /** As the page has it (traditional stays traditional). */
  text: string
  /** Simplified, half-width, same length as `text`. */
  match: string
  kind: LineKind
  meta?: LineMeta
  /** For a table row: its cells (matching text). */
  cells?: string[]
  /** For a credit line: the photographers; for a byline or a paragraph closed by one: the authors. */
  photographers?: string[]
  authors?: Byline[]
}

/** Words that, standing alone, are site or forum furniture rather than article text. */
const CHROME_WORDS = new Set(
  (
    '首页 主页 网站首页 回复 登录 注册 立即注册 找回密码 忘记密码 用户名 密码 验证码 搜索 使用道具 举报 返回顶部 ' +
    '返回列表 快速回复 阅读量 阅读数 浏览量 浏览次数 点击量 点击数 分享 分享到 复制链接 复制分享 我要评论 评论 收藏 点赞 ' +
    '打印 打印本页 关闭 关闭窗口 字号 大 中 小 默认 上一主题 下一主题 上一篇 下一篇 只看该作者 只看大图 回帖奖励 倒序浏览 ' +
    '阅读模式 跳转到指定楼层 楼主 沙发 板凳 地板 积分 帖子 主题 精华 金钱 威望 贡献 在线时间 注册时间 最后登录 发消息 ' +
    '加好友 手机版 小黑屋 本版积分规则 声明 免责声明 网站声明 网站地图 联系我们 关于我们 设为首页 加入收藏 微信 微博 ' +
    'QQ空间 扫一扫 二维码 电信 联通 移动 纠错 隐私政策 帮助 更多 返回 顶部 发表于 来自 版块 楼 发帖 回帖 ' +
    '请输入关键词 站内搜索 全文检索 无障碍 适老化 长辈版 English 繁体 简体 繁體'
  ).split(' '),
)

/** Whole-line patterns of chrome, whatever else the line says. */
const CHROME_LINES = [
  /^(?:您当前的位置|您现在的位置|当前位置|所在位置|您的位置|位置)\s*[是为]?\s*[:：]/,
  /copyright|©|版权所有|all rights reserved/i,
  /ICP[备证]|[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z]\d-\d{6,}|公网安备/,
  /powered by|discuz|comsenz/i,
  /GMT\s*[+-]\s*\d/,
  /禁止转载|未经.{0,12}(?:许可|授权|同意)|转载请注明|本文由.{0,24}发布/,
  /您需要登录后才可以|登录后才能|还没有账号|注册新用户/,
  /^(?:查看|回复|阅读|浏览|点击|评论)\s*[:：]?\s*\d+/,
  /^(?:上一篇|下一篇|上一主题|下一主题|上一条|下一条)/,
  /^(?:相关阅读|相关新闻|相关链接|相关文章|推荐阅读|热点推荐|热门文章|延伸阅读)/,
  /^(?:关键词|关键字|标签|tags?)\s*[:：]/i,
  /^(?:Rank|UID)\s*:/i,
  /主办单位|承办单位|技术支持\s*[:：]|联系电话|邮编\s*[:：]|地址\s*[:：]/,
]

/** Words of the adult and gambling spam that hacked pages carry; two in one line mark it as spam. */
const SPAM_WORDS =
  /毛片|无码|人妻|久久|一区二区|在线观看|免费视频|视频在线|\bAV\b|A级|熟妇|乱伦|色情|影院|精品|日韩|欧美|激情|伦理|博彩|彩票|娱乐城|六合彩|赌场|棋牌|百家乐|时时彩|约炮|黄色|国产|视频/g
const DOMAIN = /[a-z0-9-]+\.(?:cn|com|net|org|cc|xyz|top|vip|info)\b/i

export function classifyLine(text: string): Line {
  const match = matchingText(text)
  const line: Line = { text, match, kind: 'short' }
  if (isSpam(match)) return { ...line, kind: 'spam' }
  const meta = readMetaLine(match)
  if (meta) return { ...line, kind: 'meta', meta: metaAsWritten(line, meta) }
  const cells = tableCells(match)
  if (cells) return { ...line, kind: 'table', cells }
  if (isChrome(match)) return { ...line, kind: 'chrome' }
  const standalone = /^[(（]([^()（）]{2,24})[)）]$/.exec(match)
  const standaloneNames = standalone && readNames(standalone[1])
  if (standaloneNames) {
    const authors = standaloneNames.map((a) => ({ ...a, name: asWritten(line, a.name) }))
    return { ...line, kind: 'byline', authors }
  }
  const credit = readPhotoCredit(match)
  if (credit) {
    return { ...line, kind: 'credit', photographers: credit.photographers.map((n) => asWritten(line, n)) }
  }
  const han = hanCount(match)
  if (match.includes('。') || (han >= 30 && /[，,；;]/.test(match))) {
    const closing = readClosingByline(match)
    if (closing) {
      const authors = closing.authors.map((a) => ({ ...a, name: asWritten(line, a.name) }))
      return { ...line, text: text.slice(0, closing.rest.length), match: closing.rest, kind: 'body', authors }
    }
    return { ...line, kind: 'body' }
  }
  if (han >= 6 && han <= 60 && !/[，,、；;:：]$/.test(match)) return { ...line, kind: 'headline' }
  return line
}

/**
 * A row of a figures table as text out of a PDF or a page: cells apart by tabs or wide spaces, all but the
 * first (and a unit column after it) a number or a year (项目 2022年 2023年 / 职业技能等级认定（人） 3120 4065).
 */
function tableCells(match: string): string[] | undefined {
  if (!/\t| {3,}|\u3000{2,}/.test(match.trim())) return undefined
  const cells = match
    .trim()
    .split(/\t+| {3,}|\u3000{2,}/)
    .map((c) => c.trim())
    .filter(Boolean)
  if (cells.length < 2 || !/[\u4e00-\u9fff]/.test(cells[0])) return undefined
  // A unit column (指标 单位 2022年 2023年 / 新增高技能人才 人 2150 2480) may stand after the label.
  const values = TABLE_UNIT.test(cells[1]) && cells.length > 2 ? cells.slice(2) : cells.slice(1)
  return values.every((c) => TABLE_VALUE.test(c)) ? cells : undefined
}

/** A unit cell, or the 单位 heading over a column of them. */
export const TABLE_UNIT = /^(?:单位|人次|人|名|家|个|项|场|次|元|万元|亿元|%)$/
/** A value cell: 2150, 2,150, 1.3万, 15%, 2150人; or a year heading: 2023, 2023年. */
const TABLE_VALUE =
  /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万|亿)?(?:人次|人|名|家|个|项|场|次|元|%)?$|^\d{4}年?$/

/** A name or phrase read from the matching copy, as the page writes it (孙铮 in a traditional page is 孫錚). */
function asWritten(line: Line, found: string): string {
  const at = line.match.lastIndexOf(found)
  return at >= 0 ? line.text.slice(at, at + found.length) : found
}

function metaAsWritten(line: Line, meta: LineMeta): LineMeta {
  const written = (value: string | undefined) => (value === undefined ? undefined : asWritten(line, value))
  return {
    ...meta,
    source: written(meta.source),
    editor: meta.editor
      ?.split('、')
      .map((n) => asWritten(line, n))
      .join('、'),
    authors: meta.authors?.map((a) => ({ ...a, name: asWritten(line, a.name) })),
    photographers: meta.photographers?.map((n) => asWritten(line, n)),
    originalUrl: written(meta.originalUrl),
  }
}

function isSpam(match: string): boolean {
  const hits = new Set(match.match(SPAM_WORDS) ?? [])
  const sentence = /[。!?]/.test(match)
  if (hits.size >= 3 || (hits.size >= 2 && !sentence)) return true
  const segments = match.split(/[,，|｜]/).filter((s) => s.trim())
  if (segments.length < 4 || sentence) return false
  return hits.size >= 1 || DOMAIN.test(match)
}

function isChrome(match: string): boolean {
  if (match.includes('。')) return false
  if (CHROME_LINES.some((pattern) => pattern.test(match))) return true
  // A PDF's spaces around figures (服务站 4 个，…劳动者 5600) do not make a sentence a row of links.
  const tokens = closeGaps(match)
    .split(/[\s|｜·•/>»›]+/)
    .map((t) => t.replace(/^[[\]【】()（）「」]+|[[\]【】()（）「」:：]+$/g, ''))
    .filter(Boolean)
  if (tokens.length === 0) return true
  const furniture = tokens.filter((t) => CHROME_WORDS.has(t) || /^[\d\s:：.,+\-/]+$/.test(t))
  return furniture.length / tokens.length >= 0.5
}
