/**
 * Loaded by the soak (scripts/soak/index.ts) into every Node process `npm start` runs, through
 * NODE_OPTIONS=--require. In the two long-running ones — `main` (scripts/start/index.ts: publish worker, jobs)
 * and `admin` (`next start`: the admin and the REST API) — it prints the process's memory every second on
 * stdout, which npm start passes on to the soak:
 *   SOAK-MEM {"role":"main","pid":…,"rss":…,"heapUsed":…,"heapTotal":…,"external":…,"arrayBuffers":…}
 * (bytes). Other processes (npm, tsx's launcher, portal builds) load it and do nothing.
 *
 * Plain CommonJS: it runs in Next.js's server process, before any TypeScript loader, on every supported Node.
 * With SOAK_GC=1 (and --expose-gc) each sample follows a full collection: what is retained, not what waits.
 */
const script = (process.argv[1] || '').replaceAll('\\', '/')
const role = script.endsWith('/scripts/start/index.ts')
  ? 'main'
  : script.endsWith('/next/dist/bin/next') && process.argv[2] === 'start'
    ? 'admin'
    : undefined

if (role) {
  const collect = process.env.SOAK_GC === '1' ? globalThis.gc : undefined
  setInterval(() => {
    if (collect) collect()
    const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage()
    const sample = { role, pid: process.pid, rss, heapUsed, heapTotal, external, arrayBuffers }
    process.stdout.write(`SOAK-MEM ${JSON.stringify(sample)}\n`)
  }, 1000).unref()
}
