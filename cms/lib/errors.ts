import { APIError, type AfterErrorHook } from 'payload'

/**
 * A refusal whose message the editor sees as it is (in the admin's toast and in REST/GraphQL answers).
 * Payload shows an error's own message only for errors it recognises by name, and the production build of
 * the admin minifies class names away, so the name is set explicitly.
 */
export const refusal = (message: string, status = 403) =>
  Object.assign(new APIError(message, status, null, true), { name: 'APIError' })

const CJK = /[\u4e00-\u9fff]/
const MAX_UPLOAD_MB = 10

/** What each upload collection takes, in the editor's words. */
const ACCEPTED: Record<string, { what: string; kind: string }> = {
  media: { what: 'JPEG、PNG、WebP、AVIF 或 GIF 图片', kind: '图片' },
  'saved-pages': { what: '保存下来的网页（.html、.shtml）或文本文件（.txt）', kind: '网页或文本' },
}
const DEFAULT_ACCEPTED = ACCEPTED.media!

type Accepted = typeof DEFAULT_ACCEPTED

/** Field names in Payload's "The following field is invalid: …". */
const FIELD_NAMES: Record<string, string> = { file: '文件', data: '提交的内容', filename: '文件名' }

/** Payload's own English refusals, in the words an editor needs: what was wrong and what to do. */
const TRANSLATIONS: [RegExp, (match: RegExpMatchArray, accepted: Accepted) => string][] = [
  [/File size limit has been reached/i, () => `文件超过${MAX_UPLOAD_MB} MB，未保存：请压缩后再上传`],
  [
    /File type (\S+) \(from extension (\S*)\) is not allowed/i,
    (m, a) => `不能上传扩展名为「${m[2]}」的文件：只能上传${a.what}`,
  ],
  [/Invalid MIME type: (\S+?)\.?$/i, (m, a) => `文件内容是「${m[1]}」，不是${a.kind}：只能上传${a.what}`],
  [/not allowed .*Restricted file type/i, (_, a) => `这种文件不允许上传：只能上传${a.what}`],
  [
    /Could not read uploaded file|Invalid or corrupted|Unsupported image type|Input buffer|unsupported image format|VipsJpeg|pngload|corrupt/i,
    (_, a) => `文件已损坏或无法读取，未保存：请重新保存后上传${a.what}`,
  ],
  [/SVG file contains potentially harmful content/i, (_, a) => `不能上传 SVG 文件：只能上传${a.what}`],
  [/No files were uploaded|MissingFile|missing.*file/i, (_, a) => `没有收到文件：请选择要上传的${a.kind}`],
  [
    /relationship field has the following invalid relationships: (\S+)/i,
    (m) => `引用的内容（编号 ${m[1]}）不存在，请重新选择`,
  ],
  [
    /The following fields? (?:is|are) invalid: (.*)$/i,
    (m) =>
      `以下字段填写有误：${m[1]!
        .split(/,\s*/)
        .map((f) => FIELD_NAMES[f] ?? f)
        .join('、')}`,
  ],
  [/Invalid JSON|Unexpected token|JSON/i, () => '提交的内容不是有效的 JSON：请检查格式'],
  [/Maximum call stack size exceeded/i, () => '提交的内容嵌套过深，无法保存：请检查数据的结构'],
  [/FOREIGN KEY constraint failed|violates foreign key constraint/i, () => '引用的内容不存在，请重新选择'],
  [/UNIQUE constraint failed|duplicate key/i, () => '与已有内容重复（如链接名或编号），请修改后再保存'],
  [/Not Found/i, () => '要修改的内容不存在（可能已被删除），请刷新后再试'],
  [/Forbidden|not allowed to perform/i, () => '您没有权限执行此操作'],
  [/Unauthorized|not authenticated/i, () => '请先登录后台'],
]

/** An English message in Chinese; one it does not know becomes a general request to check the input. */
export const toChinese = (message: string, collection?: string): string => {
  if (CJK.test(message)) return message
  const accepted = (collection && ACCEPTED[collection]) || DEFAULT_ACCEPTED
  for (const [pattern, chinese] of TRANSLATIONS) {
    const match = message.match(pattern)
    if (match) return chinese(match, accepted)
  }
  return '请求未能完成：请检查填写的内容后重试；如仍不行，请联系管理员'
}

/** Errors a request's own content caused, though Payload answers them with 500: answered as refusals (400). */
const CAUSED_BY_INPUT =
  /Maximum call stack|FOREIGN KEY|foreign key|UNIQUE constraint|duplicate key|Invalid JSON|Unexpected token|JSON/

/** Payload's own errors that are already translated, but do not say what to do. */
const BY_NAME: Record<string, (accepted: Accepted) => string> = {
  FileUploadError: (a) => `文件已损坏或无法读取，未保存：请重新保存后上传${a.what}`,
  FileRetrievalError: () => '无法取得要上传的文件，未保存：请重新选择文件后上传',
  MissingFile: (a) => `没有收到文件：请选择要上传的${a.kind}`,
  NotFound: () => '要修改的内容不存在（可能已被删除），请刷新后再试',
}

type FormattedErrors = {
  errors?: { message?: string; data?: { errors?: { message?: string }[] } | null }[]
}

/**
 * REST and GraphQL answer in the editor's language: Payload's English refusals (uploads, relationships,
 * JSON) are put in Chinese, and errors the request itself caused (unreadable JSON, nesting too deep, a
 * reference the database refuses) answer 400 instead of "Something went wrong" with 500. The operator's log
 * keeps the original, in English (Payload logs it before this hook runs).
 */
export const answerInChinese: AfterErrorHook = ({ error, result, graphqlResult, collection }) => {
  const slug = collection?.slug
  const accepted = (slug && ACCEPTED[slug]) || DEFAULT_ACCEPTED
  const translate = (message: string) => toChinese(message, slug)
  if (graphqlResult) return { graphqlResult: { ...graphqlResult, message: translate(graphqlResult.message) } }
  const response = (result ?? {}) as FormattedErrors
  const status = (error as { status?: number }).status ?? 500
  const causedByInput =
    status >= 500 &&
    CAUSED_BY_INPUT.test(
      `${error.name} ${error.message} ${(error as { cause?: Error }).cause?.message ?? ''}`,
    )
  const original = BY_NAME[error.name]?.(accepted) ?? (causedByInput ? error.message : undefined)
  const errors = (response.errors ?? []).map((e) => ({
    ...e,
    message: translate(original ?? e.message ?? ''),
    ...(e.data?.errors
      ? {
          data: {
            ...e.data,
            errors: e.data.errors.map((d) => ({ ...d, message: translate(d.message ?? '') })),
          },
        }
      : {}),
  }))
  return { response: { ...response, errors } as never, status: causedByInput ? 400 : status }
}
