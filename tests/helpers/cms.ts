import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'

export type TestCms = { payload: Payload; dir: string; databaseFile: string; close: () => Promise<void> }

/**
 * Starts the real CMS (Payload, our config, committed migrations) on a fresh SQLite file in a temporary folder
 * (or on `dir`/test.db, which a command run before may have written).
 * The config reads DATABASE_URI when it is imported, so the environment is set first.
 */
export async function startTestCms({
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changai-test-')),
}: { dir?: string } = {}): Promise<TestCms> {
  const databaseFile = path.join(dir, 'test.db')
  process.env.DATABASE_URI = `file:${databaseFile}`
  process.env.PAYLOAD_SECRET ||= 'test-secret-not-for-production'
  process.env.MEDIA_DIR = path.join(dir, 'media')
  const { default: config } = await import('../../cms/payload.config')
  const { getPayload } = await import('payload')
  const payload = await getPayload({ config })
  return {
    payload,
    dir,
    databaseFile,
    close: async () => {
      await payload.destroy()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * Calls the real REST API in-process: `handleEndpoints` is the handler the Next.js routes in cms/app/api wrap.
 * Pass a token from `login` to act as that user; without one the call is anonymous.
 */
export async function rest(
  payload: Payload,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  apiPath: string,
  { body, token }: { body?: unknown; token?: string } = {},
) {
  const { handleEndpoints } = await import('payload')
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token) headers.authorization = `JWT ${token}`
  const request = new Request(`http://localhost${apiPath}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const response = await handleEndpoints({ config: payload.config, request })
  const text = await response.text()
  return { status: response.status, json: text ? JSON.parse(text) : undefined }
}

export async function login(payload: Payload, email: string, password: string) {
  const { status, json } = await rest(payload, 'POST', '/api/users/login', { body: { email, password } })
  if (status !== 200) throw new Error(`login failed for ${email}: ${status} ${JSON.stringify(json)}`)
  return json.token as string
}

/** Creates staff accounts of each role directly (as an operator would), returning their REST tokens. */
export async function createStaff(payload: Payload) {
  const password = 'correct-horse-battery'
  const tokens: Record<'admin' | 'editor' | 'contributor', string> = {
    admin: '',
    editor: '',
    contributor: '',
  }
  for (const role of ['admin', 'editor', 'contributor'] as const) {
    const email = `${role}@example.org`
    await payload.create({ collection: 'users', data: { email, password, name: `${role} 测试`, role } })
    tokens[role] = await login(payload, email, password)
  }
  return tokens
}

/** The Chinese messages a rejected save carried, field by field. */
export function validationMessages(error: unknown): string[] {
  const data = (error as { data?: { errors?: { message: string }[] } }).data
  return data?.errors?.map((e) => e.message) ?? []
}

/** Serves the CMS's REST API over real HTTP on a free loopback port, as a remote CMS would. */
export async function serveRestApi(payload: Payload) {
  const http = await import('node:http')
  const { handleEndpoints } = await import('payload')
  const server = http.createServer(async (req, res) => {
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
    })
    const response = await handleEndpoints({ config: payload.config, request })
    res.writeHead(response.status, Object.fromEntries(response.headers))
    res.end(Buffer.from(await response.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) }
}

/** Calls the real GraphQL endpoint in-process: the handler cms/app/(payload)/api/graphql/route.ts serves. */
export async function graphql(payload: Payload, query: string, token?: string) {
  const { GRAPHQL_POST } = await import('@payloadcms/next/routes')
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token) headers.authorization = `JWT ${token}`
  const request = new Request('http://localhost/api/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query }),
  })
  const response = await GRAPHQL_POST(payload.config)(request)
  return (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] }
}

/**
 * Uploads a file through the real REST handler as the admin's upload form does (multipart, `_payload`).
 * The body is encoded up front, as a browser sends it, so an early refusal leaves no half-read stream behind.
 */
export async function uploadFile(
  payload: Payload,
  collection: string,
  {
    file,
    name,
    fields = {},
    token,
  }: { file: Blob; name: string; fields?: Record<string, unknown>; token?: string },
) {
  const { handleEndpoints } = await import('payload')
  const form = new FormData()
  form.append('file', file, name)
  form.append('_payload', JSON.stringify(fields))
  const encoded = new Response(form)
  const request = new Request(`http://localhost/api/${collection}`, {
    method: 'POST',
    headers: {
      ...(token ? { authorization: `JWT ${token}` } : {}),
      'content-type': encoded.headers.get('content-type')!,
    },
    body: Buffer.from(await encoded.arrayBuffer()),
  })
  const response = await handleEndpoints({ config: payload.config, request })
  return { status: response.status, json: await response.json() }
}
