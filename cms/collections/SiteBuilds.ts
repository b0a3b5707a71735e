import type { CollectionConfig } from 'payload'

import { authenticated } from '../access/roles'
import { relationId } from '../fields/relationships'
import { formatDuration } from '../lib/admin'
import { userName } from '../lib/desk'
import { label, translated } from '../lib/labels'

export const SITE_BUILD_STATUSES = [
  { value: 'queued', label: { zh: '排队中', en: 'Queued' } },
  { value: 'running', label: { zh: '构建中', en: 'Running' } },
  { value: 'succeeded', label: { zh: '已发布', en: 'Published' } },
  { value: 'failed', label: { zh: '失败', en: 'Failed' } },
]

/**
 * 站点构建: the queue of portal rebuilds. Content changes add to it (cms/lib/site-builds.ts), the publish
 * worker started by `npm start` works through it (scripts/publish/worker.ts). Read-only in the admin:
 * only the system writes here, through the Local API.
 */
export const SiteBuilds: CollectionConfig = {
  slug: 'site-builds',
  labels: { singular: label('站点构建', 'Site build'), plural: label('站点构建', 'Site builds') },
  admin: {
    useAsTitle: 'summary',
    defaultColumns: [
      'summary',
      'status',
      'requester',
      'startedAt',
      'duration',
      'pagesRendered',
      'pagesReused',
      'error',
    ],
    group: translated('系统', 'System'),
    description: translated(
      '内容发布、撤回、删除后自动排队重建门户；短时间内的多次修改合并为一次构建。',
      'Portal rebuilds queued by content changes; bursts are merged into one build.',
    ),
  },
  access: { read: authenticated, create: () => false, update: () => false, delete: () => false },
  defaultSort: '-requestedAt',
  fields: [
    { name: 'summary', type: 'text', label: label('内容变更', 'Changes') },
    {
      name: 'status',
      type: 'select',
      label: label('状态', 'Status'),
      required: true,
      defaultValue: 'queued',
      options: SITE_BUILD_STATUSES,
      index: true,
    },
    {
      name: 'mode',
      type: 'select',
      label: label('方式', 'Mode'),
      defaultValue: 'local',
      options: [
        { value: 'local', label: label('本机构建', 'Local build') },
        { value: 'hook', label: label('外部CI', 'External CI hook') },
      ],
    },
    {
      name: 'changes',
      type: 'array',
      label: label('触发的修改', 'Triggering changes'),
      labels: { singular: label('修改', 'Change'), plural: label('触发的修改', 'Triggering changes') },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'collection', type: 'text', label: label('类型', 'Collection') },
            { name: 'docId', type: 'text', label: label('编号', 'Id') },
            { name: 'title', type: 'text', label: label('标题', 'Title') },
            { name: 'operation', type: 'text', label: label('操作', 'Operation') },
            { name: 'user', type: 'text', label: label('操作人', 'By') },
            {
              name: 'at',
              type: 'date',
              label: label('时间', 'At'),
              admin: { date: { pickerAppearance: 'dayAndTime' } },
            },
          ],
        },
      ],
    },
    {
      name: 'requestedBy',
      type: 'relationship',
      relationTo: 'users',
      label: label('请求人', 'Requested by'),
      admin: { hidden: true, disableListColumn: true },
    },
    {
      // Who asked for the build: a staff member's name, or 系统 for builds the product started itself
      // (start-up, demo content, scheduled publishing).
      name: 'requester',
      type: 'text',
      virtual: true,
      label: label('请求人', 'Requested by'),
      admin: { readOnly: true },
      hooks: {
        afterRead: [
          async ({ siblingData, req }) =>
            (await userName(req, relationId(siblingData?.requestedBy))) ?? '系统',
        ],
      },
    },
    {
      name: 'requestedAt',
      type: 'date',
      label: label('请求时间', 'Requested at'),
      index: true,
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    { name: 'notBefore', type: 'date', label: label('最早开始', 'Not before'), admin: { hidden: true } },
    {
      name: 'startedAt',
      type: 'date',
      label: label('开始', 'Started'),
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'finishedAt',
      type: 'date',
      label: label('结束', 'Finished'),
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'durationMs',
      type: 'number',
      label: label('耗时（毫秒）', 'Duration (ms)'),
      admin: { hidden: true, disableListColumn: true, disableListFilter: true },
    },
    {
      // Read from durationMs: 74074 is shown as 1分14秒.
      name: 'duration',
      type: 'text',
      virtual: true,
      label: label('耗时', 'Duration'),
      admin: { readOnly: true },
      hooks: { afterRead: [({ siblingData }) => formatDuration(siblingData?.durationMs)] },
    },
    { name: 'pagesRendered', type: 'number', label: label('重新生成页数', 'Pages rendered') },
    { name: 'pagesReused', type: 'number', label: label('沿用页数', 'Pages reused') },
    { name: 'attempts', type: 'number', label: label('尝试次数', 'Attempts'), defaultValue: 0 },
    {
      name: 'error',
      type: 'textarea',
      label: label('错误摘要', 'Error summary'),
      admin: {
        description: translated(
          '构建失败的原因；构建成功时，列出无法生成网页、本次保留上次版本或未上线的内容及其修改方法',
          'Why the build failed; for a successful build, the documents it could not render and kept or left out',
        ),
      },
    },
  ],
}
