import crypto from 'node:crypto'

/** Header carrying the signature of a build-hook request: `sha256=<hex HMAC of "<timestamp>.<delivery>.<body>">`. */
export const SIGNATURE_HEADER = 'x-changai-signature'
export const TIMESTAMP_HEADER = 'x-changai-timestamp'
/** A unique id for every request sent, covered by the signature: a receiver de-duplicates on it. */
export const DELIVERY_HEADER = 'x-changai-delivery'

/** The signature of a request: HMAC-SHA256 of "<timestamp>.<delivery>.<body>" with the secret, in hex. */
export const signBody = (secret: string, timestamp: string, body: string, delivery: string) =>
  `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${delivery}.${body}`).digest('hex')}`

/**
 * Remembers the delivery ids a receiver has accepted for as long as a signature is accepted at all, so a
 * captured request replayed within that window is refused. One per receiving process; a receiver running on
 * several machines keeps the ids in a shared store instead (the same check: refuse an id seen before).
 */
export function createReplayGuard(maxAgeMs = 5 * 60_000) {
  const seen = new Map<string, number>()
  return (delivery: string, now = Date.now()) => {
    for (const [id, at] of seen) if (now - at > maxAgeMs) seen.delete(id)
    if (seen.has(delivery)) return false
    seen.set(delivery, now)
    return true
  }
}

/**
 * For the receiving side (and tests): true when the signature matches, the request is recent, and — given a
 * replay guard — its delivery id has not been accepted before, so a captured request cannot be replayed,
 * neither later nor within the five minutes. The delivery id is part of the signature: changing it (to get
 * past the guard) breaks the signature, and a request without one is refused.
 */
export function verifySignature(
  secret: string,
  {
    body,
    timestamp,
    signature,
    delivery,
  }: { body: string; timestamp: string; signature: string; delivery?: string },
  {
    maxAgeMs = 5 * 60_000,
    replayGuard,
  }: { maxAgeMs?: number; replayGuard?: (delivery: string) => boolean } = {},
) {
  if (!timestamp || !delivery || Math.abs(Date.now() - Number(timestamp)) > maxAgeMs) return false
  const expected = Buffer.from(signBody(secret, timestamp, body, delivery))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return false
  return replayGuard ? replayGuard(delivery) : true
}

export type HookResult = { ok: boolean; attempts: number; error?: string }

/**
 * POSTs the change notice to the external CI (e.g. a GitHub repository_dispatch relay), signed with
 * BUILD_HOOK_SECRET. Every attempt carries a fresh delivery id. Retries network errors and 5xx/429 answers
 * with exponential backoff; a 4xx is final.
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
    const delivery = crypto.randomUUID()
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: timestamp,
          [DELIVERY_HEADER]: delivery,
          [SIGNATURE_HEADER]: signBody(secret, timestamp, body, delivery),
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
