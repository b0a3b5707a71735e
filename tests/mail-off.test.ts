/** Without SMTP settings, mail is off, and the admin says so instead of pretending a mail went out. */
import { afterAll, beforeAll, expect, it } from 'vitest'

import { MAIL_OFF } from '../cms/lib/email'
import { createStaff, rest, startTestCms, type TestCms } from './helpers/cms'

let cms: TestCms
beforeAll(async () => {
  for (const name of ['SMTP_HOST', 'SMTP_PORT', 'SMTP_USER', 'SMTP_PASSWORD', 'SMTP_FROM'])
    delete process.env[name]
  cms = await startTestCms()
  await createStaff(cms.payload)
})
afterAll(() => cms?.close())

it('answers a password reset request with a plain message that mail is off', async () => {
  const asked = await rest(cms.payload, 'POST', '/api/users/forgot-password', {
    body: { email: 'editor@example.org' },
  })
  expect(asked.status).toBe(503)
  expect(asked.json.errors[0].message).toBe(MAIL_OFF)
})
