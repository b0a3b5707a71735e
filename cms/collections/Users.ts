import type { CollectionConfig, PayloadRequest } from 'payload'

import { USER_ROLES } from '../../content-schema/enums'
import { admins, adminsField, isAdmin } from '../access/roles'
import { inviteNewUser } from '../hooks/invite'
import { label, selectOptions, translated } from '../lib/labels'
import { sessionCookie } from '../security'

const isFirstUser = async (req: PayloadRequest) =>
  (await req.payload.count({ collection: 'users', req })).totalDocs === 0

export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: label('用户', 'User'), plural: label('用户', 'Users') },
  // API keys let a remote portal build (CI) read over REST: Authorization: users API-Key <key>.
  // The session cookie is Secure in production and same-site (security.ts).
  auth: { useAPIKey: true, cookies: sessionCookie() },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'email', 'role'],
    group: translated('系统', 'System'),
  },
  access: {
    // Never public: staff see each other's names (bylines, review records); only admins manage accounts.
    read: ({ req }) => Boolean(req.user),
    create: admins,
    update: ({ req }) => (isAdmin(req.user) ? true : req.user ? { id: { equals: req.user.id } } : false),
    delete: admins,
    unlock: admins,
  },
  fields: [
    { name: 'name', type: 'text', label: label('姓名', 'Name'), required: true },
    // Payload's own email field, merged with this: staff see each other's names, only admins and the
    // account itself its email address. The admin's form keeps showing Payload's own field (in its 身份验证
    // part); shown here as well, it would appear twice.
    {
      name: 'email',
      type: 'email',
      admin: { disabled: true },
      access: {
        read: ({ req, id, doc }) =>
          isAdmin(req.user) || (Boolean(req.user) && String(req.user?.id) === String(id ?? doc?.id)),
      },
    },
    {
      name: 'role',
      type: 'select',
      label: label('角色', 'Role'),
      required: true,
      // The create-first-user screen offers 管理员, as the beforeChange hook below makes that account.
      defaultValue: async ({ req }) => ((await isFirstUser(req)) ? 'admin' : 'contributor'),
      options: selectOptions(USER_ROLES),
      access: { update: adminsField },
      admin: {
        description: translated(
          '撰稿：写草稿；编辑：审核并发布；管理员：另管理用户',
          'Contributor, editor or admin',
        ),
      },
    },
    // Payload's own API-key fields (auth.useAPIKey), merged with these: Chinese labels, and hidden from the
    // field list, which the create-first-user screen renders in full (an API key field and a bare checkbox
    // there). The account page keeps Payload's own 接口密钥 block, which reads them from the form.
    {
      name: 'enableAPIKey',
      type: 'checkbox',
      label: label('启用接口密钥', 'Enable API key'),
      admin: { hidden: true },
    },
    { name: 'apiKey', type: 'text', label: label('接口密钥', 'API key'), admin: { hidden: true } },
    {
      name: 'hasAPIKey',
      type: 'checkbox',
      virtual: true,
      label: label('已有接口密钥', 'Has API key'),
      admin: { hidden: true, disableListColumn: true, disableListFilter: true },
    },
  ],
  hooks: {
    beforeChange: [
      // The account made on the create-first-user screen runs the site, so it is an admin.
      async ({ data, operation, req }) =>
        operation === 'create' && (await isFirstUser(req)) ? { ...data, role: 'admin' } : data,
    ],
    afterChange: [inviteNewUser],
  },
}
