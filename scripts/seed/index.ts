import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { convertMarkdownToLexical, editorConfigFactory } from '@payloadcms/richtext-lexical'
import type { CollectionSlug, Payload } from 'payload'

import { toSlug } from '../../content-schema/slug'
import { drawIllustration } from './illustrations'
import type { DemoContent } from './types'

export const DEMO_DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data')

/** Seeded writes request no rebuild each; whoever seeds asks for one rebuild at the end. */
export const SEED_CONTEXT = { skipRebuild: true } as const

type Status = 'draft' | 'published'
type Ids = Map<string, string>

/**
 * Loads the demo content (regions, enterprises, indicators, articles, figures from the four seed reports).
 * Idempotent: documents are matched by slug (figures by article, indicator, region and evidence phrase)
 * and updated in place, so seeding twice creates no duplicates.
 */
export async function seedDemoContent(payload: Payload, dataDir = DEMO_DATA_DIR) {
  const content = await readDemoContent(dataDir)
  const markdown = await markdownConverter(payload)
  const upsert = upsertBySlug(payload)

  const channels: Ids = new Map()
  for (const c of content.channels) {
    const parent = c.parent ? lookup(channels, c.parent, '栏目') : undefined
    channels.set(
      c.name,
      await upsert('channels', c.slug, { name: c.name, description: c.description, parent }),
    )
  }
  const topics: Ids = new Map()
  for (const t of content.topics) topics.set(t.name, await upsert('topics', t.slug, t))

  const regions: Ids = new Map()
  for (const r of content.regions) {
    const parent = r.parent ? lookup(regions, r.parent, '地区') : undefined
    regions.set(r.name, await upsert('regions', toSlug(r.name), { ...r, parent, body: markdown(r.body) }))
  }
  const indicators: Ids = new Map()
  for (const i of content.indicators)
    indicators.set(i.name, await upsert('indicators', i.slug ?? toSlug(i.name), i))

  const enterprises: Ids = new Map()
  for (const e of content.enterprises) {
    const data = { ...e, region: lookup(regions, e.region, '地区') }
    enterprises.set(e.name, await upsert('enterprises', toSlug(e.name), data))
  }

  const articles: Ids = new Map()
  for (const {
    key,
    status = 'published',
    review = 'draft',
    photographers = [],
    hero,
    ...a
  } of content.articles) {
    const body = await fs.readFile(path.join(dataDir, 'articles', `${key}.md`), 'utf8')
    const data = {
      ...a,
      heroImage: hero ? await upsertIllustration(payload, hero) : undefined,
      body: markdown(body),
      photographers: photographers.map((name) => ({ name })),
      review: { state: review },
      channel: a.channel ? lookup(channels, a.channel, '栏目') : undefined,
      topics: (a.topics ?? []).map((name) => lookup(topics, name, '专题')),
      regions: (a.regions ?? []).map((name) => lookup(regions, name, '地区')),
      enterprises: (a.enterprises ?? []).map((name) => lookup(enterprises, name, '企业')),
    }
    articles.set(key, await upsert('articles', key, data, status))
  }

  for (const m of content.metrics) {
    const data = {
      indicator: lookup(indicators, m.indicator, '指标'),
      figureText: m.figure,
      region: lookup(regions, m.region, '地区'),
      enterprise: m.enterprise ? lookup(enterprises, m.enterprise, '企业') : undefined,
      period: m.period,
      sourceArticle: lookup(articles, m.article, '文章'),
      evidence: m.evidence,
    }
    await upsertMetric(payload, data)
  }

  await seedSiteSettings(payload, content.siteSettings)

  return {
    regions: regions.size,
    enterprises: enterprises.size,
    indicators: indicators.size,
    articles: articles.size,
    metrics: content.metrics.length,
  }
}

export async function readDemoContent(dataDir = DEMO_DATA_DIR): Promise<DemoContent> {
  const read = async (name: string) =>
    JSON.parse(await fs.readFile(path.join(dataDir, `${name}.json`), 'utf8'))
  return {
    channels: await read('channels'),
    topics: await read('topics'),
    regions: await read('regions'),
    indicators: await read('indicators'),
    enterprises: await read('enterprises'),
    articles: await read('articles'),
    metrics: await read('metrics'),
    siteSettings: await read('site-settings'),
  }
}

/** Placeholder settings for a fresh site; settings an administrator has filled in are left as they are. */
async function seedSiteSettings(payload: Payload, settings: DemoContent['siteSettings']) {
  const current = await payload.findGlobal({ slug: 'site-settings', depth: 0 })
  if (current.organizer) return
  await payload.updateGlobal({ slug: 'site-settings', data: settings, context: SEED_CONTEXT })
}

function lookup(ids: Ids, name: string, kind: string) {
  const id = ids.get(name)
  if (!id)
    throw new Error(
      `Demo content refers to ${kind} "${name}", which is not defined earlier in the data files`,
    )
  return id
}

async function markdownConverter(payload: Payload) {
  const editorConfig = await editorConfigFactory.default({ config: payload.config })
  return (markdown: string | undefined) =>
    markdown ? convertMarkdownToLexical({ editorConfig, markdown }) : undefined
}

function upsertBySlug(payload: Payload) {
  return async (collection: CollectionSlug, slug: string, data: object, status: Status = 'published') => {
    const { docs } = await payload.find({
      collection,
      where: { slug: { equals: slug } },
      limit: 1,
      depth: 0,
      draft: true,
    })
    const args = {
      collection,
      data: { ...data, slug, _status: status },
      draft: status === 'draft',
      context: SEED_CONTEXT,
    }
    const doc = docs[0]
      ? await payload.update({ ...args, id: docs[0].id })
      : await payload.create(args as Parameters<Payload['create']>[0])
    return String(doc.id)
  }
}

/** Uploads a drawn illustration once; later runs find it by file name. */
async function upsertIllustration(
  payload: Payload,
  hero: NonNullable<DemoContent['articles'][number]['hero']>,
) {
  const { docs } = await payload.find({
    collection: 'media',
    where: { filename: { equals: hero.file } },
    limit: 1,
  })
  if (docs[0]) return String(docs[0].id)
  const data = await drawIllustration(hero.motif)
  const media = await payload.create({
    collection: 'media',
    data: { alt: hero.alt, caption: hero.caption, credit: '产改门户制图' },
    file: { data, mimetype: 'image/png', name: hero.file, size: data.length },
    context: SEED_CONTEXT,
  })
  return String(media.id)
}

async function upsertMetric(payload: Payload, data: Record<string, unknown> & { evidence: string }) {
  const { docs } = await payload.find({
    collection: 'metrics',
    where: {
      and: [
        { sourceArticle: { equals: data.sourceArticle } },
        { indicator: { equals: data.indicator } },
        { region: { equals: data.region } },
        { evidence: { equals: data.evidence } },
      ],
    },
    limit: 1,
    depth: 0,
    draft: true,
  })
  const args = {
    collection: 'metrics' as const,
    data: { ...data, _status: 'published' as const },
    context: SEED_CONTEXT,
  }
  if (docs[0]) await payload.update({ ...args, id: docs[0].id } as never)
  else await payload.create(args as never)
}
