/**
 * importReport: a saved page → drafts for an editor to check. Reads the bytes (any Chinese encoding), extracts
 * the article or the digest's articles, links the regions and enterprises they name, proposes a draft figure for
 * every figure, and writes it all as drafts with an 导入记录 (imports) listing what to check. Nothing is
 * published. A page that cannot be imported throws ImportError before anything is written; the writes
 * themselves run in one transaction. The same page imported again updates the drafts it made the first time,
 * unless someone has changed them since (revised, submitted, published) or the person importing may not
 * change them: then it writes new drafts beside them and says so in the notes, and overwrites nothing.
 *
 * Writes run with the access rules of the person importing (`overrideAccess: false` with the request's user),
 * like any other save: the importer is an interface, not a way around the rules (issue #13, item 2). Without a
 * user (`npm run import` on the server), it writes as the operator.
 */
import crypto from 'node:crypto'

import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  type Payload,
  type PayloadRequest,
} from 'payload'

import { isUnit } from '../../../content-schema/enums'
import { canUpdate } from '../../access/roles'
import type { Import } from '../../../content-schema/payload-types'
import { analyseArticle, type ArticleAnalysis, type Catalogue, type PlaceRef, type Proposal } from './analyse'
import { decodePage } from './decode'
import { type Duplicate, findDuplicate, type KnownArticle, titleWords } from './duplicates'
import { ImportError } from './errors'
import { extractArticles, type ExtractedArticle } from './extract'
import type { KnownIndicator } from './indicators'
import { checkPageLimits } from './limits'
import { Gazetteer } from './link'

/** Drafts never trigger a portal rebuild; the context says so up front and spares the hook its queries. */
export const IMPORT_CONTEXT = { skipRebuild: true } as const

export type ImportInput = { fileName: string; bytes: Uint8Array }

type ImportedCollection = 'articles' | 'metrics' | 'regions' | 'enterprises'
type NoteKind = 'review' | 'typo' | 'proposal' | 'missing'
export type ImportNote = {
  kind: NoteKind
  message: string
  document?: { collection: ImportedCollection; id: string }
}

export type ImportResult = {
  importId: string
  fileName: string
  encoding: string
  /** 'updated' when the same page had been imported before and its drafts were updated. */
  status: 'drafted' | 'updated'
  digest: boolean
  /** 'existing': the report is already in the CMS (same original address, or same title and text); nothing was written for it. */
  articles: { id: string; title: string; action: 'created' | 'updated' | 'existing' }[]
  metrics: { total: number; created: number; updated: number; needsReview: number }
  /** Every proposed figure: what was read, where it was placed, and what the editor must check. */
  figures: {
    id: string
    phrase: string
    figureText: string
    indicator?: string
    region?: string
    enterprise?: string
    period: string
    review: string[]
  }[]
  regions: { matched: string[]; proposed: string[] }
  enterprises: { matched: string[]; proposed: string[] }
  /** 疑似错字 and similar warnings, in Chinese. */
  flags: string[]
  notes: ImportNote[]
}

export async function importReport(
  payload: Payload,
  { fileName, bytes }: ImportInput,
  options: {
    req?: PayloadRequest
    /** The editor asks for a copy of a report the CMS already has. */ again?: boolean
  } = {},
): Promise<ImportResult> {
  if (bytes.length === 0) throw new ImportError('文件是空的：没有可导入的内容，未导入任何内容')
  const decoded = decodePage(bytes)
  checkPageLimits(decoded.text)
  const page = extractArticles(decoded.text)
  const req = options.req ?? (await createLocalReq({}, payload))
  const catalogue = await loadCatalogue(payload, req)
  const analyses = page.articles.map((article) => analyseArticle(article, catalogue))
  const contentHash = hashOf(page.articles)

  const ownTransaction = !options.req && (await initTransaction(req))
  try {
    const writer = new DraftWriter(payload, req, await findRecord(payload, req, contentHash))
    const duplicates = options.again
      ? analyses.map(() => undefined)
      : await Promise.all(analyses.map((a) => duplicateOf(payload, req, a.article, writer.ownIds())))
    const fresh = analyses.filter((_, i) => !duplicates[i])
    const places = await writer.writeProposals(fresh.flatMap((a) => a.proposals))
    const written: WrittenArticle[] = []
    for (const [index, analysis] of analyses.entries()) {
      const duplicate = duplicates[index]
      written.push(
        duplicate
          ? existingArticle(duplicate, analysis)
          : await writeArticle(writer, places, analysis, index),
      )
    }
    const figures = written.flatMap((w) => w.figures)
    const notes = [...written.flatMap((w) => w.notes), ...places.notes]
    const metrics = {
      total: figures.length,
      created: figures.filter((f) => f.action === 'created').length,
      updated: figures.filter((f) => f.action === 'updated').length,
      needsReview: figures.filter((f) => f.review.length).length,
    }
    const status = writer.record ? 'updated' : 'drafted'
    notes.push(...writer.notes)
    const record = await writer.saveRecord({
      fileName,
      contentHash,
      encoding: decoded.encoding,
      status,
      summary: summarize(analyses, metrics, duplicates.filter(Boolean).length),
      notes,
    })
    if (ownTransaction) await commitTransaction(req)
    const linked = (kind: 'region' | 'enterprise') => ({
      matched: unique(
        analyses.flatMap((a) => (kind === 'region' ? a.regions : a.enterprises).filter((p) => p.id)),
      ),
      proposed: unique(analyses.flatMap((a) => a.proposals.filter((p) => p.kind === kind))),
    })
    return {
      importId: record.id,
      fileName,
      encoding: decoded.encoding,
      status,
      digest: page.digest,
      articles: written.map((w) => w.article),
      metrics,
      figures: figures.map(({ action: _, ...figure }) => figure),
      regions: linked('region'),
      enterprises: linked('enterprise'),
      flags: [...new Set(analyses.flatMap((a) => a.flags))],
      notes,
    }
  } catch (error) {
    if (ownTransaction) await killTransaction(req)
    throw error
  }
}

/**
 * The same report already in the CMS, whoever put it there (duplicates.ts says what counts as the same).
 * Drafts this page's own earlier import made are not duplicates: importing again updates them.
 */
async function duplicateOf(
  payload: Payload,
  req: PayloadRequest,
  article: ExtractedArticle,
  own: Set<string>,
): Promise<Duplicate | undefined> {
  const or: Record<string, unknown>[] = [{ title: { contains: titleWords(article.title) } }]
  if (article.originalUrl) or.push({ originalUrl: { equals: article.originalUrl } })
  const { docs } = await payload.find({
    collection: 'articles',
    where: { or } as never,
    draft: true,
    depth: 0,
    limit: 50,
    pagination: false,
    req,
  })
  const known: KnownArticle[] = docs
    .filter((doc) => !own.has(String(doc.id)))
    .map((doc) => ({
      id: String(doc.id),
      title: doc.title ?? '',
      status: doc._status ?? 'draft',
      originalUrl: doc.originalUrl,
      text: lexicalText(doc.body),
    }))
  return findDuplicate(article, known)
}

/** The text of a Lexical rich-text value. */
function lexicalText(value: unknown): string {
  if (!value || typeof value !== 'object') return ''
  const node = value as { text?: unknown; children?: unknown[]; root?: unknown }
  if (node.root) return lexicalText(node.root)
  const own = typeof node.text === 'string' ? node.text : ''
  return own + (node.children ?? []).map(lexicalText).join('')
}

/** A report the CMS already has: nothing is written; the note links the article that is there. */
function existingArticle(duplicate: Duplicate, analysis: ArticleAnalysis): WrittenArticle {
  const state = duplicate.status === 'published' ? '已发布' : '草稿'
  const how = duplicate.why === 'url' ? '原文地址相同' : '标题相同、正文基本一致'
  return {
    article: { id: duplicate.id, title: duplicate.title, action: 'existing' },
    figures: [],
    notes: [
      {
        kind: 'review',
        message:
          `这篇报道已在系统中（${how}）：《${duplicate.title}》（${state}）。` +
          `本次没有再创建这篇文章和它的${analysis.metrics.length}项数据；如确需另存一份，请选择“仍然导入”重新导入`,
        document: { collection: 'articles', id: duplicate.id },
      },
    ],
  }
}

type WrittenArticle = {
  article: ImportResult['articles'][number]
  figures: (ImportResult['figures'][number] & { action: 'created' | 'updated' })[]
  notes: ImportNote[]
}

/** One article draft and a draft figure for each figure in it, with the notes for the editor. */
async function writeArticle(
  writer: DraftWriter,
  places: Places,
  analysis: ArticleAnalysis,
  index: number,
): Promise<WrittenArticle> {
  const article = await writer.upsert('articles', `article:${index}`, articleData(analysis, places))
  const document = { collection: 'articles' as const, id: article.id }
  const notes: ImportNote[] = [
    ...analysis.notes.map((message) => ({ kind: 'missing' as const, message, document })),
    ...analysis.flags.map((message) => ({ kind: 'typo' as const, message, document })),
    ...analysis.practices.map((practice) => ({
      kind: 'review' as const,
      message: `文中提到“${practice.enterprise.name}”的做法“${practice.name}”，可补充到该企业的特色做法：${practice.description}`,
      document: { collection: 'enterprises' as const, id: practice.enterprise.id! },
    })),
  ]
  const figures: WrittenArticle['figures'] = []
  for (const [n, metric] of analysis.metrics.entries()) {
    const data = {
      indicator: metric.indicator?.id,
      figureText: metric.figureText,
      region: places.idOf(metric.region),
      enterprise: places.idOf(metric.enterprise),
      period: metric.period,
      sourceArticle: article.id,
      evidence: metric.evidence,
    }
    const { id, action } = await writer.upsert('metrics', `metric:${index}:${n}`, data)
    figures.push({
      id,
      action,
      phrase: metric.phrase,
      figureText: metric.figureText,
      indicator: metric.indicator?.name,
      region: metric.region?.name,
      enterprise: metric.enterprise?.name,
      period: metric.period.label,
      review: metric.review,
    })
    if (metric.review.length) {
      notes.push({
        kind: 'review',
        message: `「${metric.phrase}」（${metric.evidence}）：${metric.review.join('；')}`,
        document: { collection: 'metrics', id },
      })
    }
  }
  return {
    article: { id: article.id, title: analysis.article.title, action: article.action },
    figures,
    notes,
  }
}

const unique = (places: PlaceRef[]) => [...new Set(places.map((p) => p.name))]

/** The page's articles as text: the same report saved twice (or once as GBK, once as UTF-8) hashes the same. */
function hashOf(articles: ExtractedArticle[]): string {
  const text = articles.map((a) => [a.title, ...a.paragraphs].join('\n')).join('\n\n')
  return crypto.createHash('sha256').update(text.normalize('NFC')).digest('hex')
}

async function loadCatalogue(payload: Payload, req: PayloadRequest): Promise<Catalogue> {
  const all = { limit: 0, depth: 0, draft: true, pagination: false, req } as const
  const [regions, enterprises, indicators] = await Promise.all([
    payload.find({ collection: 'regions', ...all }),
    payload.find({ collection: 'enterprises', ...all }),
    payload.find({ collection: 'indicators', ...all }),
  ])
  const id = (value: unknown) =>
    value && typeof value === 'object' ? String((value as { id: unknown }).id) : (value as string)
  return {
    gazetteer: new Gazetteer(
      regions.docs.map((r) => ({ id: r.id, name: r.name, level: r.level, parent: id(r.parent) })),
      enterprises.docs.map((e) => ({ id: e.id, name: e.name, shortName: e.shortName, region: id(e.region) })),
    ),
    indicators: indicators.docs.flatMap((i): KnownIndicator[] =>
      isUnit(i.canonicalUnit)
        ? [
            {
              id: i.id,
              name: i.name,
              description: i.description,
              canonicalUnit: i.canonicalUnit,
              kind: i.kind,
            },
          ]
        : [],
    ),
  }
}

async function findRecord(payload: Payload, req: PayloadRequest, contentHash: string) {
  const { docs } = await payload.find({
    collection: 'imports',
    where: { contentHash: { equals: contentHash } },
    limit: 1,
    depth: 0,
    req,
  })
  return docs[0]
}

/** Ids of the places an import links to: known documents, and the drafts it proposed for the rest. */
type Places = { idOf: (place: PlaceRef | undefined) => string | undefined; notes: ImportNote[] }

/** Writes drafts, finding the ones an earlier import of the same page made through its record's keys. */
class DraftWriter {
  private readonly earlier: Map<string, { collection: ImportedCollection; id: string }>
  private readonly written: { key: string; collection: ImportedCollection; id: string }[] = []

  constructor(
    private readonly payload: Payload,
    private readonly req: PayloadRequest,
    readonly record: Import | undefined,
  ) {
    this.earlier = new Map(
      (record?.documents ?? []).flatMap((d) => {
        const value = d.document?.value
        const id = value && typeof value === 'object' ? value.id : value
        return d.key && d.document && id ? [[d.key, { collection: d.document.relationTo, id }] as const] : []
      }),
    )
  }

  /** Notes about earlier drafts this import left alone. */
  readonly notes: ImportNote[] = []
  /** Earlier drafts left alone stay listed on the record, beside the new drafts written in their place. */
  private readonly leftAlone: { key: string; collection: ImportedCollection; id: string }[] = []

  /** Documents this page's earlier import made (importing it again updates them). */
  ownIds(): Set<string> {
    return new Set([...this.earlier.values()].map((d) => d.id))
  }

  async upsert(collection: ImportedCollection, key: string, data: Record<string, unknown>) {
    const asUser = this.req.user ? { overrideAccess: false } : {}
    const args = { collection, draft: true, req: this.req, context: IMPORT_CONTEXT, depth: 0 } as const
    const previous = this.earlier.get(key)
    const existing = previous
      ? ((await this.payload.findByID({
          ...args,
          id: previous.id,
          disableErrors: true,
          collection: previous.collection,
        })) as { id: string; updatedAt?: string; title?: string; name?: string } | null)
      : null
    const overwrite = existing && previous && (await this.mayOverwrite(previous.collection, existing))
    if (existing && previous && !overwrite) {
      this.leftAlone.push({
        key: `${key}@${existing.id}`,
        collection: previous.collection,
        id: String(existing.id),
      })
      this.notes.push({
        kind: 'review',
        message: `「${existing.title ?? existing.name ?? existing.id}」在上次导入后已被修改、提交或发布（或您无权修改），本次导入没有覆盖它，另存为新草稿，请比较后保留需要的版本`,
        document: { collection: previous.collection, id: String(existing.id) },
      })
    }
    const draft = { ...data, _status: 'draft' as const }
    const doc = overwrite
      ? await this.payload.update({ ...args, ...asUser, id: previous.id, data: draft } as Parameters<
          Payload['update']
        >[0])
      : await this.payload.create({ ...args, ...asUser, data: draft } as Parameters<Payload['create']>[0])
    const id = String((doc as { id: string }).id)
    this.written.push({ key, collection, id })
    return { id, action: overwrite ? ('updated' as const) : ('created' as const) }
  }

  /**
   * An earlier draft is this import's to update only while it is exactly what the last import wrote (nobody
   * has saved it since: no revision, no submission, no publishing) and the person importing may change it.
   */
  private async mayOverwrite(collection: ImportedCollection, doc: { id: string; updatedAt?: string }) {
    const importedAt = this.record?.importedAt
    if (!importedAt || !doc.updatedAt || Date.parse(doc.updatedAt) > Date.parse(importedAt)) return false
    const live = await this.payload.findByID({
      collection,
      id: doc.id,
      draft: false,
      depth: 0,
      disableErrors: true,
      req: this.req,
    })
    if ((live as { _status?: string } | null)?._status === 'published') return false
    return this.req.user ? canUpdate(this.req, collection, doc.id) : true
  }

  /** New regions first (an enterprise's new region must exist before the enterprise), parents before children. */
  async writeProposals(proposals: Proposal[]): Promise<Places> {
    const byName = new Map<string, string>()
    const notes: ImportNote[] = []
    const idOf = (place: PlaceRef | undefined) =>
      place ? (place.id ?? byName.get(`${place.kind}:${place.name}`)) : undefined
    const seen = new Set<string>()
    const ordered = [
      ...proposals.filter((p) => p.kind === 'region' && p.parent?.id !== undefined),
      ...proposals.filter((p) => p.kind === 'region' && p.parent?.id === undefined),
      ...proposals.filter((p) => p.kind === 'enterprise'),
    ]
    for (const proposal of ordered) {
      const key = `${proposal.kind}:${proposal.name}`
      if (seen.has(key)) continue
      seen.add(key)
      const collection = proposal.kind === 'region' ? 'regions' : 'enterprises'
      const data =
        proposal.kind === 'region'
          ? { name: proposal.name, level: proposal.level, parent: idOf(proposal.parent) }
          : { name: proposal.name, region: idOf(proposal.parent), practices: proposal.practices ?? [] }
      const { id } = await this.upsert(collection, key, data)
      byName.set(key, id)
      notes.push({ kind: 'proposal', message: proposal.note, document: { collection, id } })
    }
    return { idOf, notes }
  }

  async saveRecord(data: {
    fileName: string
    contentHash: string
    encoding: string
    status: 'drafted' | 'updated'
    summary: string
    notes: ImportNote[]
  }) {
    const keys = new Set(this.written.map((w) => w.key))
    // Drafts an earlier import made that this one no longer proposes stay listed, so none is lost from view.
    const kept = [...this.earlier]
      .filter(([key, d]) => !keys.has(key) && !this.leftAlone.some((l) => l.id === d.id))
      .map(([key, d]) => ({ key, ...d }))
    const documents = [...this.written, ...this.leftAlone, ...kept].map(({ key, collection, id }) => ({
      key,
      document: { relationTo: collection, value: id },
    }))
    const notes = data.notes.map(({ kind, message, document }) => ({
      kind,
      message,
      document: document ? { relationTo: document.collection, value: document.id } : undefined,
    }))
    const fields = {
      ...data,
      notes,
      documents,
      importedAt: new Date().toISOString(),
      importCount: (this.record?.importCount ?? 0) + 1,
    }
    // The record is the system's: written as the operator whoever imports (no request may write one).
    const args = { collection: 'imports' as const, req: this.req, depth: 0, overrideAccess: true }
    return this.record
      ? this.payload.update({ ...args, id: this.record.id, data: fields })
      : this.payload.create({ ...args, data: fields })
  }
}

function articleData(analysis: ArticleAnalysis, places: Places) {
  const { article } = analysis
  const ids = (list: PlaceRef[]) => list.map((p) => places.idOf(p)).filter((id): id is string => Boolean(id))
  return {
    title: article.title,
    body: lexicalParagraphs(article.paragraphs),
    publishedAt: article.publishedAt,
    source: article.source,
    originalUrl: article.originalUrl,
    authors: article.authors,
    photographers: article.photographers.map((name) => ({ name })),
    editor: article.editor,
    regions: ids(analysis.regions),
    enterprises: ids(analysis.enterprises),
  }
}

/** The article text as Lexical rich text, one paragraph node per paragraph, the text exactly as the page has it. */
function lexicalParagraphs(paragraphs: string[]) {
  const node = { format: '' as const, indent: 0, version: 1, direction: 'ltr' as const }
  return {
    root: {
      ...node,
      type: 'root',
      children: paragraphs.map((text) => ({
        ...node,
        type: 'paragraph',
        textFormat: 0,
        textStyle: '',
        children: [{ type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '', version: 1 }],
      })),
    },
  }
}

/** 《姜堰：……》等2篇：数据15项（其中9项待核实） */
function summarize(
  analyses: ArticleAnalysis[],
  metrics: { total: number; needsReview: number },
  existing = 0,
) {
  const title = analyses[0]?.article.title ?? ''
  const short = title.length > 24 ? `${title.slice(0, 24)}…` : title
  const articles = analyses.length > 1 ? `《${short}》等${analyses.length}篇` : `《${short}》`
  const already = existing ? `；${existing}篇已在系统中，未重复创建` : ''
  return `${articles}：数据${metrics.total}项（其中${metrics.needsReview}项待核实）${already}`
}
