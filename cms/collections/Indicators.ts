import type { CollectionConfig } from 'payload'

import { INDICATOR_KINDS } from '../../content-schema/enums'
import { slugField } from '../fields/slug'
import { reviewFields } from '../fields/review'
import { unitField } from '../fields/unit'
import { reviewedContent } from '../lib/reviewedContent'
import { label, selectOptions, translated } from '../lib/labels'

/** 指标: a catalogue entry such as 新增高技能人才 (人), so figures from different places can be compared. */
export const Indicators: CollectionConfig = {
  slug: 'indicators',
  labels: { singular: label('指标', 'Indicator'), plural: label('指标', 'Indicators') },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'kind', 'canonicalUnit', '_status'],
    group: translated('指标数据', 'Figures'),
  },
  ...reviewedContent(),
  fields: [
    ...reviewFields,
    { name: 'name', type: 'text', label: label('指标名称', 'Name'), required: true, index: true },
    slugField('name'),
    {
      type: 'row',
      fields: [
        {
          name: 'kind',
          type: 'select',
          label: label('指标类型', 'Kind'),
          required: true,
          defaultValue: 'count',
          options: selectOptions(INDICATOR_KINDS),
        },
        unitField({
          name: 'canonicalUnit',
          label: label('标准单位', 'Canonical unit'),
          description: translated(
            '同一指标的数据都用可换算的单位（人与名通用，人与人次不通用）',
            'Figures must use a unit of the same dimension',
          ),
        }),
      ],
    },
    { name: 'description', type: 'textarea', label: label('口径说明', 'Definition') },
  ],
}
