import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import type { ReviewDecision, ReviewState } from '../../content-schema/enums'
import { isEditor } from '../access/roles'
import { refusal } from '../lib/errors'
import { publicationChange } from './publication'

type HistoryEntry = {
  decision: ReviewDecision
  by?: string | number | null
  at: string
  note?: string | null
}
type Review = {
  state?: ReviewState | null
  note?: string | null
  reviewedBy?: unknown
  reviewedAt?: string | null
  history?: HistoryEntry[] | null
}

/**
 * 先审后发: only 编辑 and 管理员 publish. Records who created a document, who published it and when, and
 * keeps each review decision in 审核记录. A contributor may move a draft between 草稿 and 待审核 only. Saves
 * without a user (seeding, imports, the scheduled-publish job an editor set up) are not checked, but are
 * recorded the same way: whatever publishes a document marks it reviewed (published ⇒ 已发布).
 */
export const enforceReview: CollectionBeforeChangeHook = ({ data, operation, req, originalDoc }) => {
  const { user } = req
  const before: Review = operation === 'create' ? {} : (originalDoc?.review ?? {})
  const review: Review = { ...before, ...data.review }
  if (user && !isEditor(user)) {
    if (data._status === 'published')
      throw refusal('撰稿人不能直接发布：请把审核状态设为“待审核”，由编辑审核后发布')
    // `data` holds the whole document, so a state the contributor did not change is not a request.
    const requested = data.review?.state !== before.state ? data.review?.state : undefined
    if (requested && !['draft', 'pending'].includes(requested)) {
      throw refusal('撰稿人只能把稿件设为“草稿”或“待审核”，审核结果由编辑填写')
    }
    // A contributor's revision of reviewed content is a new draft until it is submitted.
    if (!requested && !['draft', 'pending'].includes(review.state ?? 'draft')) review.state = 'draft'
  }
  const at = new Date().toISOString()
  const publishing = data._status === 'published'
  if (publishing) Object.assign(review, { state: 'published', reviewedBy: user?.id ?? null, reviewedAt: at })
  const decision = decisionOf(before.state, review.state, publishing)
  // The record is the stored one plus this decision: no request can write it (fields/review.ts).
  const history = [...(before.history ?? [])]
  if (decision) {
    history.push({
      decision,
      by: user?.id ?? null,
      at,
      note: decision === 'submitted' ? null : (review.note ?? null),
    })
  }
  // createdBy, reviewedBy, reviewedAt and history cannot be written by any request: only here.
  return {
    ...data,
    ...(operation === 'create' && user ? { createdBy: user.id } : {}),
    review: { ...review, history },
  }
}

/** What a save decided: submitted for review, returned with a note, or published (each publish counts). */
function decisionOf(
  before: ReviewState | null | undefined,
  after: ReviewState | null | undefined,
  publishing: boolean,
): ReviewDecision | undefined {
  if (publishing) return 'published'
  if (after === before) return undefined
  if (after === 'pending') return 'submitted'
  if (after === 'returned') return 'returned'
  return undefined
}

/**
 * A contributor cannot take published content down either. Whether a save unpublished something is only
 * known after it (see publicationChange); refusing here rolls the whole save back.
 */
export const forbidUnpublishByContributors: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  operation,
  collection,
  req,
}) => {
  if (req.user && !isEditor(req.user)) {
    if ((await publicationChange(doc, previousDoc, operation, collection, req)) === 'unpublish') {
      throw refusal('撰稿人不能撤回已发布的内容，请联系编辑')
    }
  }
  return doc
}
