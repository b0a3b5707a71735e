import type { CollectionConfig, RelationshipField } from 'payload'

import { REGION_LEVELS } from '../../content-schema/enums'
import { relationId } from '../fields/relationships'
import { slugField } from '../fields/slug'
import { reviewFields } from '../fields/review'
import { reviewedContent } from '../lib/reviewedContent'
import { label, selectOptions, translated } from '../lib/labels'

/** 地区: a tree such as 江苏省 › 苏州市 › 苏州工业园区, each node with its 产改 profile. */
export const Regions: CollectionConfig = {
  slug: 'regions',
  labels: { singular: label('地区', 'Region'), plural: label('地区', 'Regions') },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'level', 'parent', 'adminCode', '_status'],
    listSearchableFields: ['name', 'slug'],
    group: translated('内容', 'Content'),
  },
  ...reviewedContent(),
  fields: [
    ...reviewFields,
    { name: 'name', type: 'text', label: label('地区名称', 'Name'), required: true, index: true },
    slugField('name'),
    {
      type: 'row',
      fields: [
        {
          name: 'level',
          type: 'select',
          label: label('层级', 'Level'),
          required: true,
          options: selectOptions(REGION_LEVELS),
        },
        parentRegionField(),
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'adminCode',
          type: 'text',
          label: label('行政区划代码', 'Administrative code'),
          admin: { description: translated('6位数字，如 320500（苏州市）', 'Six digits, e.g. 320500') },
          validate: (value: string | null | undefined) =>
            !value || /^\d{6}$/.test(value) ? true : `行政区划代码「${value}」必须是6位数字，如 320500`,
        },
        {
          name: 'pilotDesignation',
          type: 'text',
          label: label('试点称号', 'Pilot designation'),
          admin: { description: translated('如 省级产改试点镇', 'e.g. provincial pilot town') },
        },
      ],
    },
    { name: 'summary', type: 'textarea', label: label('简介', 'Summary') },
    { name: 'body', type: 'richText', label: label('产改工作概况', 'Profile') },
  ],
}

function parentRegionField(): RelationshipField {
  return {
    name: 'parent',
    type: 'relationship',
    relationTo: 'regions',
    label: label('上级地区', 'Parent region'),
    filterOptions: ({ id }) => (id ? { id: { not_equals: id } } : true),
    validate: async (value, { req, id }) => {
      const parentId = relationId(value)
      if (!parentId || !id) return true
      if (parentId === String(id)) return '上级地区不能是本地区自己'
      // Walk up from the chosen parent: meeting this region on the way would close a loop.
      const seen = new Set<string>()
      for (let current: string | undefined = parentId; current && !seen.has(current);) {
        if (current === String(id)) return '上级地区不能是本地区的下级地区（会形成循环）'
        seen.add(current)
        const ancestor = await req.payload.findByID({
          collection: 'regions',
          id: current,
          depth: 0,
          draft: true,
          disableErrors: true,
          req,
        })
        current = relationId(ancestor?.parent)
      }
      return true
    },
  }
}
