import type { CollectionConfig } from 'payload'

import type { FieldAccess } from 'payload'

import { authenticated, editors } from '../access/roles'
import { label, translated } from '../lib/labels'

/** What an import created, and what the editor has to check on it. */
export const IMPORTED_COLLECTIONS = ['articles', 'metrics', 'regions', 'enterprises'] as const

export const IMPORT_NOTE_KINDS = [
  { value: 'review', label: { zh: '待核实', en: 'To check' } },
  { value: 'typo', label: { zh: '疑似错字', en: 'Likely typo' } },
  { value: 'proposal', label: { zh: '新建草稿', en: 'Proposed' } },
  { value: 'missing', label: { zh: '缺少信息', en: 'Missing' } },
]

/**
 * 导入记录: one saved page read by `npm run import` (scripts/import). Everything an import writes is a draft;
 * this record lists those drafts and the notes for the editor (what to check, likely typos, new regions or
 * enterprises). Importing the same page again finds this record by the page's content hash and updates the
 * same drafts instead of making new ones.
 */
/** Fields only the importer writes. */
const systemOnly: FieldAccess = () => false
const writtenByImporter = { access: { create: systemOnly, update: systemOnly } }

export const Imports: CollectionConfig = {
  slug: 'imports',
  labels: { singular: label('导入记录', 'Import'), plural: label('导入记录', 'Imports') },
  admin: {
    useAsTitle: 'summary',
    defaultColumns: ['summary', 'fileName', 'status', 'importedAt'],
    group: translated('内容', 'Content'),
    description: translated(
      '从其他网站保存的报道导入为草稿：这里列出生成的草稿、待核实的事项和疑似错字。导入不会发布任何内容。',
      'Saved pages imported as drafts, with what the editor has to check. An import publishes nothing.',
    ),
  },
  // Only the importer writes records (as the system, cms/lib/import/importer.ts): no request creates one, and
  // what a record points at cannot be changed by any, or re-importing would write into whatever it names.
  // Editors may annotate (notes) and delete them.
  access: { read: authenticated, create: () => false, update: editors, delete: editors },
  // For the access matrix (tests/access-matrix.test.ts): records the system writes and editors annotate.
  custom: { policy: 'importRecords' },
  defaultSort: '-importedAt',
  fields: [
    {
      name: 'summary',
      ...writtenByImporter,
      type: 'text',
      label: label('导入结果', 'Result'),
      admin: { readOnly: true },
    },
    { name: 'fileName', type: 'text', label: label('文件名', 'File name'), required: true },
    {
      name: 'contentHash',
      ...writtenByImporter,
      type: 'text',
      label: label('内容指纹', 'Content hash'),
      required: true,
      unique: true,
      index: true,
      admin: {
        readOnly: true,
        description: translated('同一篇报道再次导入时据此找到已有草稿', 'Finds earlier drafts'),
      },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'encoding',
          ...writtenByImporter,
          type: 'text',
          label: label('文件编码', 'Encoding'),
          admin: { readOnly: true },
        },
        {
          name: 'status',
          ...writtenByImporter,
          type: 'select',
          label: label('状态', 'Status'),
          defaultValue: 'drafted',
          options: [
            { value: 'drafted', label: label('已生成草稿', 'Drafted') },
            { value: 'updated', label: label('已更新草稿', 'Drafts updated') },
          ],
          admin: { readOnly: true },
        },
        {
          name: 'importCount',
          ...writtenByImporter,
          type: 'number',
          label: label('导入次数', 'Times imported'),
          defaultValue: 1,
        },
        {
          name: 'importedAt',
          ...writtenByImporter,
          type: 'date',
          label: label('最近导入', 'Last imported'),
          admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
    {
      name: 'documents',
      ...writtenByImporter,
      type: 'array',
      label: label('生成的草稿', 'Drafts'),
      labels: { singular: label('草稿', 'Draft'), plural: label('生成的草稿', 'Drafts') },
      admin: { readOnly: true },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'document',
              type: 'relationship',
              relationTo: [...IMPORTED_COLLECTIONS],
              label: label('草稿', 'Draft'),
            },
            { name: 'key', type: 'text', label: label('导入键', 'Import key'), admin: { hidden: true } },
          ],
        },
      ],
    },
    {
      name: 'notes',
      type: 'array',
      label: label('待核实事项', 'Notes for the editor'),
      labels: { singular: label('事项', 'Note'), plural: label('待核实事项', 'Notes') },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'kind',
              type: 'select',
              label: label('类型', 'Kind'),
              defaultValue: 'review',
              options: IMPORT_NOTE_KINDS,
            },
            {
              name: 'document',
              type: 'relationship',
              relationTo: [...IMPORTED_COLLECTIONS],
              label: label('涉及草稿', 'Draft'),
            },
          ],
        },
        { name: 'message', type: 'textarea', label: label('说明', 'Message'), required: true },
      ],
    },
  ],
}
