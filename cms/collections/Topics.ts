import type { CollectionConfig } from 'payload'

import { editors, publishedOrAuthenticated } from '../access/roles'
import { slugField } from '../fields/slug'
import { duplicateAsDraft, recordPublicationBefore } from '../hooks/publication'
import { rebuildAfterChange, rebuildAfterDelete } from '../hooks/requestRebuild'
import { label, translated } from '../lib/labels'

/** 专题: cross-cutting themes such as 职业技能等级认定 or 产教融合. */
export const Topics: CollectionConfig = {
  slug: 'topics',
  labels: { singular: label('专题', 'Topic'), plural: label('专题', 'Topics') },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'slug'], group: translated('分类', 'Taxonomy') },
  access: { read: publishedOrAuthenticated, create: editors, update: editors, delete: editors },
  versions: { drafts: true },
  hooks: {
    beforeOperation: [duplicateAsDraft],
    beforeChange: [recordPublicationBefore],
    afterChange: [rebuildAfterChange],
    afterDelete: [rebuildAfterDelete],
  },
  fields: [
    { name: 'name', type: 'text', label: label('专题名称', 'Name'), required: true },
    slugField('name'),
    { name: 'description', type: 'textarea', label: label('专题说明', 'Description') },
  ],
}
