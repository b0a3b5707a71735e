import { defineMiddleware } from 'astro:middleware'

import { reportRendered } from '../integrations/build-progress'
import { pageFile } from '../integrations/page-keys'

/** Tells the process that started the build each page it renders (see integrations/build-progress.ts). */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next()
  if (context.isPrerendered)
    // Astro writes the 404 route as 404.html, every other page as <path>/index.html.
    reportRendered(context.routePattern === '/404' ? '/404.html' : `/${pageFile(context.url.pathname, {})}`)
  return response
})
