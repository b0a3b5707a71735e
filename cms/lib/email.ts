import nodemailer from 'nodemailer'
import type { EmailAdapter } from 'payload'

import type { Settings } from '../../config/settings'
import { refusal } from './errors'

const SENDER_NAME = '产改门户'

/**
 * Mail through the SMTP server the settings name (SMTP_HOST …), with nodemailer. Payload's own adapter
 * (@payloadcms/email-nodemailer) pins Payload's exact version as a peer (3.90.1 against our 3.90.2), so this
 * is the same few lines without the pin.
 */
const smtpAdapter =
  (smtp: NonNullable<Settings['smtp']>): EmailAdapter =>
  () => {
    const transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.port === 465,
      auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
    })
    return {
      name: 'smtp',
      defaultFromAddress: smtp.from,
      defaultFromName: SENDER_NAME,
      sendEmail: (message) => transport.sendMail(message),
    }
  }

/** The message an editor gets when the office has set up no mail server. */
export const MAIL_OFF = '本系统未配置发信邮箱，无法发送邮件：请联系管理员在“用户”中直接为您设置新密码'

/**
 * Without SMTP settings, sending refuses with a plain message instead of pretending: Payload would otherwise
 * write the mail to the server's console and tell the editor it was sent.
 */
const mailOffAdapter: EmailAdapter = ({ payload }) => {
  payload.logger.info(
    'Mail is off: set SMTP_HOST, SMTP_FROM and SERVER_URL to send password resets and invitations.',
  )
  return {
    name: 'mail-off',
    defaultFromAddress: 'mail-off@localhost',
    defaultFromName: SENDER_NAME,
    sendEmail: async () => {
      throw refusal(MAIL_OFF, 503)
    },
  }
}

export const emailAdapter = (smtp: Settings['smtp']) => (smtp ? smtpAdapter(smtp) : mailOffAdapter)
