import type { CollectionConfig, NumberField } from 'payload'

import { COMPARISONS, PERIOD_KINDS, QUALIFIERS, isUnit, unitFitsIndicator } from '../../content-schema/enums'
import { dateProblem, figureValueProblem } from '../../content-schema/rules'
import { relationId } from '../fields/relationships'
import { applyFigureText, describeMetric } from '../hooks/figures'
import { reviewFields } from '../fields/review'
import { unitField } from '../fields/unit'
import { reviewedContent } from '../lib/reviewedContent'
import { label, selectOptions, translated } from '../lib/labels'

/** 指标数据: one reported figure, with what it measures, where, when, and the phrase it came from. */
export const Metrics: CollectionConfig = {
  slug: 'metrics',
  labels: { singular: label('指标数据', 'Figure'), plural: label('指标数据', 'Figures') },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'indicator', 'region', 'display', 'period.label', '_status'],
    listSearchableFields: ['title', 'evidence'],
    group: translated('指标数据', 'Figures'),
  },
  ...reviewedContent({ beforeValidate: [applyFigureText], beforeChange: [describeMetric] }),
  fields: [
    ...reviewFields,
    { name: 'title', type: 'text', label: label('摘要', 'Title'), admin: { readOnly: true, hidden: true } },
    {
      name: 'indicator',
      type: 'relationship',
      relationTo: 'indicators',
      label: label('指标', 'Indicator'),
      required: true,
    },
    {
      name: 'figureText',
      type: 'text',
      label: label('原文写法', 'Figure as written'),
      admin: {
        description: translated(
          '照报道写法填写，如 70.06万人次、2000余万元、同比下降60%，自动换算数值、单位和限定词',
          'As the report writes it; value, unit and qualifier are filled in from it',
        ),
        components: { Field: '/components/FigureTextField#FigureTextField' },
      },
    },
    {
      type: 'row',
      fields: [
        valueField(),
        figureUnitField(),
        {
          name: 'qualifier',
          type: 'select',
          label: label('限定词', 'Qualifier'),
          required: true,
          defaultValue: 'exact',
          options: selectOptions(QUALIFIERS),
        },
        {
          name: 'comparison',
          type: 'select',
          label: label('比较方式', 'Comparison'),
          required: true,
          defaultValue: 'none',
          options: selectOptions(COMPARISONS),
        },
      ],
    },
    {
      name: 'display',
      type: 'text',
      label: label('门户显示', 'Shown as'),
      admin: {
        readOnly: true,
        description: translated('门户上的写法，保存时生成', 'How the portal prints it'),
      },
    },
    {
      name: 'period',
      type: 'group',
      label: label('统计期', 'Period'),
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'kind',
              type: 'select',
              label: label('类型', 'Kind'),
              required: true,
              defaultValue: 'year',
              options: selectOptions(PERIOD_KINDS),
            },
            {
              name: 'label',
              type: 'text',
              label: label('报道中的说法', 'As phrased'),
              required: true,
              admin: {
                description: translated(
                  '如 2022年、今年上半年、三年来、截至2020年底',
                  'e.g. 2022, first half of the year',
                ),
              },
            },
          ],
        },
        {
          type: 'row',
          fields: [
            {
              name: 'start',
              type: 'date',
              label: label('开始日期', 'Start'),
              validate: (value: Date | string | null | undefined) => dateProblem(value, '开始日期') ?? true,
            },
            {
              name: 'end',
              type: 'date',
              label: label('结束日期', 'End'),
              validate: (
                value: Date | string | null | undefined,
                { siblingData }: { siblingData: { start?: string | Date | null } },
              ) =>
                dateProblem(value, '结束日期') ??
                (value && siblingData.start && new Date(value) < new Date(siblingData.start)
                  ? '统计期的结束日期不能早于开始日期'
                  : true),
            },
          ],
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'region',
          type: 'relationship',
          relationTo: 'regions',
          label: label('地区', 'Region'),
          required: true,
        },
        {
          name: 'enterprise',
          type: 'relationship',
          relationTo: 'enterprises',
          label: label('企业（可选）', 'Enterprise (optional)'),
        },
      ],
    },
    {
      name: 'sourceArticle',
      type: 'relationship',
      relationTo: 'articles',
      label: label('来源文章', 'Source article'),
      required: true,
    },
    {
      name: 'evidence',
      type: 'textarea',
      label: label('原文语句', 'Evidence phrase'),
      required: true,
      admin: {
        description: translated(
          '数据出处的原话，如“新增高技能人才2097人”',
          'The exact phrase the figure came from',
        ),
      },
    },
  ],
}

function valueField(): NumberField {
  return {
    name: 'value',
    type: 'number',
    label: label('数值（基本单位）', 'Value (base unit)'),
    required: true,
    // The hint reads the value now in the field the Chinese way, as the portal will print it.
    admin: { components: { Description: '/components/FigureValueDescription#FigureValueDescription' } },
    validate: (value: unknown, { siblingData }: { siblingData: { unit?: string; comparison?: string } }) => {
      const problem = figureValueProblem(value)
      if (problem || typeof value !== 'number') return problem ?? true
      const isShare = siblingData.unit === '%' && siblingData.comparison !== 'yoy'
      if (isShare && (value < 0 || value > 100)) return `占比「${value}%」不对：占比应在0%到100%之间`
      if (!isShare && siblingData.comparison !== 'yoy' && value < 0)
        return `数值「${value}」不能为负数；减少请用“同比变化”`
      return true
    },
  }
}

/** The figure's unit; it must measure what its indicator measures (人 and 名 agree, 人 and 人次 do not). */
function figureUnitField() {
  return unitField({
    name: 'unit',
    label: label('单位', 'Unit'),
    description: translated('基本单位（万、亿写进数值）', 'Base unit; 万 and 亿 go into the value'),
    fits: async (unit, { siblingData, req }) => {
      const indicatorId = relationId((siblingData as { indicator?: unknown }).indicator)
      if (!indicatorId) return true
      const indicator = await req.payload.findByID({
        collection: 'indicators',
        id: indicatorId,
        depth: 0,
        draft: true,
        disableErrors: true,
        req,
      })
      if (indicator && isUnit(indicator.canonicalUnit) && !unitFitsIndicator(unit, indicator.canonicalUnit)) {
        return `单位「${unit}」与指标「${indicator.name}」的标准单位「${indicator.canonicalUnit}」不相符，无法比较`
      }
      return true
    },
  })
}
