import type { GlobalAfterChangeHook, GlobalConfig } from 'payload'

import { admins, anyone } from '../access/roles'
import { requestSiteBuild } from '../lib/site-builds'
import { label, translated } from '../lib/labels'

/** A change to the settings shows on every page's footer: the portal is rebuilt. */
const rebuildPortal: GlobalAfterChangeHook = async ({ doc, req, context }) => {
  if (context.skipRebuild) return doc
  await requestSiteBuild(
    req.payload,
    {
      collection: 'site-settings',
      title: '网站设置',
      operation: 'update',
      user: req.user ? String(('email' in req.user && req.user.email) || req.user.id) : undefined,
    },
    { req, userId: req.user ? String(req.user.id) : undefined },
  )
  return doc
}

/**
 * 网站设置: what a Chinese site shows in its footer — who runs it (主办单位), how to reach the editors, and the
 * 备案 numbers (ICP 备案号 from the MIIT, 公安备案号 from the public security bureau). Public: the portal pulls
 * it as an anonymous reader.
 */
export const SiteSettings: GlobalConfig = {
  slug: 'site-settings',
  label: label('网站设置', 'Site settings'),
  admin: { group: translated('系统', 'System'), hideAPIURL: true },
  access: { read: anyone, update: admins },
  hooks: { afterChange: [rebuildPortal] },
  fields: [
    {
      name: 'organizer',
      type: 'text',
      label: label('主办单位', 'Organizer'),
      required: true,
      admin: { description: translated('页脚“主办单位”一行，如 某某市总工会', 'Shown in the footer') },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'contactEmail',
          type: 'email',
          label: label('联系邮箱', 'Contact e-mail'),
          admin: { description: translated('读者反映错误、联系编辑部用', 'Where readers report errors') },
        },
        { name: 'contactPhone', type: 'text', label: label('联系电话', 'Contact phone') },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'icpNumber',
          type: 'text',
          label: label('ICP 备案号', 'ICP licence number'),
          admin: {
            description: translated(
              '如 苏ICP备12345678号-1，链接到工信部备案系统',
              'e.g. 苏ICP备12345678号-1',
            ),
          },
        },
        {
          name: 'publicSecurityNumber',
          type: 'text',
          label: label('公安备案号', 'Public security filing number'),
          admin: {
            description: translated(
              '如 苏公网安备 32010202000000号，链接到全国互联网安全管理平台',
              'e.g. 苏公网安备 32010202000000号',
            ),
          },
        },
      ],
    },
  ],
}
