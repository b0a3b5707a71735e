import type { CollectionSlug, DashboardConfig, Payload, PayloadRequest } from 'payload'

import type { ReviewState } from '../../content-schema/enums'
import { hasRole, isEditor } from '../access/roles'
import { hasReviewFields } from '../fields/review'

/**
 * The dashboard's desks (Payload's modular dashboard widgets): what each role has to do next. 编辑 see what
 * waits for review (oldest first), imports with open questions and failed builds; 撰稿 their drafts and what
 * came back with a 审核意见; everyone the last builds and whether the portal is up to date.
 * The widgets render components/Desk.tsx, which reads through the functions below.
 */
export const deskDashboard: DashboardConfig = {
  widgets: [
    {
      slug: 'review-desk',
      label: { zh: '待我审核', en: 'Review desk' },
      Component: '/components/Desk#ReviewDesk',
    },
    {
      slug: 'writer-desk',
      label: { zh: '我的稿件', en: 'My drafts' },
      Component: '/components/Desk#WriterDesk',
    },
    {
      slug: 'builds-desk',
      label: { zh: '门户发布', en: 'Portal builds' },
      Component: '/components/Desk#BuildsDesk',
    },
  ],
  defaultLayout: ({ req }) => [
    ...(isEditor(req.user) ? [{ widgetSlug: 'review-desk' as const, width: 'full' as const }] : []),
    ...(hasRole(req.user, 'contributor')
      ? [{ widgetSlug: 'writer-desk' as const, width: 'full' as const }]
      : []),
    { widgetSlug: 'builds-desk', width: 'full' },
    { widgetSlug: 'collections', width: 'full' },
  ],
}

export type DeskItem = {
  collection: CollectionSlug
  id: string | number
  title: string
  state: ReviewState
  /** When it entered its state: submitted for review, returned, or last saved. */
  since: string
  by?: string
  note?: string | null
}

type ReviewedDoc = {
  id: string | number
  updatedAt: string
  createdBy?: string | number | null
  review?: {
    state?: ReviewState | null
    note?: string | null
    history?: { decision: string; by?: string | number | null; at: string }[] | null
  } | null
} & Record<string, unknown>

/** The collections under 先审后发: those with the review fields (fields/review.ts). */
export const reviewedCollections = (payload: Payload) =>
  payload.config.collections.filter(hasReviewFields).map((c) => c.slug)

/** Documents in the given review states (createdBy limits them to one writer's), oldest in that state first. */
export async function documentsInReview(
  req: PayloadRequest,
  states: ReviewState[],
  { createdBy, limit = 20 }: { createdBy?: string | number; limit?: number } = {},
): Promise<DeskItem[]> {
  const items: DeskItem[] = []
  for (const collection of reviewedCollections(req.payload)) {
    const config = req.payload.collections[collection].config
    const { docs } = await req.payload.find({
      collection,
      where: {
        and: [
          { 'review.state': { in: states } },
          ...(createdBy !== undefined ? [{ createdBy: { equals: createdBy } }] : []),
        ],
      },
      draft: true,
      depth: 0,
      limit: 100,
      sort: 'updatedAt',
      req,
    })
    for (const doc of docs as unknown as ReviewedDoc[]) {
      const state = doc.review?.state ?? 'draft'
      const entered = [...(doc.review?.history ?? [])]
        .reverse()
        .find((h) => (state === 'pending' ? h.decision === 'submitted' : h.decision === state))
      const titleField = config.admin.useAsTitle ?? 'id'
      items.push({
        collection,
        id: doc.id,
        title: String(doc[titleField] ?? doc.id),
        state,
        since: entered?.at ?? doc.updatedAt,
        by: await userName(req, entered?.by ?? doc.createdBy),
        note: doc.review?.note,
      })
    }
  }
  return items.sort((a, b) => a.since.localeCompare(b.since)).slice(0, limit)
}

const names = new WeakMap<PayloadRequest, Map<string, string>>()

/** A staff member's name, looked up once per request. */
export async function userName(req: PayloadRequest, id: string | number | null | undefined) {
  if (id === null || id === undefined) return undefined
  const cache = names.get(req) ?? new Map<string, string>()
  names.set(req, cache)
  if (!cache.has(String(id))) {
    const user = await req.payload.findByID({ collection: 'users', id, depth: 0, disableErrors: true, req })
    cache.set(String(id), user?.name ?? '（已删除的用户）')
  }
  return cache.get(String(id))
}

/** Imports whose notes still ask the editor something, newest first. */
export async function importsWithQuestions(req: PayloadRequest, limit = 10) {
  const { docs } = await req.payload.find({
    collection: 'imports',
    sort: '-importedAt',
    depth: 0,
    limit: 100,
    req,
  })
  return docs.filter((d) => (d.notes?.length ?? 0) > 0).slice(0, limit)
}

/** Builds that failed since the last one that succeeded (what is still broken), newest first. */
export async function failedBuilds(req: PayloadRequest) {
  const [lastGood] = (
    await req.payload.find({
      collection: 'site-builds',
      where: { status: { equals: 'succeeded' } },
      sort: '-finishedAt',
      limit: 1,
      depth: 0,
      req,
    })
  ).docs
  const { docs } = await req.payload.find({
    collection: 'site-builds',
    where: {
      and: [
        { status: { equals: 'failed' } },
        ...(lastGood?.finishedAt ? [{ finishedAt: { greater_than: lastGood.finishedAt } }] : []),
      ],
    },
    sort: '-finishedAt',
    limit: 10,
    depth: 0,
    req,
  })
  return docs
}

export async function latestBuilds(req: PayloadRequest, limit = 5) {
  return (await req.payload.find({ collection: 'site-builds', sort: '-requestedAt', limit, depth: 0, req }))
    .docs
}
