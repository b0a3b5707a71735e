/**
 * The build hook of external CI mode (scripts/publish/hook.ts) against a real HTTP receiver on a free port:
 * the signature as the README documents it, computed here with node:crypto; retries, a final 4xx, the token.
 */
import crypto from 'node:crypto'
import http from 'node:http'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { readSettings } from '../config/settings'
import {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  sendBuildHook,
  verifySignature,
} from '../scripts/publish/hook'

const secret = 'hook-secret-for-tests-0123456789'
type Received = { headers: http.IncomingHttpHeaders; body: string }
let received: Received[] = []
/** The statuses the receiver answers, one per request; the last one repeats. */
let answers: number[] = [204]
let server: http.Server
let url = ''

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      received.push({ headers: req.headers, body })
      res.writeHead(answers[Math.min(received.length, answers.length) - 1]!).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))
beforeEach(() => {
  received = []
  answers = [204]
})

/** The README's format: `sha256=HMAC(secret, "<timestamp>.<delivery>.<body>")`, written out here. */
const expectedSignature = (timestamp: string, delivery: string, body: string) =>
  `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${delivery}.${body}`).digest('hex')}`

const signedRequest = ({ headers, body }: Received) => ({
  body,
  timestamp: String(headers[TIMESTAMP_HEADER]),
  delivery: String(headers[DELIVERY_HEADER]),
  signature: String(headers[SIGNATURE_HEADER]),
})

describe('the signature', () => {
  it('is sha256=HMAC(secret, "<timestamp>.<delivery>.<body>") over the exact body sent', async () => {
    const notice = { event_type: 'content-changed', client_payload: { title: '柳市镇' } }
    expect(await sendBuildHook(url, secret, notice, { retries: 0 })).toEqual({ ok: true, attempts: 1 })
    const [request] = received
    expect(request!.body).toBe(JSON.stringify(notice))
    const timestamp = String(request!.headers[TIMESTAMP_HEADER])
    const delivery = String(request!.headers[DELIVERY_HEADER])
    expect(Math.abs(Date.now() - Number(timestamp))).toBeLessThan(60_000)
    expect(delivery).toMatch(/^[0-9a-f-]{36}$/)
    expect(request!.headers[SIGNATURE_HEADER]).toBe(expectedSignature(timestamp, delivery, request!.body))
  })

  it('is accepted by the receiver’s check when made as documented, and refused once one byte of the body changes', () => {
    const body = JSON.stringify({ event_type: 'content-changed', client_payload: { build: 'b1' } })
    const timestamp = String(Date.now())
    const delivery = crypto.randomUUID()
    const request = { body, timestamp, delivery, signature: expectedSignature(timestamp, delivery, body) }
    expect(verifySignature(secret, request)).toBe(true)
    const bytes = Buffer.from(body)
    bytes[bytes.indexOf('b1')] ^= 0x01 // "b1" becomes "c1"
    const tampered = bytes.toString()
    expect(tampered).not.toBe(body)
    expect(verifySignature(secret, { ...request, body: tampered })).toBe(false)
    // Nor may the timestamp or the delivery id be swapped under the same signature.
    expect(verifySignature(secret, { ...request, timestamp: String(Number(timestamp) + 1) })).toBe(false)
    expect(verifySignature(secret, { ...request, delivery: crypto.randomUUID() })).toBe(false)
  })
})

describe('sending', () => {
  it('sends BUILD_HOOK_TOKEN as a Bearer token, and no authorization header without one', async () => {
    await sendBuildHook(
      url,
      secret,
      { event_type: 'content-changed' },
      { retries: 0, token: 'ghp_test-token' },
    )
    await sendBuildHook(url, secret, { event_type: 'content-changed' }, { retries: 0 })
    expect(received.map((r) => r.headers.authorization)).toEqual(['Bearer ghp_test-token', undefined])
  })

  it.each([400, 401, 404, 422])('takes a %i answer as final: one attempt, no retry', async (status) => {
    answers = [status, 204]
    const result = await sendBuildHook(url, secret, { event_type: 'content-changed' }, { baseDelayMs: 1 })
    expect(result).toMatchObject({ ok: false, attempts: 1 })
    expect(result.error).toMatch(new RegExp(`^HTTP ${status} `))
    expect(received).toHaveLength(1)
  })

  it('retries 5xx and 429 answers with a fresh, correctly signed request each time', async () => {
    answers = [503, 429, 502, 204]
    const result = await sendBuildHook(url, secret, { event_type: 'content-changed' }, { baseDelayMs: 1 })
    expect(result).toEqual({ ok: true, attempts: 4 })
    expect(received).toHaveLength(4)
    for (const request of received) {
      const { timestamp, delivery, body, signature } = signedRequest(request)
      expect(signature).toBe(expectedSignature(timestamp, delivery, body))
    }
    expect(new Set(received.map((r) => r.headers[DELIVERY_HEADER])).size).toBe(4)
  })

  it('gives up after its retries, reporting the last error', async () => {
    answers = [503]
    const result = await sendBuildHook(
      url,
      secret,
      { event_type: 'content-changed' },
      { retries: 2, baseDelayMs: 1 },
    )
    expect(result).toEqual({ ok: false, attempts: 3, error: 'HTTP 503 Service Unavailable' })
    expect(received).toHaveLength(3)
  })

  it('gives up on an address nothing listens on, reporting the network error', async () => {
    const closed = http.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as { port: number }
    await new Promise((resolve) => closed.close(resolve))
    const result = await sendBuildHook(
      `http://127.0.0.1:${port}/`,
      secret,
      {},
      { retries: 1, baseDelayMs: 1 },
    )
    expect(result).toMatchObject({ ok: false, attempts: 2 })
    expect(result.error).toBe('fetch failed')
  })
})

describe('hook mode without its secret', () => {
  it('refuses to start: BUILD_HOOK_URL without BUILD_HOOK_SECRET is a settings error naming the variable', () => {
    expect(() => readSettings({ BUILD_HOOK_URL: url })).toThrow(
      /BUILD_HOOK_SECRET is not set: .*build hooks are never sent unsigned/,
    )
    expect(readSettings({ BUILD_HOOK_URL: url, BUILD_HOOK_SECRET: secret }).buildHook).toEqual({
      url,
      secret,
      token: undefined,
    })
  })
})
