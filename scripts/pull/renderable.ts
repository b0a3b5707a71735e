/**
 * Only what the portal can render goes into a build. Every normalized document is checked against the
 * portal's schema (content-schema/portal.ts, the check the site applies to each entry); a published
 * document that fails it, or whose rich text cannot be converted, is left out of this build and reported,
 * and everything else is published: references to it are dropped like references to a draft (a figure
 * citing a left-out article goes with it). The CMS refuses such documents when they are saved
 * (cms/hooks/input.ts); this catches what was saved before a rule existed or came in by another way.
 */
import type { z } from 'astro/zod'

import type { Media } from '../../content-schema/payload-types'
import {
  articleSchema,
  channelSchema,
  enterpriseSchema,
  indicatorSchema,
  metricSchema,
  regionSchema,
  topicSchema,
  type PortalCollection,
  type PortalContent,
} from '../../content-schema/portal'
import { normalizeContent, type RawContent, type Warn } from './normalize'

/**
 * A published document this build could not render, and why (in the editor's words); `kept` when the
 * portal keeps showing it as the last pull had it, else it is left out.
 */
export type Rejection = {
  collection: PortalCollection
  id: string
  name: string
  reasons: string[]
  kept: boolean
}

const SCHEMAS: Record<PortalCollection, z.ZodType> = {
  articles: articleSchema,
  regions: regionSchema,
  enterprises: enterpriseSchema,
  indicators: indicatorSchema,
  metrics: metricSchema,
  channels: channelSchema,
  topics: topicSchema,
}

export const COLLECTION_NAMES: Record<PortalCollection, string> = {
  articles: '文章',
  regions: '地区',
  enterprises: '试点企业',
  indicators: '指标',
  metrics: '指标数据',
  channels: '栏目',
  topics: '专题',
}

/** Field names in messages, as the admin labels them. */
const FIELD_NAMES: Record<string, string> = {
  slug: '链接名',
  title: '标题',
  name: '名称',
  publishedAt: '发布时间',
  updatedAt: '修改时间',
  value: '数值',
  unit: '单位',
  period: '统计期',
  start: '开始日期',
  end: '结束日期',
  heroImage: '题图',
  alt: '替代文字',
  originalUrl: '原文链接',
  website: '网站',
  adminCode: '行政区划代码',
  authors: '作者/记者',
  evidence: '原文语句',
  level: '层级',
}

type RawDocument = {
  id: string
  updatedAt?: string
  slug?: string | null
  title?: string | null
  name?: string | null
}

export function renderableContent(
  raw: RawContent,
  warn: Warn,
  mediaUrl: (media: Media) => string,
  /** The document as the last pull had it (scripts/pull/snapshot.ts), to keep it at its last good state. */
  lastPulled: (collection: PortalCollection, id: string) => RawDocument | undefined = () => undefined,
): {
  content: PortalContent
  rejected: Rejection[]
  kept: { collection: PortalCollection; doc: RawDocument }[]
} {
  const rejected = new Map<string, Rejection>()
  const kept = new Map<string, { collection: PortalCollection; doc: RawDocument }>()
  let current = raw
  // Leaving a document out can leave another without what it needs (a figure without its article): that
  // one is dropped by normalizeContent, so a few rounds settle it.
  for (;;) {
    const warnings: string[] = []
    const found = new Map<string, Rejection>()
    const reject = (collection: PortalCollection, id: string, reason: string) => {
      const key = `${collection}/${id}`
      const doc = (current[collection] as RawDocument[]).find((d) => d.id === id)
      const entry = found.get(key) ?? {
        collection,
        id,
        name: doc?.title ?? doc?.name ?? doc?.slug ?? id,
        reasons: [],
        kept: false,
      }
      entry.reasons.push(reason)
      found.set(key, entry)
    }
    const content = normalizeContent(current, (m) => warnings.push(m), mediaUrl, reject)
    for (const collection of Object.keys(SCHEMAS) as PortalCollection[]) {
      const entries = content[collection] as { id?: string }[]
      entries.forEach((entry, i) => {
        const result = SCHEMAS[collection].safeParse(entry)
        if (result.success) return
        // Entries follow their documents in order; figures, some of which normalizeContent drops, carry their id.
        const id = collection === 'metrics' ? entry.id! : (current[collection][i] as RawDocument).id
        for (const issue of result.error.issues) reject(collection, id, describeIssue(issue))
      })
    }
    if (!found.size) {
      warnings.forEach(warn)
      return { content, rejected: [...rejected.values()], kept: [...kept.values()] }
    }
    // Each document failing for the first time goes back to the version the last pull had, if that is another
    // version; one failing again (or with none to go back to) is left out.
    const replaced = new Map<string, RawDocument>()
    for (const [key, entry] of found) {
      const failing = (current[entry.collection] as RawDocument[]).find((d) => d.id === entry.id)
      const previous = lastPulled(entry.collection, entry.id)
      const fresh = !rejected.has(key)
      if (fresh && previous && failing && previous.updatedAt !== failing.updatedAt) {
        replaced.set(key, previous)
        kept.set(key, { collection: entry.collection, doc: previous })
        rejected.set(key, { ...entry, kept: true })
      } else {
        kept.delete(key)
        rejected.set(key, { ...entry, reasons: rejected.get(key)?.reasons ?? entry.reasons, kept: false })
      }
    }
    current = Object.fromEntries(
      Object.entries(current).map(([collection, docs]) => [
        collection,
        (docs as RawDocument[]).flatMap((d) => {
          const key = `${collection}/${d.id}`
          if (!found.has(key)) return [d]
          const previous = replaced.get(key)
          return previous ? [previous] : []
        }),
      ]),
    ) as RawContent
  }
}

const ZOD_PROBLEMS: Partial<Record<z.core.$ZodIssue['code'], string>> = {
  invalid_value: '不是可选的值',
  invalid_type: '缺少或类型不对',
  too_small: '不能为空或太小',
  too_big: '太长或太大',
  invalid_format: '格式不对',
}

function describeIssue(issue: z.core.$ZodIssue) {
  const field = issue.path
    .filter((p) => typeof p === 'string')
    .map((p) => FIELD_NAMES[p] ?? p)
    .join(' › ')
  // The rules of content-schema/rules.ts speak Chinese; zod's own messages (a wrong type) do not.
  const message = /[\u4e00-\u9fff]/.test(issue.message)
    ? issue.message
    : `${ZOD_PROBLEMS[issue.code] ?? '格式不对'}（${issue.message}）`
  return field && !message.startsWith(field) ? `${field}：${message}` : message
}

/** For the admin's build record: which documents stayed off the portal, and what to change. */
export function describeRejections(rejected: Rejection[]) {
  if (!rejected.length) return undefined
  const lines = rejected.map(
    (r) =>
      `${COLLECTION_NAMES[r.collection]}《${r.name}》（编号 ${r.id}，${r.kept ? '门户上保留上次发布的版本' : '本次未上线'}）：` +
      r.reasons.join('；'),
  )
  return `以下已发布的内容无法生成网页（其余内容均已发布），请修改后重新发布：\n${lines.join('\n')}`
}
