import { NextResponse, type NextRequest } from 'next/server'

import { securityHeaders } from './security'

/** Payload reads the admin language from this cookie before the browser's Accept-Language. */
const LANGUAGE_COOKIE = 'payload-lng'

/**
 * Every admin and API response gets the security headers (CSP, framing, MIME sniffing, referrer; see
 * security.ts). They are set here rather than in next.config.ts, which Next.js loads without resolving our
 * TypeScript modules.
 */
export function proxy(request: NextRequest) {
  const response = request.nextUrl.pathname.startsWith('/admin') ? inChinese(request) : NextResponse.next()
  for (const { key, value } of securityHeaders()) response.headers.set(key, value)
  return response
}

/**
 * The admin speaks Chinese unless a user chose otherwise: without a language cookie, Payload would follow the
 * browser's language (English on many office machines). A user who picks English in their account settings
 * gets the cookie set to `en` and keeps it.
 */
function inChinese(request: NextRequest) {
  if (request.cookies.has(LANGUAGE_COOKIE)) return NextResponse.next()
  const headers = new Headers(request.headers)
  headers.set('cookie', [request.headers.get('cookie'), `${LANGUAGE_COOKIE}=zh`].filter(Boolean).join('; '))
  const response = NextResponse.next({ request: { headers } })
  response.cookies.set(LANGUAGE_COOKIE, 'zh', { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' })
  return response
}

export const config = { matcher: ['/admin/:path*', '/api/:path*'] }
