import type { CollectionConfig } from 'payload'

import { editors, publishedOrAuthenticated } from '../access/roles'
import { slugField } from '../fields/slug'
import { duplicateAsDraft, recordPublicationBefore } from '../hooks/publication'
import { rebuildAfterChange, rebuildAfterDelete } from '../hooks/requestRebuild'
import { label, translated } from '../lib/labels'

/** 栏目: where an article is filed, e.g. 产改工作 › 他山之石, so the portal can draw breadcrumbs. */
export const Channels: CollectionConfig = {
  slug: 'channels',
  labels: { singular: label('栏目', 'Channel'), plural: label('栏目', 'Channels') },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'parent', 'slug'],
    group: translated('分类', 'Taxonomy'),
  },
  access: { read: publishedOrAuthenticated, create: editors, update: editors, delete: editors },
  versions: { drafts: true },
  hooks: {
    beforeOperation: [duplicateAsDraft],
    beforeChange: [recordPublicationBefore],
    afterChange: [rebuildAfterChange],
    afterDelete: [rebuildAfterDelete],
  },
  fields: [
    { name: 'name', type: 'text', label: label('栏目名称', 'Name'), required: true },
    slugField('name'),
    {
      name: 'parent',
      type: 'relationship',
      relationTo: 'channels',
      label: label('上级栏目', 'Parent channel'),
    },
    { name: 'description', type: 'textarea', label: label('栏目说明', 'Description') },
  ],
}
