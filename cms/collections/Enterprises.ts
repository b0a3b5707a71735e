import type { CollectionConfig } from 'payload'

import { INDUSTRIES, OWNERSHIPS, PILOT_LEVELS } from '../../content-schema/enums'
import { slugField } from '../fields/slug'
import { reviewFields } from '../fields/review'
import { reviewedContent } from '../lib/reviewedContent'
import { label, selectOptions, translated } from '../lib/labels'

/** 试点企业: enterprises (and units) designated as 产改 pilots, with what they do and what they won. */
export const Enterprises: CollectionConfig = {
  slug: 'enterprises',
  labels: { singular: label('试点企业', 'Pilot enterprise'), plural: label('试点企业', 'Pilot enterprises') },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'shortName', 'region', 'industry', 'pilotLevel', '_status'],
    listSearchableFields: ['name', 'shortName', 'slug'],
    group: translated('内容', 'Content'),
  },
  ...reviewedContent(),
  fields: [
    ...reviewFields,
    { name: 'name', type: 'text', label: label('企业全称', 'Full name'), required: true, index: true },
    { name: 'shortName', type: 'text', label: label('简称', 'Short name'), index: true },
    slugField('name'),
    {
      name: 'region',
      type: 'relationship',
      relationTo: 'regions',
      label: label('所在地区', 'Region'),
      required: true,
    },
    {
      type: 'row',
      fields: [
        {
          name: 'industry',
          type: 'select',
          label: label('行业', 'Industry'),
          options: selectOptions(INDUSTRIES),
        },
        {
          name: 'ownership',
          type: 'select',
          label: label('所有制', 'Ownership'),
          options: selectOptions(OWNERSHIPS),
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'pilotLevel',
          type: 'select',
          label: label('试点级别', 'Pilot level'),
          options: selectOptions(PILOT_LEVELS),
        },
        {
          name: 'pilotYear',
          type: 'number',
          label: label('列为试点年份', 'Pilot since'),
          min: 2017,
          validate: (value: number | null | undefined) =>
            value == null ||
            (Number.isInteger(value) && value >= 2017 && value <= new Date().getFullYear() + 1)
              ? true
              : `试点年份「${value}」不对：产改自2017年起，请填写2017年至今的四位年份`,
        },
      ],
    },
    { name: 'summary', type: 'textarea', label: label('简介', 'Summary') },
    {
      name: 'practices',
      type: 'array',
      label: label('特色做法', 'Practices'),
      labels: { singular: label('做法', 'Practice'), plural: label('特色做法', 'Practices') },
      fields: [
        { name: 'name', type: 'text', label: label('名称', 'Name'), required: true },
        { name: 'description', type: 'textarea', label: label('说明', 'Description') },
      ],
    },
    {
      name: 'honours',
      type: 'array',
      label: label('荣誉', 'Honours'),
      labels: { singular: label('荣誉', 'Honour'), plural: label('荣誉', 'Honours') },
      fields: [
        { name: 'title', type: 'text', label: label('荣誉名称', 'Title'), required: true },
        { name: 'year', type: 'number', label: label('年份', 'Year') },
      ],
    },
    {
      name: 'website',
      type: 'text',
      label: label('网站', 'Website'),
      validate: (value: string | null | undefined) =>
        !value || /^https?:\/\/[^\s]+$/.test(value) ? true : `网址「${value}」应以 http:// 或 https:// 开头`,
    },
  ],
}
