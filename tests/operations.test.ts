/**
 * Running the product with nobody on call: mail that arrives (a real SMTP server on 127.0.0.1, started here)
 * for password resets and invitations, and GET /api/health, which a monitor outside the machine can watch.
 */
import path from 'node:path'

import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { requestSiteBuild } from '../cms/lib/site-builds'
import { startPublishWorker } from '../scripts/publish/worker'
import { seedDemoContent } from '../scripts/seed/index'
import { createStaff, login, rest, startTestCms, type TestCms } from './helpers/cms'

type Mail = { to: string[]; text: string }
const inbox: Mail[] = []
let smtp: SMTPServer
let cms: TestCms
let tokens: Awaited<ReturnType<typeof createStaff>>

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let text = ''
      stream.on('data', (chunk) => (text += chunk))
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), text })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
  const { port } = smtp.server.address() as { port: number }
  Object.assign(process.env, {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(port),
    SMTP_FROM: 'changai@example.org',
    SERVER_URL: 'https://cms.example.org',
  })
  cms = await startTestCms()
  process.env.SITE_DIST = path.join(cms.dir, 'site', 'dist')
  tokens = await createStaff(cms.payload)
}, 120_000)

afterAll(async () => {
  await cms?.close()
  await new Promise<void>((resolve) => smtp?.close(() => resolve()))
})

/** A mail's body, decoded from the transfer encoding nodemailer chose. */
const bodyOf = (mail: Mail) => {
  const [head = '', ...rest] = mail.text.split(/\r?\n\r?\n/)
  const body = rest.join('\n\n')
  if (/content-transfer-encoding: base64/i.test(head)) return Buffer.from(body, 'base64').toString('utf8')
  if (!/content-transfer-encoding: quoted-printable/i.test(head)) return body
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => `%${hex}`)
  return decodeURIComponent(bytes)
}

/** The reset token of the link in a mail, which must be absolute (the admin's public address). */
const linkIn = (mail: Mail) =>
  /https:\/\/cms\.example\.org\/admin\/reset\/([0-9a-f]+)/.exec(bodyOf(mail))?.[1]

const mailTo = async (address: string) => {
  await expect.poll(() => inbox.some((mail) => mail.to.includes(address)), { timeout: 10_000 }).toBe(true)
  return inbox.filter((mail) => mail.to.includes(address)).at(-1)!
}

describe('mail', () => {
  it('delivers a password reset whose link sets a new password', async () => {
    const asked = await rest(cms.payload, 'POST', '/api/users/forgot-password', {
      body: { email: 'editor@example.org' },
    })
    expect(asked.status).toBe(200)
    const mail = await mailTo('editor@example.org')
    const token = linkIn(mail)
    expect(token, mail.text).toBeTruthy()
    const reset = await rest(cms.payload, 'POST', '/api/users/reset-password', {
      body: { token, password: 'a-new-password-for-the-editor' },
    })
    expect(reset.status).toBe(200)
    await expect(
      login(cms.payload, 'editor@example.org', 'a-new-password-for-the-editor'),
    ).resolves.toBeTruthy()
    await expect(login(cms.payload, 'editor@example.org', 'correct-horse-battery')).rejects.toThrow()
  })

  it('invites an account an administrator makes, with a link to choose a password', async () => {
    const made = await rest(cms.payload, 'POST', '/api/users', {
      token: tokens.admin,
      body: {
        email: 'new.editor@example.org',
        password: 'a-temporary-password',
        name: '新编辑',
        role: 'editor',
      },
    })
    expect(made.status).toBe(201)
    const mail = await mailTo('new.editor@example.org')
    expect(bodyOf(mail)).toContain('管理员已为您开通产改门户管理后台账号')
    const reset = await rest(cms.payload, 'POST', '/api/users/reset-password', {
      body: { token: linkIn(mail), password: 'my-own-password-1' },
    })
    expect(reset.status).toBe(200)
    await expect(login(cms.payload, 'new.editor@example.org', 'my-own-password-1')).resolves.toBeTruthy()
  })
})

describe('GET /api/health', () => {
  const health = () => rest(cms.payload, 'GET', '/api/health')

  it('is unhealthy while no publish worker runs and nothing was built', async () => {
    const { status, json } = await health()
    expect(status).toBe(503)
    expect(json).toMatchObject({
      status: 'unhealthy',
      checks: { database: { ok: true }, worker: { ok: false }, lastBuild: { ok: false } },
    })
  })

  it('is healthy once the worker runs and the portal shows the latest content; 503 again when it stops', async () => {
    await seedDemoContent(cms.payload)
    const worker = startPublishWorker(cms.payload, { pollMs: 100 })
    try {
      await requestSiteBuild(cms.payload, { collection: 'system', operation: 'startup' })
      await expect.poll(async () => (await health()).status, { timeout: 240_000, interval: 500 }).toBe(200)
      expect((await health()).json.checks).toMatchObject({
        worker: { ok: true },
        lastBuild: { ok: true },
        queue: { ok: true, detail: 'empty' },
        portal: { ok: true },
      })
    } finally {
      await worker.stop()
    }
    const stopped = await health()
    expect(stopped.status).toBe(503)
    expect(stopped.json.checks.worker).toEqual({ ok: false, detail: 'not running' })
  }, 300_000)

  it('is unhealthy after a failed build, and healthy again after a good one', async () => {
    let fail = true
    const worker = startPublishWorker(cms.payload, {
      pollMs: 100,
      build: async () => ({
        ok: !fail,
        pagesRendered: 0,
        pagesReused: 0,
        rendered: [],
        reused: [],
        error: fail ? 'a build that failed' : undefined,
      }),
    })
    try {
      await requestSiteBuild(cms.payload, { collection: 'system', operation: 'manual' })
      await expect
        .poll(async () => (await health()).json.checks.lastBuild.ok, { timeout: 30_000 })
        .toBe(false)
      expect((await health()).status).toBe(503)
      expect(JSON.stringify((await health()).json)).not.toContain('a build that failed')
      fail = false
      await requestSiteBuild(cms.payload, { collection: 'system', operation: 'retry' })
      await expect.poll(async () => (await health()).status, { timeout: 30_000 }).toBe(200)
    } finally {
      await worker.stop()
    }
  })
})
