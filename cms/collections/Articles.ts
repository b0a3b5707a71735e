import type { CollectionConfig } from 'payload'

import { AUTHOR_ROLES } from '../../content-schema/enums'
import { dateProblem } from '../../content-schema/rules'
import { slugField } from '../fields/slug'
import { articlePreview } from '../endpoints/articlePreview'
import { reviewFields } from '../fields/review'
import { reviewedContent } from '../lib/reviewedContent'
import { label, selectOptions, translated } from '../lib/labels'

/** 文章: a report on how a place or enterprise carries out the reform, with its provenance and byline. */
export const Articles: CollectionConfig = {
  slug: 'articles',
  labels: { singular: label('文章', 'Article'), plural: label('文章', 'Articles') },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'channel', 'regions', 'publishedAt', '_status'],
    listSearchableFields: ['title', 'slug', 'summary'],
    group: translated('内容', 'Content'),
    // The 预览 button: the draft rendered by the portal's own article page (endpoints/articlePreview.ts).
    preview: (doc) => `/api/articles/${doc.id}/preview`,
  },
  endpoints: [articlePreview],
  defaultSort: '-publishedAt',
  ...reviewedContent(),
  fields: [
    ...reviewFields,
    { name: 'title', type: 'text', label: label('标题', 'Title'), required: true, index: true },
    slugField('title'),
    { name: 'summary', type: 'textarea', label: label('导语', 'Summary') },
    { name: 'heroImage', type: 'upload', relationTo: 'media', label: label('题图', 'Hero image') },
    { name: 'body', type: 'richText', label: label('正文', 'Body') },
    {
      // The figures whose source is this article, and adding one from a phrase of the body.
      name: 'figuresPanel',
      type: 'ui',
      label: translated('本文的指标数据', 'Figures from this article'),
      admin: { components: { Field: '/components/ArticleFigures#ArticleFigures' } },
    },
    {
      name: 'publishedAt',
      type: 'date',
      label: label('发布时间', 'Published at'),
      index: true,
      admin: { position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } },
      validate: (value: Date | string | null | undefined) => dateProblem(value, '发布时间') ?? true,
    },
    {
      name: 'channel',
      type: 'relationship',
      relationTo: 'channels',
      label: label('栏目', 'Channel'),
      admin: { position: 'sidebar' },
    },
    {
      name: 'topics',
      type: 'relationship',
      relationTo: 'topics',
      hasMany: true,
      label: label('专题', 'Topics'),
      admin: { position: 'sidebar' },
    },
    {
      type: 'collapsible',
      label: label('来源与署名', 'Source and byline'),
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'source', type: 'text', label: label('来源', 'Source outlet') },
            {
              name: 'originalUrl',
              type: 'text',
              label: label('原文链接', 'Original URL'),
              validate: (value: string | null | undefined) =>
                !value || /^https?:\/\/[^\s]+$/.test(value)
                  ? true
                  : `原文链接「${value}」应以 http:// 或 https:// 开头`,
            },
          ],
        },
        {
          name: 'authors',
          type: 'array',
          label: label('作者/记者', 'Authors'),
          labels: { singular: label('作者', 'Author'), plural: label('作者/记者', 'Authors') },
          fields: [
            {
              type: 'row',
              fields: [
                { name: 'name', type: 'text', label: label('姓名', 'Name'), required: true },
                {
                  name: 'role',
                  type: 'select',
                  label: label('署名身份', 'Role'),
                  defaultValue: 'author',
                  options: selectOptions(AUTHOR_ROLES),
                },
              ],
            },
          ],
        },
        {
          name: 'photographers',
          type: 'array',
          label: label('摄影', 'Photographers'),
          labels: { singular: label('摄影', 'Photographer'), plural: label('摄影', 'Photographers') },
          fields: [{ name: 'name', type: 'text', label: label('姓名', 'Name'), required: true }],
        },
        { name: 'editor', type: 'text', label: label('责任编辑', 'Responsible editor') },
      ],
    },
    {
      type: 'collapsible',
      label: label('涉及地区与企业', 'Regions and enterprises'),
      fields: [
        {
          name: 'regions',
          type: 'relationship',
          relationTo: 'regions',
          hasMany: true,
          label: label('相关地区', 'Regions'),
        },
        {
          name: 'enterprises',
          type: 'relationship',
          relationTo: 'enterprises',
          hasMany: true,
          label: label('相关企业', 'Enterprises'),
        },
      ],
    },
  ],
}
