import type { CollectionConfig } from 'payload'

import { authenticated, editors, publishedOrAuthenticated } from './roles'

/** Access shared by the public content collections: published for everyone, drafts for staff only. */
export const contentAccess: CollectionConfig['access'] = {
  read: publishedOrAuthenticated,
  readVersions: authenticated,
  create: authenticated,
  update: authenticated,
  delete: editors,
}
