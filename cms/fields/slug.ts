import { ValidationError, type CollectionSlug, type FieldHook, type TextField, type Validate } from 'payload'

import { slugProblem } from '../../content-schema/rules'
import { toSlug } from '../../content-schema/slug'
import { label, translated } from '../lib/labels'

/**
 * A pinyin slug generated from `sourceField` when left empty (Payload's own slugify drops Chinese characters),
 * unique within the collection, editable, and kept as it is once set so published URLs do not change.
 *
 * Unique in the database (a unique index on the collection's table, which holds each document's stored state):
 * two saves at once cannot both take a slug, and a draft cannot be created with a slug another document
 * holds, so nobody can block the saves of a published page by squatting on its slug (issue #13, item 4).
 * A duplicate gets a slug of its own, generated from its name.
 */
export const slugField = (sourceField: string): TextField => ({
  name: 'slug',
  type: 'text',
  label: label('链接名', 'Slug'),
  unique: true,
  admin: {
    position: 'sidebar',
    description: translated(
      '网址中使用的拼音，留空则按名称自动生成（如 苏州工业园区 → suzhou-gongye-yuanqu）',
      'Pinyin used in URLs; generated from the name when left empty',
    ),
  },
  hooks: { beforeValidate: [generateSlug(sourceField)], beforeDuplicate: [() => null] },
  validate: validateSlug,
})

const generateSlug =
  (sourceField: string): FieldHook =>
  async ({ value, data, originalDoc, collection, req }) => {
    if (typeof value === 'string' && value.trim()) {
      const slug = value.trim()
      // Drafts skip validation; a slug taken by another document is refused for them too, in Chinese.
      if (
        collection &&
        slug !== originalDoc?.slug &&
        (await slugTaken(req, collection.slug, slug, originalDoc?.id))
      ) {
        throw new ValidationError({
          collection: collection.slug,
          errors: [{ path: 'slug', message: `链接名「${slug}」已被同类内容使用，请换一个` }],
        })
      }
      return slug
    }
    const source = data?.[sourceField] ?? originalDoc?.[sourceField]
    if (typeof source !== 'string' || !collection) return value
    const base = toSlug(source)
    if (!base) return value
    const id = originalDoc?.id
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`
      if (!(await slugTaken(req, collection.slug, candidate, id))) return candidate
    }
  }

const validateSlug: Validate<string | null | undefined, unknown, unknown, TextField> = async (
  value,
  { req, id, collectionSlug },
) => {
  if (!value) return '链接名不能为空：请填写名称，系统会自动生成拼音链接名'
  if (typeof value !== 'string') return '链接名应是文字，如 suzhou-gongye-yuanqu'
  const problem = slugProblem(value)
  if (problem) return problem
  if (collectionSlug && (await slugTaken(req, collectionSlug as CollectionSlug, value, id))) {
    return `链接名「${value}」已被同类内容使用，请换一个`
  }
  return true
}

async function slugTaken(
  req: Parameters<FieldHook>[0]['req'],
  collection: CollectionSlug,
  slug: string,
  exceptId: number | string | undefined,
) {
  const { totalDocs } = await req.payload.count({
    collection,
    where: exceptId
      ? { and: [{ slug: { equals: slug } }, { id: { not_equals: exceptId } }] }
      : { slug: { equals: slug } },
    req,
  })
  return totalDocs > 0
}
