import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'

import sirv from 'sirv'

/**
 * Serves the live portal (site/dist, a symlink switched by each successful build). `dev: true` makes sirv
 * look files up on every request instead of caching the folder listing, so a switch is seen at once.
 */
export function serveStaticSite(live: string, port: number) {
  const files = sirv(live, { dev: true, etag: true, extensions: ['html'] })
  const server = http.createServer((req, res) =>
    files(req, res, () => {
      const notFound = path.join(live, '404.html')
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
      res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'Not found')
    }),
  )
  server.listen(port)
  return server
}

export const siteDist = (repoRoot: string) =>
  path.resolve(process.env.SITE_DIST || path.join(repoRoot, 'site/dist'))
