import type { CollectionBeforeChangeHook, CollectionBeforeValidateHook, CollectionConfig } from 'payload'

import { contentAccess } from '../access/content'
import { duplicateAsDraft, recordPublicationBefore } from '../hooks/publication'
import { rebuildAfterChange, rebuildAfterDelete } from '../hooks/requestRebuild'
import { enforceReview, forbidUnpublishByContributors } from '../hooks/review'

/**
 * What every public, reviewed collection shares (articles, regions, enterprises, indicators, figures): the
 * access rules, drafts with versions and scheduled publishing, 先审后发 review, and portal rebuilds on change.
 * The collection adds its own hooks, run after the shared ones.
 */
export const reviewedContent = ({
  beforeValidate = [],
  beforeChange = [],
}: {
  beforeValidate?: CollectionBeforeValidateHook[]
  beforeChange?: CollectionBeforeChangeHook[]
} = {}): Pick<CollectionConfig, 'access' | 'versions' | 'hooks'> => ({
  access: contentAccess,
  versions: { drafts: { schedulePublish: { timeFormat: 'HH:mm', timeIntervals: 15 } }, maxPerDoc: 50 },
  hooks: {
    beforeOperation: [duplicateAsDraft],
    beforeValidate,
    beforeChange: [recordPublicationBefore, enforceReview, ...beforeChange],
    afterChange: [forbidUnpublishByContributors, rebuildAfterChange],
    afterDelete: [rebuildAfterDelete],
  },
})
