/**
 * One of several processes writing the same SQLite file (tests/sqlite-sharing.test.ts): starts the real CMS on
 * DATABASE_URI, says "ready", waits for "go" on stdin, then saves as editors and the publish worker do —
 * published topics (the rebuild hook queues a build in the same transaction), drafts, edits of published
 * content, queue updates outside any request — and prints one JSON line with what succeeded and what failed.
 *
 *   node node_modules/tsx/dist/cli.mjs tests/helpers/sqlite-writer.ts <label> <rounds>
 */
import readline from 'node:readline'

const [label, roundsArg] = process.argv.slice(2)
const rounds = Number(roundsArg)

const { default: config } = await import('../../cms/payload.config')
const { getPayload } = await import('payload')
const { requestSiteBuild } = await import('../../cms/lib/site-builds')
const payload = await getPayload({ config })

const failures: string[] = []
let ok = 0
let firstWriteAt = 0
let lastWriteAt = 0
const attempt = async (what: string, write: () => Promise<unknown>) => {
  try {
    await write()
    ok++
  } catch (error) {
    failures.push(`${what}: ${(error as Error).message}`)
  }
  firstWriteAt ||= Date.now()
  lastWriteAt = Date.now()
}

console.log('ready')
await new Promise<void>((resolve) =>
  readline.createInterface({ input: process.stdin }).once('line', () => resolve()),
)

for (let i = 0; i < rounds; i++) {
  let topicId: string | number | undefined
  await attempt('publish topic', async () => {
    const topic = await payload.create({
      collection: 'topics',
      data: { name: `专题 ${label} ${i}`, _status: 'published' },
    })
    topicId = topic.id
  })
  await attempt('save draft article', () =>
    payload.create({ collection: 'articles', data: { title: `稿件 ${label} ${i}` }, draft: true }),
  )
  if (topicId !== undefined) {
    const id = topicId
    await attempt('edit published topic', () =>
      payload.update({ collection: 'topics', id, data: { description: `第 ${i} 次修改` } }),
    )
  }
  await attempt('queue a build', () =>
    requestSiteBuild(payload, { collection: 'system', operation: 'manual' }),
  )
}

console.log(JSON.stringify({ label, ok, failures, firstWriteAt, lastWriteAt }))
await payload.destroy()
process.exit(0)
