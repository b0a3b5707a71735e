/**
 * One process of the soak (scripts/soak/index.ts), started as `npm start` starts its two:
 * - `main`: Payload with the publish worker (real portal builds unless SOAK_BUILDS=0) and the jobs runner,
 *   seeding the demo content into an empty database, as npm start (scripts/start/) does;
 * - `admin`: Payload answering the REST API over HTTP through `handleEndpoints`, the handler the Next.js
 *   routes of the admin wrap (the admin's pages themselves are not served).
 * Both print their memory every second as `MEM {"rss":…,"heap":…}` (bytes) on stdout.
 */
import http from 'node:http'

const role = process.argv[2] as 'main' | 'admin'
process.env.PAYLOAD_JOBS_AUTORUN = role === 'main' ? 'true' : 'false'

const { default: config } = await import('../../cms/payload.config')
const { getPayload, handleEndpoints } = await import('payload')
const payload = await getPayload({ config })

// With SOAK_GC=1 (and node --expose-gc) each sample follows a full collection: what is retained, not what waits.
const collect = process.env.SOAK_GC === '1' ? (globalThis as { gc?: () => void }).gc : undefined
const sample = () => {
  collect?.()
  const { rss, heapUsed } = process.memoryUsage()
  console.log(`MEM ${JSON.stringify({ rss, heap: heapUsed })}`)
}
setInterval(sample, 1000).unref()

let stop: () => Promise<void> = async () => undefined
if (role === 'main') {
  const { seedDemoContent } = await import('../seed/index')
  if ((await payload.count({ collection: 'articles' })).totalDocs === 0) await seedDemoContent(payload)
  if (process.env.SOAK_BUILDS !== '0') {
    const { startPublishWorker } = await import('../publish/worker')
    const worker = startPublishWorker(payload)
    stop = worker.stop
  }
  console.log('READY')
} else {
  const email = 'soak-editor@example.org'
  const password = 'soak-editor-password'
  const existing = await payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1 })
  if (!existing.docs.length) {
    await payload.create({
      collection: 'users',
      data: { email, password, name: '压测 编辑', role: 'editor' },
    })
  }
  const { token } = await payload.login({ collection: 'users', data: { email, password } })
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = chunks.length ? Buffer.concat(chunks) : undefined
    try {
      const request = new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
      })
      const response = await handleEndpoints({ config: payload.config, request })
      res.writeHead(response.status, Object.fromEntries(response.headers))
      res.end(Buffer.from(await response.arrayBuffer()))
    } catch (error) {
      res.writeHead(500).end(String(error))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  console.log(`READY ${JSON.stringify({ port, token })}`)
  stop = () => new Promise((resolve) => server.close(() => resolve()))
}

process.on('SIGTERM', async () => {
  sample()
  await stop()
  await payload.destroy()
  process.exit(0)
})
