import { APIError } from 'payload'

/**
 * A refusal whose message the editor sees as it is (in the admin's toast and in REST/GraphQL answers).
 * Payload shows an error's own message only for errors it recognises by name, and the production build of
 * the admin minifies class names away, so the name is set explicitly.
 */
export const refusal = (message: string, status = 403) =>
  Object.assign(new APIError(message, status, null, true), { name: 'APIError' })
