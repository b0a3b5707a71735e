/**
 * The input check every save goes through, whichever way it comes in (admin, REST, GraphQL, Local API, the
 * importer, the seed): a collection `beforeOperation` hook, so it sees the data as it was sent, before Payload
 * coerces it ("12abc" would become 12, 2024-02-30 would become 1 March). A save it refuses writes nothing and
 * answers 400 with a message for the editor per field.
 *
 * It checks the shape first without recursion (JSON nested 20,000 deep must not overflow the stack further
 * on), then each field present in the data against what the portal can show (content-schema/rules.ts).
 */
import {
  ValidationError,
  type CollectionBeforeOperationHook,
  type CollectionConfig,
  type Field,
  type PayloadRequest,
} from 'payload'

import { NUMBER_TEXT, clip, dateProblem } from '../../content-schema/rules'

/** Deeper than any real document: rich text nests a list in a list in a quote a handful of levels. */
export const MAX_DEPTH = 64
/** Values in one save (keys, array items); a long article's body has a few thousand. */
export const MAX_VALUES = 200_000
/** Rows of an array field (authors, practices, honours …) unless the field sets its own maxRows. */
export const MAX_ROWS = 200
/** Written by the system, not by editors: an import of a long digest lists hundreds of drafts. */
const SYSTEM_COLLECTIONS = new Set(['imports', 'site-builds'])

type Problem = { path: string; message: string; label?: string }
type Data = Record<string, unknown>

const isObject = (value: unknown): value is Data =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export const checkInput: CollectionBeforeOperationHook = async ({ args, operation, req, collection }) => {
  if (operation !== 'create' && operation !== 'update' && operation !== 'updateByID') return args
  const { data } = args as { data?: unknown }
  // Refused as a ValidationError, which Payload logs as a line, not as an error with its stack trace.
  const refuseWhole = (message: string) =>
    new ValidationError(
      { collection: collection.slug, errors: [{ path: 'data', label: '提交的内容', message }] },
      req.t,
    )
  if (!isObject(data)) {
    throw refuseWhole('提交的内容不是一个 JSON 对象：请以 application/json 发送 { "字段": 值 } 形式的数据')
  }
  const shape = shapeProblem(data)
  if (shape) throw refuseWhole(shape)
  const problems: Problem[] = []
  const references: Reference[] = []
  const maxRows = SYSTEM_COLLECTIONS.has(collection.slug) ? Infinity : MAX_ROWS
  checkFields(collection.fields, data, '', problems, references, maxRows)
  if (!problems.length) problems.push(...(await missingReferences(references, req)))
  if (problems.length) {
    throw new ValidationError(
      {
        collection: collection.slug,
        errors: problems.map(({ path, message, label }) => ({ path, message, label })),
      },
      req.t,
    )
  }
  return args
}

/** Applies the check to a collection: one place, added to every collection in payload.config.ts. */
export const withInputCheck = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    beforeOperation: [checkInput, ...(collection.hooks?.beforeOperation ?? [])],
  },
})

/** Depth and size, walked with a stack of its own. */
function shapeProblem(data: Data): string | undefined {
  const stack: [unknown, number][] = [[data, 1]]
  let values = 0
  while (stack.length) {
    const [value, depth] = stack.pop()!
    if (typeof value !== 'object' || value === null) continue
    if (depth > MAX_DEPTH) return `提交的内容嵌套超过${MAX_DEPTH}层，无法保存：请检查正文或数据的结构`
    const children = Array.isArray(value) ? value : Object.values(value)
    values += children.length
    if (values > MAX_VALUES) return `提交的内容过大（超过${MAX_VALUES}项），无法保存：请分成几次保存`
    for (const child of children) stack.push([child, depth + 1])
  }
  return undefined
}

type Reference = { collection: string; id: string; path: string; label: string }

const labelOf = (field: Field, fallback: string) => {
  const label = 'label' in field ? field.label : undefined
  if (typeof label === 'string') return label
  // Ours carry their Chinese text (lib/labels.ts), as a { zh, en } object or a label function.
  if (label && (typeof label === 'object' || typeof label === 'function') && 'zh' in label)
    return String(label.zh)
  if (fallback === '_status') return '发布状态'
  return fallback
}

function checkFields(
  fields: Field[],
  data: Data,
  prefix: string,
  problems: Problem[],
  refs: Reference[],
  maxRows: number,
) {
  for (const field of fields) {
    if (!('name' in field) || !field.name) {
      // row, collapsible: their fields sit in the same object
      if ('fields' in field && Array.isArray(field.fields))
        checkFields(field.fields, data, prefix, problems, refs, maxRows)
      continue
    }
    if (!(field.name in data)) continue
    const value = data[field.name]
    const path = `${prefix}${field.name}`
    const label = labelOf(field, field.name)
    const refuse = (message: string) => problems.push({ path, label, message: `「${label}」${message}` })
    if (value === null || value === undefined) continue
    // The admin sends "" for a field it cleared; Payload reads that as empty.
    if (value === '' && field.type !== 'text' && field.type !== 'textarea') continue
    switch (field.type) {
      case 'text':
      case 'textarea':
      case 'email':
        if ('hasMany' in field && field.hasMany) break
        if (typeof value !== 'string' && typeof value !== 'number') refuse('应是一段文字')
        break
      case 'number':
        if (field.hasMany) break
        if (typeof value === 'string' ? !NUMBER_TEXT.test(value) : typeof value !== 'number')
          refuse(
            `「${clip(String(typeof value === 'object' ? JSON.stringify(value) : value))}」不是数字：请只填写阿拉伯数字，如 2097`,
          )
        else if (!Number.isFinite(Number(value))) refuse('不是有限的数字')
        break
      case 'date': {
        const problem = dateProblem(value, label)
        if (problem) problems.push({ path, label, message: problem })
        break
      }
      case 'select': {
        const allowed = field.options.map((o) => (typeof o === 'string' ? o : o.value))
        const values = field.hasMany && Array.isArray(value) ? value : [value]
        const wrong = values.find((v) => typeof v !== 'string' || !allowed.includes(v))
        if (wrong !== undefined) {
          const names = field.options.map((o) =>
            typeof o === 'string'
              ? o
              : typeof o.label === 'object' && 'zh' in o.label
                ? `${o.label.zh}（${o.value}）`
                : o.value,
          )
          refuse(`不能是「${clip(String(wrong))}」，可选：${names.join('、')}`)
        }
        break
      }
      case 'checkbox':
        if (typeof value !== 'boolean' && value !== 'true' && value !== 'false') refuse('应是 true 或 false')
        break
      case 'relationship':
      case 'upload': {
        if (Array.isArray(field.relationTo)) break
        const list = field.hasMany ? value : [value]
        if (!Array.isArray(list)) {
          refuse('应是一组编号')
          break
        }
        for (const item of list) {
          const id = isObject(item) && 'id' in item ? item.id : item
          if (typeof id !== 'string' && typeof id !== 'number') refuse('应是所引用内容的编号')
          else refs.push({ collection: field.relationTo, id: String(id), path, label })
        }
        break
      }
      case 'richText':
        if (!isLexical(value)) refuse('的格式不对：应是编辑器生成的富文本（root 节点及其 children）')
        break
      case 'group':
        if (!isObject(value)) refuse('应是一组字段')
        else checkFields(field.fields, value, `${path}.`, problems, refs, maxRows)
        break
      case 'array': {
        // The admin's form sends an array it holds no rows of as its row count (0), as Payload's own check allows.
        if (value === 0) break
        if (!Array.isArray(value)) {
          refuse('应是一个列表')
          break
        }
        const max = field.maxRows ?? maxRows
        if (value.length > max) {
          refuse(`最多${max}项，提交了${value.length}项`)
          break
        }
        value.forEach((row, i) => {
          if (!isObject(row))
            problems.push({ path: `${path}.${i}`, message: `「${label}」第${i + 1}项应是一组字段` })
          else checkFields(field.fields, row, `${path}.${i}.`, problems, refs, maxRows)
        })
        break
      }
    }
  }
}

/** Lexical's saved state: a root node whose every node has a type, and children (if any) in a list. */
function isLexical(value: unknown) {
  if (!isObject(value) || !isObject(value.root) || value.root.type !== 'root') return false
  const stack: unknown[] = [value.root]
  while (stack.length) {
    const node = stack.pop()
    if (!isObject(node) || typeof node.type !== 'string') return false
    if ('children' in node) {
      if (!Array.isArray(node.children)) return false
      stack.push(...node.children)
    }
  }
  return true
}

/** References to documents that do not exist (in any state): refused here rather than by the database. */
async function missingReferences(refs: Reference[], req: PayloadRequest): Promise<Problem[]> {
  const problems: Problem[] = []
  const byCollection = Map.groupBy(refs, (r) => r.collection)
  for (const [collection, list] of byCollection) {
    const ids = [...new Set(list.map((r) => r.id))]
    const found = await req.payload.find({
      collection: collection as 'articles',
      where: { id: { in: ids } },
      limit: ids.length,
      pagination: false,
      depth: 0,
      draft: true,
      overrideAccess: true,
      select: {},
      req,
    })
    const existing = new Set(found.docs.map((d) => String(d.id)))
    for (const ref of list) {
      if (!existing.has(ref.id))
        problems.push({
          path: ref.path,
          message: `「${ref.label}」引用的内容（编号 ${clip(ref.id)}）不存在，请重新选择`,
        })
    }
  }
  return problems
}
