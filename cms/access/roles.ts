import type { Access, CollectionSlug, FieldAccess, PayloadRequest } from 'payload'

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

/**
 * Whether the request's user may update a document, by the collection's own `access.update` rule (a Where
 * result is checked against the document). For code that writes on a user's behalf and must decide before
 * trying, such as the importer, which leaves a document alone rather than fail the whole import.
 */
export async function canUpdate(req: PayloadRequest, collection: CollectionSlug, id: string | number) {
  const result = await req.payload.collections[collection].config.access.update({ req, id: String(id) })
  if (typeof result === 'boolean') return result
  const { totalDocs } = await req.payload.count({
    collection,
    where: { and: [{ id: { equals: id } }, result] },
    draft: true,
    req,
  } as Parameters<PayloadRequest['payload']['count']>[0])
  return totalDocs > 0
}
