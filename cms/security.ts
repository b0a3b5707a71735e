/**
 * Browser-facing security settings of the admin and API (issue #13, item 8), in one place so they can be
 * tested without starting Next.js: the response headers (cms/proxy.ts), the origins whose cookies are
 * accepted (CSRF, cms/payload.config.ts) and the session cookie (cms/collections/Users.ts).
 */

import { readSettings } from '../config/settings'

type Env = Record<string, string | undefined>

/** The admin's public address: SERVER_URL in production, else the local one `npm start` serves. */
export const serverUrlOf = (env: Env = process.env) => {
  const { serverUrl, port } = readSettings(env)
  return serverUrl ?? `http://localhost:${port}`
}

/**
 * Origins allowed to use the session cookie: the admin's own address and any in CSRF_ORIGINS (comma
 * separated). A request carrying the cookie from any other origin is treated as anonymous, so another site
 * cannot act in an editor's name. Never empty: an empty list would turn Payload's check off.
 */
export const csrfOrigins = (env: Env = process.env) => {
  const { serverUrl, port, csrfOrigins: more } = readSettings(env)
  // Without SERVER_URL the admin runs locally, reached as localhost or 127.0.0.1.
  return [serverUrlOf(env), ...(serverUrl ? [] : [`http://127.0.0.1:${port}`]), ...more]
}

/**
 * The session cookie: Secure in production (sent over HTTPS only; browsers also accept it on
 * http://localhost), never readable by scripts (Payload's default), same-site. An admin deliberately served
 * over plain HTTP, say on an office network without TLS, says so with an http:// SERVER_URL, or no one could
 * sign in there.
 */
export const sessionCookie = (env: Env = process.env) => ({
  secure: env.NODE_ENV === 'production' && !readSettings(env).serverUrl?.startsWith('http://'),
  sameSite: 'Lax' as const,
})

/**
 * Headers on every admin and API response: a Content-Security-Policy (the admin loads nothing from other
 * origins; Next.js needs inline scripts and styles, and eval and a websocket in development), framing by
 * the admin itself only (the preview is shown in the admin), no MIME sniffing, and no referrer to others.
 */
export function securityHeaders(env: Env = process.env) {
  const dev = env.NODE_ENV !== 'production'
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "frame-src 'self'",
    "frame-ancestors 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ')
  return [
    { key: 'Content-Security-Policy', value: csp },
    { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  ]
}
