import type { Field, FieldAccess } from 'payload'

import { REVIEW_DECISIONS, REVIEW_STATES } from '../../content-schema/enums'
import { editorsField } from '../access/roles'
import { label, selectOptions, translated } from '../lib/labels'

/**
 * Written by the system only (hooks/review.ts sets them): no request through any interface — REST, GraphQL,
 * the Local API with `overrideAccess: false`, a duplicate or a version restore — can set or change them.
 * `admin.readOnly` alone only hid them in the admin (issue #13, item 3).
 */
const systemOnly: FieldAccess = () => false
const recordedBySystem = { create: systemOnly, update: systemOnly }

/** Whether a collection is under 先审后发, i.e. carries the fields below. */
export const hasReviewFields = (collection: { fields: Field[] }) =>
  collection.fields.some((f) => 'name' in f && f.name === 'review')

/** Who wrote a document and where it stands in review (先审后发); shown in the sidebar. */
export const reviewFields: Field[] = [
  {
    name: 'createdBy',
    type: 'relationship',
    relationTo: 'users',
    label: label('撰稿人', 'Created by'),
    access: recordedBySystem,
    admin: { position: 'sidebar', readOnly: true },
  },
  {
    name: 'review',
    type: 'group',
    label: label('审核', 'Review'),
    admin: { position: 'sidebar' },
    fields: [
      {
        name: 'state',
        type: 'select',
        label: label('审核状态', 'Review state'),
        defaultValue: 'draft',
        options: selectOptions(REVIEW_STATES),
        admin: {
          description: translated(
            '写完后设为“待审核”，由编辑审核发布',
            'Set to pending when ready for review',
          ),
        },
      },
      {
        name: 'note',
        type: 'textarea',
        label: label('审核意见', 'Review note'),
        access: { create: editorsField, update: editorsField },
      },
      {
        name: 'reviewedBy',
        type: 'relationship',
        relationTo: 'users',
        label: label('审核人', 'Reviewed by'),
        access: recordedBySystem,
        admin: { readOnly: true },
      },
      {
        name: 'reviewedAt',
        type: 'date',
        label: label('审核时间', 'Reviewed at'),
        access: recordedBySystem,
        admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
      },
      {
        // Each decision (submitted, returned with its note, published), who made it and when: appended by
        // hooks/review.ts on every save through any interface, shown by the 审核记录 panel below.
        name: 'history',
        type: 'array',
        label: label('审核记录', 'Review history'),
        access: recordedBySystem,
        admin: { hidden: true },
        fields: [
          { name: 'decision', type: 'select', options: selectOptions(REVIEW_DECISIONS), required: true },
          { name: 'by', type: 'relationship', relationTo: 'users' },
          { name: 'at', type: 'date', required: true },
          { name: 'note', type: 'textarea' },
        ],
      },
      {
        name: 'historyPanel',
        type: 'ui',
        label: translated('审核记录', 'Review history'),
        admin: { components: { Field: '/components/ReviewHistory#ReviewHistory' } },
      },
    ],
  },
]
