import { NextResponse, type NextRequest } from 'next/server'

/** Payload reads the admin language from this cookie before the browser's Accept-Language. */
const LANGUAGE_COOKIE = 'payload-lng'

/**
 * The admin speaks Chinese unless a user chose otherwise: without a language cookie, Payload would follow the
 * browser's language (English on many office machines). A user who picks English in their account settings
 * gets the cookie set to `en` and keeps it.
 */
export function proxy(request: NextRequest) {
  if (request.cookies.has(LANGUAGE_COOKIE)) return NextResponse.next()
  const headers = new Headers(request.headers)
  headers.set('cookie', [request.headers.get('cookie'), `${LANGUAGE_COOKIE}=zh`].filter(Boolean).join('; '))
  const response = NextResponse.next({ request: { headers } })
  response.cookies.set(LANGUAGE_COOKIE, 'zh', { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' })
  return response
}

export const config = { matcher: ['/admin/:path*'] }
