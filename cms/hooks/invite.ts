import type { CollectionAfterChangeHook } from 'payload'

import { settings } from '../../config/settings'

const ADMIN_RESET_PATH = '/admin/reset'

/**
 * An account an administrator makes gets a mail inviting its owner in: where to sign in, and a link to
 * choose their own password (Payload's reset token, valid for an hour). Not for the first account, made by
 * its owner on the create-first-user screen, nor when mail is off. A mail that cannot be sent does not undo
 * the account: the administrator is told in the log and can hand the password over themselves.
 */
export const inviteNewUser: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create' || !req.user || !settings().smtp) return doc
  const token = await req.payload.forgotPassword({
    collection: 'users',
    data: { email: doc.email },
    disableEmail: true,
    req,
  })
  // Mail is on only with SERVER_URL set (config/settings.ts): links in mails must be absolute.
  const origin = settings().serverUrl
  const link = `${origin}${ADMIN_RESET_PATH}/${token}`
  try {
    await req.payload.sendEmail({
      to: doc.email,
      subject: '您的产改门户管理后台账号已开通',
      html:
        `<p>${doc.name}，您好：</p><p>管理员已为您开通产改门户管理后台账号（${doc.email}）。` +
        `请点击下面的链接设置您自己的密码（一小时内有效）：</p><p><a href="${link}">${link}</a></p>` +
        `<p>之后请在 ${origin}/admin 登录。</p>`,
    })
  } catch (error) {
    req.payload.logger.warn(`Invitation to ${doc.email} could not be sent: ${(error as Error).message}`)
  }
  return doc
}
