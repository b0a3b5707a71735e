import crypto from 'node:crypto'

/** Header carrying the signature of a build-hook request: `sha256=<hex HMAC of "<timestamp>.<body>">`. */
export const SIGNATURE_HEADER = 'x-changai-signature'
export const TIMESTAMP_HEADER = 'x-changai-timestamp'

export const signBody = (secret: string, timestamp: string, body: string) =>
  `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`

/**
 * For the receiving side (and tests): true when the signature matches and the request is recent, so a
 * captured request cannot be replayed later.
 */
export function verifySignature(
  secret: string,
  { body, timestamp, signature }: { body: string; timestamp: string; signature: string },
  maxAgeMs = 5 * 60_000,
) {
  if (!timestamp || Math.abs(Date.now() - Number(timestamp)) > maxAgeMs) return false
  const expected = Buffer.from(signBody(secret, timestamp, body))
  const given = Buffer.from(signature)
  return expected.length === given.length && crypto.timingSafeEqual(expected, given)
}

export type HookResult = { ok: boolean; attempts: number; error?: string }

/**
 * POSTs the change notice to the external CI (e.g. a GitHub repository_dispatch relay), signed with
 * BUILD_HOOK_SECRET. Retries network errors and 5xx/429 answers with exponential backoff; a 4xx is final.
 */
export async function sendBuildHook(
  url: string,
  secret: string,
  notice: object,
  { retries = 4, baseDelayMs = 1000, token }: { retries?: number; baseDelayMs?: number; token?: string } = {},
): Promise<HookResult> {
  const body = JSON.stringify(notice)
  let error = ''
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    const timestamp = String(Date.now())
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signBody(secret, timestamp, body),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body,
        signal: AbortSignal.timeout(15_000),
      })
      if (response.ok) return { ok: true, attempts: attempt }
      error = `HTTP ${response.status} ${response.statusText}`
      if (response.status < 500 && response.status !== 429) return { ok: false, attempts: attempt, error }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e)
    }
    if (attempt <= retries) await new Promise((r) => setTimeout(r, baseDelayMs * 2 ** (attempt - 1)))
  }
  return { ok: false, attempts: retries + 1, error }
}
