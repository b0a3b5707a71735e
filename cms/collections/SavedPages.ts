import path from 'node:path'

import type { CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { authenticated, editors } from '../access/roles'
import { refusal } from '../lib/errors'
import { ImportError } from '../lib/import/errors'
import { importReport } from '../lib/import/importer'
import { label, translated } from '../lib/labels'
import { settings } from '../../config/settings'

/**
 * 导入网页: the admin's way to import. An editor uploads a page saved from another site (HTML or text, any
 * Chinese encoding); saving it runs the importer, which writes drafts and an 导入记录 listing what to check.
 * A page that is not an article is refused with the importer's message, and nothing is kept.
 */
export const SavedPages: CollectionConfig = {
  slug: 'saved-pages',
  labels: { singular: label('导入网页', 'Saved page'), plural: label('导入网页', 'Saved pages') },
  admin: {
    useAsTitle: 'filename',
    defaultColumns: ['filename', 'result', 'importRecord', 'createdAt'],
    group: translated('内容', 'Content'),
    description: translated(
      '上传从其他网站保存的报道网页（.html 或 .txt），系统读出正文、署名和数据，生成待审核的草稿，不会发布任何内容。',
      'Upload a report page saved from another site; it is read into drafts for review. Nothing is published.',
    ),
  },
  access: { read: authenticated, create: authenticated, update: editors, delete: editors },
  upload: {
    staticDir: path.join(settings().mediaDir, 'saved-pages'),
    mimeTypes: ['text/html', 'text/plain', 'application/xhtml+xml'],
  },
  hooks: { beforeChange: [importUploadedPage] },
  fields: [
    { name: 'result', type: 'text', label: label('导入结果', 'Result'), admin: { readOnly: true } },
    {
      name: 'importRecord',
      type: 'relationship',
      relationTo: 'imports',
      label: label('导入记录', 'Import record'),
      admin: { readOnly: true },
    },
  ],
}

async function importUploadedPage(...[{ data, operation, req }]: Parameters<CollectionBeforeChangeHook>) {
  if (operation !== 'create' || !req.file) return data
  try {
    const result = await importReport(req.payload, { fileName: req.file.name, bytes: req.file.data }, { req })
    const titles = result.articles.map((a) => `《${a.title}》`).join('')
    return {
      ...data,
      importRecord: result.importId,
      result: `${result.status === 'updated' ? '已更新' : '已生成'}草稿 ${titles}；数据 ${result.metrics.total} 条，其中 ${result.metrics.needsReview} 条待核实`,
    }
  } catch (error) {
    if (error instanceof ImportError) throw refusal(error.message, 400)
    throw error
  }
}
