import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { csrfOrigins, securityHeaders, serverUrlOf, sessionCookie } from '../cms/security'
import {
  createReplayGuard,
  DELIVERY_HEADER,
  sendBuildHook,
  SIGNATURE_HEADER,
  signBody,
  TIMESTAMP_HEADER,
  verifySignature,
} from '../scripts/publish/hook'
import { createStaff, graphql, rest, startTestCms, type TestCms } from './helpers/cms'

/** Issue #13, item 8 (security): CSRF, the session cookie, response headers, staff emails, build-hook replay. */

let cms: TestCms
let tokens: Awaited<ReturnType<typeof createStaff>>

beforeAll(async () => {
  cms = await startTestCms()
  tokens = await createStaff(cms.payload)
})
afterAll(() => cms?.close())

async function meWithCookie(token: string, origin?: string) {
  const { handleEndpoints } = await import('payload')
  const headers: Record<string, string> = { cookie: `payload-token=${token}` }
  if (origin) headers.origin = origin
  const response = await handleEndpoints({
    config: cms.payload.config,
    request: new Request('http://localhost/api/users/me', { headers }),
  })
  return ((await response.json()) as { user: { role: string } | null }).user
}

describe('the session cookie', () => {
  it('is not accepted from another origin (CSRF), but is from the admin itself', async () => {
    expect(cms.payload.config.csrf).toEqual(csrfOrigins())
    expect(await meWithCookie(tokens.editor, 'https://evil.example')).toBeNull()
    expect(await meWithCookie(tokens.editor)).toBeNull() // no Origin, no Sec-Fetch-Site: not a browser page
    expect((await meWithCookie(tokens.editor, serverUrlOf()))?.role).toBe('editor')
  })

  it('allows the origins set in SERVER_URL and CSRF_ORIGINS only', () => {
    expect(
      csrfOrigins({ SERVER_URL: 'https://cms.example.org/', CSRF_ORIGINS: 'https://a.example, ' }),
    ).toEqual(['https://cms.example.org', 'https://a.example'])
    expect(csrfOrigins({ PORT: '4000' })).toEqual(['http://localhost:4000', 'http://127.0.0.1:4000'])
  })

  it('is Secure in production, HttpOnly and same-site', async () => {
    expect(sessionCookie({ NODE_ENV: 'production' })).toMatchObject({ secure: true, sameSite: 'Lax' })
    expect(sessionCookie({ NODE_ENV: 'development' }).secure).toBe(false)
    expect(sessionCookie({ NODE_ENV: 'production', SERVER_URL: 'https://cms.example.org' }).secure).toBe(true)
    expect(sessionCookie({ NODE_ENV: 'production', SERVER_URL: 'http://10.0.0.5:3000' }).secure).toBe(false)
    const users = cms.payload.config.collections.find((c) => c.slug === 'users')!
    expect(users.auth.cookies).toMatchObject(sessionCookie())
    const { handleEndpoints } = await import('payload')
    const response = await handleEndpoints({
      config: cms.payload.config,
      request: new Request('http://localhost/api/users/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'editor@example.org', password: 'correct-horse-battery' }),
      }),
    })
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
  })
})

describe('response headers of the admin and API', () => {
  it('set a CSP, forbid framing by others and MIME sniffing', async () => {
    const { NextRequest } = await import('next/server')
    const { proxy } = await import('../cms/proxy')
    const get = (key: string) => proxy(new NextRequest('http://localhost/api/articles')).headers.get(key)
    expect(get('X-Frame-Options')).toBe('SAMEORIGIN')
    expect(get('X-Content-Type-Options')).toBe('nosniff')
    expect(get('Content-Security-Policy')).toMatch(/default-src 'self'/)
    expect(get('Content-Security-Policy')).toMatch(/frame-ancestors 'self'/)
    const production = securityHeaders({ NODE_ENV: 'production' }).find(
      (h) => h.key === 'Content-Security-Policy',
    )
    expect(production?.value).not.toMatch(/unsafe-eval/)
  })
})

describe('staff email addresses', () => {
  it('are seen by admins and by each account itself only, over REST and GraphQL', async () => {
    const asContributor = await rest(cms.payload, 'GET', '/api/users', { token: tokens.contributor })
    expect(asContributor.status).toBe(200)
    const emails = asContributor.json.docs.map((u: { email?: string }) => u.email).filter(Boolean)
    expect(emails).toEqual(['contributor@example.org'])
    expect(asContributor.json.docs.map((u: { name: string }) => u.name)).toContain('editor 测试')
    const viaGraphql = await graphql(cms.payload, '{ Users { docs { name email } } }', tokens.editor)
    const graphqlEmails = (viaGraphql.data?.Users as { docs: { email: string | null }[] }).docs
      .map((u) => u.email)
      .filter(Boolean)
    expect(graphqlEmails).toEqual(['editor@example.org'])
    const asAdmin = await rest(cms.payload, 'GET', '/api/users', { token: tokens.admin })
    expect(asAdmin.json.docs.every((u: { email?: string }) => u.email)).toBe(true)
  })
})

describe('build-hook requests', () => {
  const secret = 'hook-secret'
  const signed = (body: string, delivery = crypto.randomUUID()) => {
    const timestamp = String(Date.now())
    return { body, timestamp, delivery, signature: signBody(secret, timestamp, body, delivery) }
  }

  it('cannot be replayed within the time window: each delivery id is accepted once', () => {
    const guard = createReplayGuard()
    const request = signed('{"event_type":"content-changed"}')
    expect(verifySignature(secret, request, { replayGuard: guard })).toBe(true)
    expect(verifySignature(secret, request, { replayGuard: guard })).toBe(false)
    // A new id to get past the guard breaks the signature; leaving the id out is refused with a guard.
    expect(
      verifySignature(secret, { ...request, delivery: crypto.randomUUID() }, { replayGuard: guard }),
    ).toBe(false)
    expect(verifySignature(secret, { ...request, delivery: undefined }, { replayGuard: guard })).toBe(false)
    expect(verifySignature(secret, signed('{"event_type":"content-changed"}'), { replayGuard: guard })).toBe(
      true,
    )
  })

  it('forgets delivery ids once their requests are too old to be accepted anyway', () => {
    const guard = createReplayGuard(1000)
    expect(guard('a', 0)).toBe(true)
    expect(guard('a', 500)).toBe(false)
    expect(guard('b', 2000)).toBe(true)
    expect(guard('a', 2001)).toBe(true)
  })

  it('are sent with a fresh delivery id on every attempt, covered by the signature', async () => {
    const http = await import('node:http')
    const seen: { delivery: string; verified: boolean }[] = []
    const guard = createReplayGuard()
    const server = http.createServer((req, res) => {
      let body = ''
      req.on('data', (chunk) => (body += chunk))
      req.on('end', () => {
        const delivery = String(req.headers[DELIVERY_HEADER])
        const verified = verifySignature(
          secret,
          {
            body,
            delivery,
            timestamp: String(req.headers[TIMESTAMP_HEADER]),
            signature: String(req.headers[SIGNATURE_HEADER]),
          },
          { replayGuard: guard },
        )
        seen.push({ delivery, verified })
        res.writeHead(seen.length < 2 ? 503 : 204).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`
      const result = await sendBuildHook(url, secret, { event_type: 'content-changed' }, { baseDelayMs: 10 })
      expect(result).toMatchObject({ ok: true, attempts: 2 })
      expect(seen.every((s) => s.verified)).toBe(true)
      expect(new Set(seen.map((s) => s.delivery)).size).toBe(2)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
