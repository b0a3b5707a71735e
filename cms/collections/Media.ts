import type { CollectionConfig } from 'payload'

import { settings } from '../../config/settings'
import { readMedia, updateMedia } from '../access/media'
import { authenticated, editors } from '../access/roles'
import { prepareVariantsOnUpload } from '../hooks/imageVariants'
import { rebuildAfterChange, rebuildAfterDelete } from '../hooks/requestRebuild'
import { label, translated } from '../lib/labels'

export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: label('图片', 'Image'), plural: label('图片', 'Images') },
  admin: {
    group: translated('内容', 'Content'),
    defaultColumns: ['filename', 'alt', 'caption', 'updatedAt'],
  },
  // Images are public once a published page uses them; live images change through editors only.
  access: { read: readMedia, create: authenticated, update: updateMedia, delete: editors },
  upload: {
    staticDir: settings().mediaDir,
    mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'],
    // The admin's own thumbnails; the portal's reader-facing sizes are made on upload too (hooks/imageVariants.ts).
    // Not a list column or filter: its file name, address and size are the admin's business, not editors'.
    imageSizes: [
      {
        name: 'thumbnail',
        width: 400,
        admin: { disableListColumn: true, disableListFilter: true, disableGroupBy: true },
      },
    ],
  },
  hooks: { afterChange: [prepareVariantsOnUpload, rebuildAfterChange], afterDelete: [rebuildAfterDelete] },
  fields: [
    {
      name: 'alt',
      type: 'text',
      label: label('替代文字', 'Alt text'),
      required: true,
      admin: {
        description: translated(
          '为看不到图片的读者描述图片内容',
          'Describes the image for readers who cannot see it',
        ),
      },
    },
    { name: 'caption', type: 'text', label: label('图片说明', 'Caption') },
    { name: 'credit', type: 'text', label: label('摄影', 'Photo credit') },
    // Payload's own upload fields, merged with these: only their labels, which Payload leaves in English.
    { name: 'url', type: 'text', label: label('图片地址', 'URL') },
    { name: 'thumbnailURL', type: 'text', label: label('缩略图地址', 'Thumbnail URL') },
    { name: 'mimeType', type: 'text', label: label('文件类型', 'MIME type') },
  ],
}
