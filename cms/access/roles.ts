import type { Access, FieldAccess, PayloadRequest } from 'payload'

import type { UserRole } from '../../content-schema/enums'

type RequestUser = PayloadRequest['user']

export const hasRole = (user: RequestUser, ...roles: UserRole[]) =>
  Boolean(user && 'role' in user && roles.includes(user.role as UserRole))

/** 编辑 and 管理员 review, publish and delete; 撰稿 only writes. */
export const isEditor = (user: RequestUser) => hasRole(user, 'editor', 'admin')
export const isAdmin = (user: RequestUser) => hasRole(user, 'admin')

export const anyone: Access = () => true
export const authenticated: Access = ({ req }) => Boolean(req.user)
export const editors: Access = ({ req }) => isEditor(req.user)
export const admins: Access = ({ req }) => isAdmin(req.user)
export const adminsField: FieldAccess = ({ req }) => isAdmin(req.user)
export const editorsField: FieldAccess = ({ req }) => isEditor(req.user)

/**
 * Anonymous readers (the portal, public API calls) see published documents only; signed-in staff see drafts too.
 * The Local API skips access control unless called with `overrideAccess: false`: public output must do so.
 */
export const publishedOrAuthenticated: Access = ({ req }) =>
  req.user ? true : { _status: { equals: 'published' } }
