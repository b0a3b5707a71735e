import fs from 'node:fs'
import path from 'node:path'

import type { GraphQLSchema } from 'graphql'
import type { Field, Payload, SanitizedCollectionConfig } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createStaff, rest, startTestCms, uploadFile, type TestCms } from './helpers/cms'

/**
 * The access matrix: every collection of the Payload config × operation × role × interface, with the answer
 * each cell must give. Rows come from the config (a new collection gets its rows, and its expectations from
 * what it is: reviewed content, taxonomy, images, accounts …), not from a list written here. Each cell runs
 * the operation for real and judges it by its effect on the stored documents, not by the status code alone:
 * a 200 that changed nothing is a refusal, an error that changed something is wrong either way.
 */

const ROLES = ['anonymous', 'contributor', 'editor', 'admin'] as const
const INTERFACES = ['rest', 'graphql', 'local', 'importer'] as const
const OPERATIONS = [
  'read',
  'readDrafts',
  'create',
  'update',
  'delete',
  'publish',
  'unpublish',
  'restore',
  'duplicate',
] as const
type Role = (typeof ROLES)[number]
type Interface = (typeof INTERFACES)[number]
type Operation = (typeof OPERATIONS)[number]
/** allowed, refused, or 'mixed': an error with an effect, or a success whose effect is only partly there. */
type Outcome = 'allowed' | 'refused' | 'mixed'

/** What a collection is, read from its config; `custom.policy` names it when its shape does not say. */
type Kind =
  'reviewed' | 'taxonomy' | 'images' | 'pageUploads' | 'accounts' | 'systemRecords' | 'importRecords'

const hasDrafts = (c: SanitizedCollectionConfig) => Boolean(c.versions && c.versions.drafts)
const hasField = (c: SanitizedCollectionConfig, name: string) =>
  c.flattenedFields.some((f) => f.name === name)

function kindOf(c: SanitizedCollectionConfig): Kind {
  const declared = (c.custom as { policy?: Kind } | undefined)?.policy
  if (declared) return declared
  if (c.auth) return 'accounts'
  if (c.upload) return c.upload.mimeTypes?.every((m) => m.startsWith('image/')) ? 'images' : 'pageUploads'
  if (hasDrafts(c)) return hasField(c, 'createdBy') ? 'reviewed' : 'taxonomy'
  return 'systemRecords'
}

const staff = (role: Role) => role !== 'anonymous'
const editorial = (role: Role) => role === 'editor' || role === 'admin'

/**
 * The rules, per kind: what each role may do. The targets of writes in reviewed content are the
 * contributor's own documents (an editor published them), so the answer is about the role, not ownership.
 */
const POLICY: Record<Kind, Partial<Record<Operation, (role: Role) => boolean>>> = {
  reviewed: {
    read: () => true,
    readDrafts: staff,
    create: staff,
    update: staff, // a draft revision of the contributor's own published document
    delete: editorial,
    publish: editorial,
    unpublish: editorial,
    restore: editorial, // restoring a draft version over published content takes it down
    duplicate: staff,
  },
  taxonomy: {
    read: () => true,
    readDrafts: staff,
    create: editorial,
    update: editorial,
    delete: editorial,
    publish: editorial,
    unpublish: editorial,
    restore: editorial,
    duplicate: editorial,
  },
  // read: an image on a published page; readDrafts: an image used by a draft only; update: an image on a
  // published page (a change goes live without review).
  images: { read: () => true, readDrafts: staff, create: staff, update: editorial, delete: editorial },
  pageUploads: { read: staff, create: staff, update: editorial, delete: editorial },
  accounts: {
    read: staff,
    create: (r) => r === 'admin',
    update: (r) => r === 'admin',
    delete: (r) => r === 'admin',
  },
  systemRecords: { read: staff, create: () => false, update: () => false, delete: () => false },
  importRecords: {
    read: staff,
    create: () => false,
    update: editorial,
    delete: editorial,
    duplicate: () => false,
  },
}

/** Through the importer: an import by anyone signed in writes drafts; it never overwrites a revised document. */
const IMPORTER_POLICY: Partial<Record<Operation, (role: Role) => boolean>> = {
  create: staff,
  update: () => false,
}

type Cell = { collection: string; operation: Operation; role: Role; via: Interface; expected: boolean }

/** Operations that exist for a collection at all, from its config. */
function applicable(c: SanitizedCollectionConfig, operation: Operation, via: Interface): boolean {
  const policy = via === 'importer' ? IMPORTER_POLICY : POLICY[kindOf(c)]
  if (!policy[operation]) return false
  if (['publish', 'unpublish', 'restore', 'readDrafts'].includes(operation) && !hasDrafts(c))
    return kindOf(c) === 'images' && operation === 'readDrafts'
  if (operation === 'duplicate' && (c.disableDuplicate || c.auth || c.upload)) return false
  // GraphQL takes no file uploads.
  if (via === 'graphql' && operation === 'create' && c.upload) return false
  return true
}

// ---------------------------------------------------------------------------------------------------------

let cms: TestCms
let payload: Payload
let tokens: Awaited<ReturnType<typeof createStaff>>
let users: Record<Exclude<Role, 'anonymous'>, { id: string }>
let schema: GraphQLSchema
let counter = 0
const unique = (prefix = 'x') => `${prefix}${++counter}${Math.random().toString(36).slice(2, 6)}`
const fixtures = path.join(import.meta.dirname, 'fixtures/import')
const PAGE = fs.readFileSync(path.join(fixtures, 'news-credits.shtml'), 'utf8')
let png: Buffer

const config = (slug: string) => payload.collections[slug as 'articles'].config
const cells: Cell[] = []
const results = new Map<Cell, Outcome>()

function generateCells(collections: SanitizedCollectionConfig[], imported: string[]): Cell[] {
  const cells: Cell[] = []
  for (const c of collections) {
    for (const via of INTERFACES) {
      if (via === 'importer' && !imported.includes(c.slug)) continue
      for (const operation of OPERATIONS) {
        if (!applicable(c, operation, via)) continue
        const policy = via === 'importer' ? IMPORTER_POLICY : POLICY[kindOf(c)]
        for (const role of ROLES) {
          cells.push({ collection: c.slug, operation, role, via, expected: policy[operation]!(role) })
        }
      }
    }
  }
  return cells
}

// --- sample documents, generated from the fields -----------------------------------------------------------

const UPLOAD_FIELDS = new Set(['filename', 'mimeType', 'url', 'thumbnailURL', 'filesize', 'width', 'height'])
const shared = new Map<string, string>()

/** A published document of `slug` other documents can point at, made once. */
async function relationTarget(slug: string): Promise<string> {
  if (!shared.has(slug)) shared.set(slug, await makeDoc(slug, { status: 'published' }))
  return shared.get(slug)!
}

async function sampleFields(fields: Field[], slug: string): Promise<Record<string, unknown>> {
  const data: Record<string, unknown> = {}
  if (fields === config(slug).fields && config(slug).auth) data.password = 'matrix-password-1'
  for (const field of fields) {
    if (!('name' in field)) {
      if ('fields' in field) Object.assign(data, await sampleFields(field.fields, slug))
      if (field.type === 'tabs')
        for (const tab of field.tabs) Object.assign(data, await sampleFields(tab.fields, slug))
      continue
    }
    if (field.type === 'group') {
      const group = await sampleFields(field.fields, slug)
      if (Object.keys(group).length) data[field.name] = group
      continue
    }
    if (!('required' in field) || !field.required || UPLOAD_FIELDS.has(field.name)) continue
    if (field.name === 'email') data.email = `${unique('u')}@example.org`
    else if (field.name === 'password') data.password = 'matrix-password-1'
    else if (field.name === 'role') data.role = 'contributor'
    else if (/unit$/i.test(field.name)) data[field.name] = '人'
    else if (field.type === 'text' || field.type === 'textarea') data[field.name] = unique(`${slug}-`)
    else if (field.type === 'number') data[field.name] = 1
    else if (field.type === 'date') data[field.name] = new Date().toISOString()
    else if (field.type === 'checkbox') data[field.name] = false
    else if (field.type === 'select' || field.type === 'radio') {
      const first = field.options[0]!
      data[field.name] = typeof first === 'string' ? first : first.value
    } else if (
      (field.type === 'relationship' || field.type === 'upload') &&
      typeof field.relationTo === 'string'
    )
      data[field.name] = await relationTarget(field.relationTo)
  }
  return data
}

const imageFile = () => ({ data: png, mimetype: 'image/png', name: `${unique('img')}.png`, size: png.length })
const pageFile = () => {
  const data = Buffer.from(PAGE.replace('</body>', `<p>${unique('变体')}</p></body>`))
  return { data, mimetype: 'text/html', name: `${unique('page')}.html`, size: data.length }
}
const fileFor = (slug: string) =>
  config(slug).upload ? (kindOf(config(slug)) === 'images' ? imageFile() : pageFile()) : undefined

/**
 * A document as an operator would make it (access control off): published or a draft, owned by the
 * contributor where the collection records an owner.
 */
async function makeDoc(slug: string, { status }: { status: 'published' | 'draft' }): Promise<string> {
  const c = config(slug)
  const data = await sampleFields(c.fields, slug)
  if (hasField(c, 'createdBy') && users) data.createdBy = users.contributor.id
  if (hasDrafts(c)) data._status = status
  const doc = await payload.create({
    collection: slug as 'articles',
    data: data as never,
    draft: hasDrafts(c) && status === 'draft',
    file: fileFor(slug) as never,
    context: { skipRebuild: true },
  })
  return String(doc.id)
}

/** An image on a published page (`published`) or on a draft only (`draft`). */
async function makeImage(status: 'published' | 'draft') {
  const id = await makeDoc('media', { status: 'published' })
  await payload.create({
    collection: 'articles',
    data: { title: unique('配图文章'), heroImage: id, _status: status } as never,
    draft: status === 'draft',
    context: { skipRebuild: true },
  })
  return id
}

const stored = (slug: string, id: string, draft = false) =>
  payload.findByID({
    collection: slug as 'articles',
    id,
    draft,
    depth: 0,
    disableErrors: true,
  }) as Promise<Record<string, unknown> | null>

/** The text field a write changes: the title, else the first writable textarea or text field. */
function textFieldOf(c: SanitizedCollectionConfig): string {
  const candidates = c.flattenedFields.filter(
    (f) =>
      (f.type === 'text' || f.type === 'textarea') &&
      !UPLOAD_FIELDS.has(f.name) &&
      !['slug', 'email', 'figureText'].includes(f.name) &&
      !/unit$/i.test(f.name) &&
      !f.admin?.hidden,
  )
  const writable = candidates.filter((f) => !f.admin?.readOnly)
  const title = writable.find((f) => f.name === c.admin.useAsTitle)
  return (title ?? writable.find((f) => f.type === 'textarea') ?? writable[0] ?? candidates[0])!.name
}

// --- the interfaces ----------------------------------------------------------------------------------------

/** `crashed`: the server failed (5xx) — never a refusal, whatever the stored documents show. */
type Call = { ok: boolean; detail: string; crashed?: boolean }
/** An API answer read as JSON: its shape differs from collection to collection, so it is read untyped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Json = any
const tokenOf = (role: Role) => (role === 'anonymous' ? undefined : tokens[role])
const userOf = (role: Role) =>
  role === 'anonymous' ? undefined : ({ ...users[role], collection: 'users' } as never)

async function viaRest(
  role: Role,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  apiPath: string,
  body?: unknown,
): Promise<Call & { json: Json }> {
  const { status, json } = await rest(payload, method, apiPath, { body, token: tokenOf(role) })
  return {
    ok: status >= 200 && status < 300,
    crashed: status >= 500,
    detail: `${status} ${JSON.stringify(json).slice(0, 160)}`,
    json,
  }
}

async function viaLocal(run: () => Promise<unknown>): Promise<Call & { value?: Json }> {
  try {
    return { ok: true, detail: 'ok', value: await run() }
  } catch (error) {
    return { ok: false, detail: (error as Error).message }
  }
}

const names = (slug: string) => {
  const { formatNames } = payloadModule
  const { singular, plural } = formatNames(slug)
  const s = singular.replace(/\s/g, '')
  const p = plural.replace(/\s/g, '')
  return { one: s, many: s === p ? `all${p}` : p }
}

/**
 * Converts stored values into GraphQL variables: select values become the schema's enum names. Types are told
 * apart by shape: the schema may come from another copy of the graphql package than this file's.
 */
type AnyInputType = {
  ofType?: AnyInputType
  getFields?: () => Record<string, { name: string; type: AnyInputType }>
  getValues?: () => readonly { name: string; value: unknown }[]
  toString(): string
}
const isNonNull = (type: AnyInputType) => String(type).endsWith('!')
const isList = (type: AnyInputType) => Boolean(type.ofType) && !isNonNull(type)

function toVariables(value: unknown, type: AnyInputType): unknown {
  if (type.ofType && isNonNull(type)) return toVariables(value, type.ofType)
  if (value === null || value === undefined) return value
  if (isList(type)) return (Array.isArray(value) ? value : [value]).map((v) => toVariables(v, type.ofType!))
  if (type.getValues) return type.getValues().find((v) => v.value === value)?.name ?? value
  if (type.getFields && typeof value === 'object') {
    const fields = type.getFields()
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => fields[k])
        .map(([k, v]) => [k, toVariables(v, fields[k]!.type)]),
    )
  }
  return value
}

async function gql(
  role: Role,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Call & { data?: Json }> {
  const { GRAPHQL_POST } = await import('@payloadcms/next/routes')
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const token = tokenOf(role)
  if (token) headers.authorization = `JWT ${token}`
  const response = await GRAPHQL_POST(payload.config)(
    new Request('http://localhost/api/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    }),
  )
  const json = (await response.json()) as { data?: Json; errors?: { message: string }[] }
  const ok = !json.errors?.length && json.data && Object.values(json.data).every((v) => v !== null)
  return { ok: Boolean(ok), detail: JSON.stringify(json).slice(0, 200), data: json.data }
}

function mutationArgType(mutation: string, arg: string) {
  const fields = schema.getMutationType()!.getFields()
  return fields[mutation]!.args.find((a) => a.name === arg)!.type as unknown as AnyInputType
}

let payloadModule: typeof import('payload')

// --- running one cell --------------------------------------------------------------------------------------

/** A draft version saved over a document (as an operator would), leaving the stored document as it was. */
const saveDraftOver = (slug: string, id: string) =>
  payload.update({
    collection: slug as 'articles',
    id,
    data: { [textFieldOf(config(slug))]: unique('草稿') } as never,
    draft: true,
    context: { skipRebuild: true },
  })

async function latestVersionId(slug: string, id: string) {
  const { docs } = await payload.findVersions({
    collection: slug as 'articles',
    where: { parent: { equals: id } },
    sort: '-updatedAt',
    limit: 1,
    depth: 0,
  })
  return String(docs[0]!.id)
}

/** A read the server failed on is neither seen nor hidden: the cell fails with the server's answer. */
function unlessCrashed<T extends Call>(call: T) {
  if (call.crashed) throw new Error(`the server failed: ${call.detail}`)
  return call
}

/** Judges a call by its effect: `effect` says whether the operation happened. */
const judge = (call: Call, effect: boolean): Outcome =>
  call.crashed ? 'mixed' : call.ok && effect ? 'allowed' : !call.ok && !effect ? 'refused' : 'mixed'

async function runCell(cell: Cell): Promise<{ outcome: Outcome; detail: string }> {
  const { collection: slug, operation, role, via } = cell
  const c = config(slug)
  const kind = kindOf(c)
  const drafts = hasDrafts(c)
  const { one, many } = names(slug)
  const local = {
    collection: slug as 'articles',
    overrideAccess: false,
    user: userOf(role),
    depth: 0,
  } as const

  if (via === 'importer') return runImporterCell(cell)

  if (operation === 'read' || operation === 'readDrafts') {
    const id =
      kind === 'images'
        ? await (operation === 'read' ? readTargets.image : readTargets.draftImage)
        : kind === 'accounts'
          ? users.admin.id
          : await readTarget(slug, operation === 'read' ? 'published' : 'draft')
    const draft = operation === 'readDrafts' && drafts
    // Every way of reading it: by id, in a list, and (for drafts) in the version history.
    const probes: [string, () => Promise<boolean>][] = []
    const q = draft ? '?draft=true' : ''
    if (via === 'rest') {
      probes.push([
        `GET /${id}`,
        () => viaRest(role, 'GET', `/api/${slug}/${id}${q}`).then((r) => unlessCrashed(r).json?.id === id),
      ])
      probes.push([
        'GET list',
        () =>
          viaRest(role, 'GET', `/api/${slug}?where[id][equals]=${id}${draft ? '&draft=true' : ''}`).then(
            (r) => unlessCrashed(r).json?.docs?.[0]?.id === id,
          ),
      ])
      if (draft)
        probes.push([
          'GET versions',
          () =>
            viaRest(role, 'GET', `/api/${slug}/versions?where[parent][equals]=${id}`).then(
              (r) => (unlessCrashed(r).json?.docs?.length ?? 0) > 0,
            ),
        ])
    } else if (via === 'graphql') {
      const d = draft ? ', draft: true' : ''
      probes.push([
        'one',
        () =>
          gql(role, `query { ${one}(id: ${JSON.stringify(id)}${d}) { id } }`).then(
            (r) => r.data?.[one]?.id === id,
          ),
      ])
      probes.push([
        'list',
        () =>
          gql(
            role,
            `query { ${many}(where: { id: { equals: ${JSON.stringify(id)} } }${d}) { docs { id } } }`,
          ).then((r) => r.data?.[many]?.docs?.[0]?.id === id),
      ])
      if (draft)
        probes.push([
          'versions',
          () =>
            gql(
              role,
              `query { versions${many}(where: { parent: { equals: ${JSON.stringify(id)} } }) { docs { id } } }`,
            ).then((r) => (r.data?.[`versions${many}`]?.docs?.length ?? 0) > 0),
        ])
    } else {
      probes.push([
        'findByID',
        () => viaLocal(() => payload.findByID({ ...local, id, draft })).then((r) => r.value?.id === id),
      ])
      probes.push([
        'find',
        () =>
          viaLocal(() => payload.find({ ...local, where: { id: { equals: id } }, draft })).then(
            (r) => r.value?.docs?.[0]?.id === id,
          ),
      ])
      if (draft)
        probes.push([
          'findVersions',
          () =>
            viaLocal(() => payload.findVersions({ ...local, where: { parent: { equals: id } } })).then(
              (r) => (r.value?.docs?.length ?? 0) > 0,
            ),
        ])
    }
    const seen: boolean[] = []
    for (const [, probe] of probes) seen.push(await probe())
    const detail = probes.map(([name], i) => `${name}: ${seen[i] ? 'seen' : 'not seen'}`).join(', ')
    return { outcome: seen.every(Boolean) ? 'allowed' : seen.some(Boolean) ? 'mixed' : 'refused', detail }
  }

  if (operation === 'create') {
    const data = await sampleFields(c.fields, slug)
    if (drafts) data._status = 'draft'
    const before = await payload.count({ collection: slug as 'articles', draft: true } as never)
    let call: Call
    if (via === 'rest') {
      call = c.upload
        ? await upload(role, slug, data)
        : await viaRest(role, 'POST', `/api/${slug}${drafts ? '?draft=true' : ''}`, data)
    } else if (via === 'graphql') {
      const type = mutationArgType(`create${one}`, 'data')
      call = await gql(
        role,
        `mutation ($data: ${String(type)}) { create${one}(data: $data${drafts ? ', draft: true' : ''}) { id } }`,
        { data: toVariables(data, type) },
      )
    } else {
      call = await viaLocal(() =>
        payload.create({ ...local, data: data as never, draft: drafts, file: fileFor(slug) as never }),
      )
    }
    const after = await payload.count({ collection: slug as 'articles', draft: true } as never)
    return { outcome: judge(call, after.totalDocs > before.totalDocs), detail: call.detail }
  }

  // Writes act on a fresh document each: a published one (a draft one to publish).
  const id =
    kind === 'images'
      ? await makeImage('published')
      : kind === 'accounts'
        ? await makeDoc(slug, { status: 'published' })
        : await makeDoc(slug, { status: operation === 'publish' ? 'draft' : 'published' })

  if (operation === 'update') {
    const field = textFieldOf(c)
    const marker = unique('改')
    const data = { [field]: marker }
    const q = drafts ? '?draft=true' : ''
    const call =
      via === 'rest'
        ? await viaRest(role, 'PATCH', `/api/${slug}/${id}${q}`, data)
        : via === 'graphql'
          ? await gql(
              role,
              `mutation { update${one}(id: ${JSON.stringify(id)}, data: { ${field}: ${JSON.stringify(marker)} }${drafts ? ', draft: true' : ''}) { id } }`,
            )
          : await viaLocal(() => payload.update({ ...local, id, data: data as never, draft: drafts }))
    const after = await stored(slug, id, true)
    return { outcome: judge(call, after?.[field] === marker), detail: call.detail }
  }

  if (operation === 'delete') {
    const call =
      via === 'rest'
        ? await viaRest(role, 'DELETE', `/api/${slug}/${id}`)
        : via === 'graphql'
          ? await gql(role, `mutation { delete${one}(id: ${JSON.stringify(id)}) { id } }`)
          : await viaLocal(() => payload.delete({ ...local, id }))
    return { outcome: judge(call, !(await stored(slug, id))), detail: call.detail }
  }

  if (operation === 'publish' || operation === 'unpublish') {
    const status = operation === 'publish' ? 'published' : 'draft'
    // The harder case of an unpublish: someone has saved a draft over the published document since, so the
    // latest version is a draft already and only the stored document shows the page is live.
    if (operation === 'unpublish') await saveDraftOver(slug, id)
    const call =
      via === 'rest'
        ? await viaRest(role, 'PATCH', `/api/${slug}/${id}`, { _status: status })
        : via === 'graphql'
          ? await gql(
              role,
              `mutation { update${one}(id: ${JSON.stringify(id)}, data: { _status: ${status} }) { id } }`,
            )
          : await viaLocal(() => payload.update({ ...local, id, data: { _status: status } as never }))
    const after = await stored(slug, id)
    return { outcome: judge(call, after?._status === status), detail: call.detail }
  }

  if (operation === 'restore') {
    // The contributor's (or anyone's) draft saved over the published document, then restored.
    await saveDraftOver(slug, id)
    const versionId = await latestVersionId(slug, id)
    const call =
      via === 'rest'
        ? await viaRest(role, 'POST', `/api/${slug}/versions/${versionId}`)
        : via === 'graphql'
          ? await gql(role, `mutation { restoreVersion${one}(id: ${JSON.stringify(versionId)}) { id } }`)
          : await viaLocal(() => payload.restoreVersion({ ...local, id: versionId }))
    const after = await stored(slug, id)
    const versionsAfter = await latestVersionId(slug, id)
    // A restore happened if it wrote a new version or changed the live document.
    return {
      outcome: judge(call, versionsAfter !== versionId || after?._status !== 'published'),
      detail: call.detail,
    }
  }

  if (operation === 'duplicate') {
    const before = await payload.count({ collection: slug as 'articles', draft: true } as never)
    const call =
      via === 'rest'
        ? await viaRest(role, 'POST', `/api/${slug}/${id}/duplicate`, {})
        : via === 'graphql'
          ? await duplicateViaGraphql(role, slug, one, id)
          : await viaLocal(() => payload.duplicate({ ...local, id, draft: true } as never))
    const after = await payload.count({ collection: slug as 'articles', draft: true } as never)
    return { outcome: judge(call, after.totalDocs > before.totalDocs), detail: call.detail }
  }
  throw new Error(`no runner for ${operation}`)
}

/** GraphQL's duplicate mutation requires `data` (of the create input type): the document's own values. */
async function duplicateViaGraphql(role: Role, slug: string, one: string, id: string) {
  const type = mutationArgType(`duplicate${one}`, 'data')
  // The fields the input type requires, from the document; the rest is copied by the duplicate itself.
  const doc = (await stored(slug, id, true)) ?? {}
  const input = (isNonNull(type) ? type.ofType! : type) as AnyInputType
  const required = Object.values(input.getFields!()).filter((f) => isNonNull(f.type))
  const data = Object.fromEntries(required.map((f) => [f.name, doc[f.name]]))
  return gql(
    role,
    `mutation ($data: ${String(type)}) { duplicate${one}(id: ${JSON.stringify(id)}, data: $data) { id } }`,
    {
      data: toVariables(data, type),
    },
  )
}

async function upload(role: Role, slug: string, data: Record<string, unknown>): Promise<Call> {
  const file = fileFor(slug)!
  const token = tokenOf(role)
  const { status, json } = await uploadFile(payload, slug, {
    file: new Blob([new Uint8Array(file.data)], { type: file.mimetype }),
    name: file.name,
    fields: data,
    token,
  })
  return {
    ok: status >= 200 && status < 300,
    crashed: status >= 500,
    detail: `${status} ${JSON.stringify(json).slice(0, 160)}`,
  }
}

const readTargets = {} as { image: Promise<string>; draftImage: Promise<string> }
const readFixtures = new Map<string, string>()
const readTarget = async (slug: string, status: 'published' | 'draft') => {
  const key = `${slug}:${status}`
  if (!readFixtures.has(key)) readFixtures.set(key, await makeDoc(slug, { status }))
  return readFixtures.get(key)!
}

// --- the importer ------------------------------------------------------------------------------------------

/**
 * create: a new page uploaded by the role; allowed when the drafts it lists in this collection were written.
 * update: the page imported earlier, its drafts since revised (and published) by an editor, uploaded again;
 * allowed when the revision of this collection's document was overwritten.
 */
async function runImporterCell({
  collection: slug,
  operation,
  role,
}: Cell): Promise<{ outcome: Outcome; detail: string }> {
  const file = pageFile()
  const send = (bytes: Buffer, name: string) => upload2(role, bytes, name)
  if (operation === 'create') {
    const call = await send(file.data, file.name)
    const recordId = call.json?.doc?.importRecord?.id ?? call.json?.doc?.importRecord
    const record = recordId
      ? await payload.findByID({ collection: 'imports', id: recordId, depth: 0 })
      : undefined
    const listed = (record?.documents ?? []).filter((d) => d.document?.relationTo === slug)
    return { outcome: judge(call, listed.length > 0), detail: call.detail }
  }
  // update
  const { importReport } = await import('../cms/lib/import/importer')
  const result = await importReport(payload, { fileName: file.name, bytes: file.data })
  const record = await payload.findByID({ collection: 'imports', id: result.importId, depth: 0 })
  const target = (record.documents ?? []).find((d) => d.document?.relationTo === slug)
  const id = String(target!.document!.value)
  const field = textFieldOf(config(slug))
  const revision = unique('编辑修订')
  await payload.update({
    collection: slug as 'articles',
    id,
    data: { [field]: revision } as never,
    draft: true,
    user: { ...users.editor, collection: 'users' } as never,
    overrideAccess: false,
    context: { skipRebuild: true },
  })
  const call = await send(file.data, file.name)
  const after = await stored(slug, id, true)
  // The import itself may go through (it writes new drafts beside the revised ones): what counts is whether
  // the revision survived.
  return { outcome: after?.[field] === revision ? 'refused' : 'allowed', detail: call.detail }
}

async function upload2(role: Role, bytes: Buffer, name: string) {
  const { status, json } = await uploadFile(payload, 'saved-pages', {
    file: new Blob([new Uint8Array(bytes)], { type: 'text/html' }),
    name,
    token: tokenOf(role),
  })
  return {
    ok: status >= 200 && status < 300,
    crashed: status >= 500,
    detail: `${status} ${JSON.stringify(json).slice(0, 160)}`,
    json,
  }
}

// ---------------------------------------------------------------------------------------------------------

beforeAll(async () => {
  cms = await startTestCms()
  payload = cms.payload
  payloadModule = await import('payload')
  tokens = await createStaff(payload)
  const found = await payload.find({ collection: 'users', limit: 0, depth: 0 })
  users = Object.fromEntries(
    found.docs.map((u) => [u.role, { ...u, id: String(u.id) }]),
  ) as unknown as typeof users
  png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#c00000' } })
    .png()
    .toBuffer()
  const { configToSchema } = await import('@payloadcms/graphql')
  schema = configToSchema(payload.config).schema
  readTargets.image = Promise.resolve(await makeImage('published'))
  readTargets.draftImage = Promise.resolve(await makeImage('draft'))

  const collections = payload.config.collections.filter((c) => !c.slug.startsWith('payload-'))
  // The importer writes the collections its record can point at (cms/collections/Imports.ts).
  const documents = config('imports').flattenedFields.find((f) => f.name === 'documents')
  const relation =
    documents && 'flattenedFields' in documents
      ? documents.flattenedFields.find((f) => f.name === 'document')
      : undefined
  const imported = relation && 'relationTo' in relation ? [relation.relationTo].flat().map(String) : []
  // …of which the sample page (a news report naming a region, with figures) gives articles, figures, regions.
  cells.push(
    ...generateCells(
      collections,
      imported.filter((s) => ['articles', 'metrics', 'regions'].includes(s)),
    ),
  )
  for (const cell of cells) {
    const { outcome, detail } = await runCell(cell).catch((error: Error) => ({
      outcome: 'mixed' as Outcome,
      detail: `setup failed: ${error.stack}`,
    }))
    results.set(cell, outcome)
    if (outcome !== (cell.expected ? 'allowed' : 'refused')) details.set(cell, detail)
  }
}, 900_000)
afterAll(() => cms?.close())

const details = new Map<Cell, string>()
const label = (c: Cell) => `${c.collection} · ${c.operation} · ${c.role} · ${c.via}`

describe('the access matrix', () => {
  it('covers every collection, operation, role and interface the config has', () => {
    const slugs = new Set(cells.map((c) => c.collection))
    for (const c of payload.config.collections)
      if (!c.slug.startsWith('payload-')) expect(slugs).toContain(c.slug)
    expect(new Set(cells.map((c) => c.via))).toEqual(new Set(INTERFACES))
    expect(new Set(cells.map((c) => c.role))).toEqual(new Set(ROLES))
    expect(new Set(cells.map((c) => c.operation))).toEqual(new Set(OPERATIONS))
  })

  it('gives a collection added to the config its rows, with expectations from what it is', () => {
    // Two collections nobody wrote rows for: reviewed content (drafts and an owner) and plain records.
    const reviewed = { ...config('articles'), slug: 'new-reviewed' } as unknown as SanitizedCollectionConfig
    const records = {
      ...config('site-builds'),
      slug: 'new-records',
      custom: {},
    } as unknown as SanitizedCollectionConfig
    const rows = generateCells([reviewed, records], [])
    const articleRows = cells.filter((c) => c.collection === 'articles' && c.via !== 'importer')
    expect(rows.filter((c) => c.collection === 'new-reviewed').map(({ collection: _, ...c }) => c)).toEqual(
      articleRows.map(({ collection: _, ...c }) => c),
    )
    const recordRows = rows.filter((c) => c.collection === 'new-records')
    expect(recordRows.length).toBeGreaterThan(0)
    expect(
      recordRows.filter((c) => c.expected).every((c) => c.operation === 'read' && c.role !== 'anonymous'),
    ).toBe(true)
  })

  it('gives the expected answer in every cell', () => {
    const wrong = cells.filter((c) => results.get(c) !== (c.expected ? 'allowed' : 'refused'))
    const report = wrong.map(
      (c) =>
        `${label(c)}: expected ${c.expected ? 'allowed' : 'refused'}, got ${results.get(c)} — ${details.get(c)}`,
    )
    console.log(`access matrix: ${cells.length} cells, ${wrong.length} wrong\n${report.join('\n')}`)
    fs.writeFileSync(
      path.join(process.env.MATRIX_REPORT_DIR ?? cms.dir, 'matrix.txt'),
      `${cells.length} cells, ${wrong.length} wrong\n${report.join('\n')}\n`,
    )
    expect(report).toEqual([])
  })
})
