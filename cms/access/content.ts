import type { CollectionConfig } from 'payload'

import { authenticated, editors, isEditor, publishedOrAuthenticated } from './roles'

/**
 * Access shared by the public content collections: published for everyone, drafts for staff only.
 * 编辑 and 管理员 change anything; a 撰稿 contributor changes what they created (and cannot publish it:
 * see hooks/review.ts). Only editors delete.
 */
export const contentAccess: CollectionConfig['access'] = {
  read: publishedOrAuthenticated,
  readVersions: authenticated,
  create: authenticated,
  update: ({ req: { user } }) => (isEditor(user) ? true : user ? { createdBy: { equals: user.id } } : false),
  delete: editors,
}
