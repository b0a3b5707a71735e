import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'

import sirv from 'sirv'

/**
 * Serves the live portal (site/dist, a symlink switched by each successful build) on `host`. `dev: true`
 * makes sirv look files up on every request instead of caching the folder listing, so a switch is seen at once.
 */
export function serveStaticSite(live: string, port: number, host: string) {
  const files = sirv(live, { dev: true, etag: true, extensions: ['html'] })
  const server = http.createServer((req, res) =>
    files(req, res, () => {
      const notFound = path.join(live, '404.html')
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
      res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'Not found')
    }),
  )
  server.listen(port, host)
  return server
}

/** Stops serving: no new connections, open ones (browsers keep them alive) closed now. */
export function closeServer(server: http.Server) {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeAllConnections()
  return closed
}
