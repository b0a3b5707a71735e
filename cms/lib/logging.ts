import { defaultLoggerOptions, type Config } from 'payload'

type LoggerConfig = Extract<NonNullable<Config['logger']>, { options: unknown }>
type LogMethodHook = NonNullable<NonNullable<LoggerConfig['options']['hooks']>['logMethod']>

/**
 * Payload logs every error a request ends in at level "error", with its stack. A refusal (a 4xx: a rule an
 * editor broke, a role that may not do something) is the editor's business, answered to them in Chinese: the
 * operator's log gets one info line without a stack. Errors of the server itself (5xx, or no status) still
 * log as errors with their stack.
 */
const refusalsAsInfo: LogMethodHook = function (args, method, level) {
  const err = (args[0] as { err?: LoggedError } | undefined)?.err
  const status = statusOf(err)
  if (level >= 50 && status && status >= 400 && status < 500)
    return this.info(`Refused (${status}): ${err?.message ?? err?.name}`)
  return method.apply(this, args)
}

type LoggedError = { name?: string; message?: string; status?: unknown; originalError?: LoggedError }

/** An error's HTTP status; GraphQL wraps the error a hook threw (its originalError holds the status). */
const statusOf = (err?: LoggedError): number | undefined =>
  typeof err?.status === 'number' ? err.status : err?.originalError ? statusOf(err.originalError) : undefined

/** Payload's own pretty log output, with refusals kept to one line. */
export const productLogger: LoggerConfig = {
  options: { hooks: { logMethod: refusalsAsInfo } },
  destination: defaultLoggerOptions,
}
