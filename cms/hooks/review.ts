import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import { isEditor } from '../access/roles'
import { refusal } from '../lib/errors'
import { publicationChange } from './publication'

/**
 * 先审后发: only 编辑 and 管理员 publish. Records who created a document, and who published it and when.
 * A contributor may move a draft between 草稿 and 待审核 only. Saves without a user (seeding, imports,
 * the scheduled-publish job an editor set up) are not checked here.
 */
export const enforceReview: CollectionBeforeChangeHook = ({ data, operation, req, originalDoc }) => {
  const { user } = req
  if (!user) return data
  const before = operation === 'create' ? {} : (originalDoc?.review ?? {})
  const review = { ...before, ...data.review }
  if (!isEditor(user)) {
    if (data._status === 'published')
      throw refusal('撰稿人不能直接发布：请把审核状态设为“待审核”，由编辑审核后发布')
    // `data` holds the whole document, so a state the contributor did not change is not a request.
    const requested = data.review?.state !== before.state ? data.review?.state : undefined
    if (requested && !['draft', 'pending'].includes(requested)) {
      throw refusal('撰稿人只能把稿件设为“草稿”或“待审核”，审核结果由编辑填写')
    }
    // A contributor's revision of reviewed content is a new draft until it is submitted.
    if (!requested && !['draft', 'pending'].includes(review.state)) review.state = 'draft'
  }
  const publishing = data._status === 'published'
  // createdBy, reviewedBy and reviewedAt cannot be written by any request (fields/review.ts): only here.
  return {
    ...data,
    ...(operation === 'create' ? { createdBy: user.id } : {}),
    review: publishing
      ? { ...review, state: 'published', reviewedBy: user.id, reviewedAt: new Date().toISOString() }
      : review,
  }
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
