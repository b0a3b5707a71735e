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

/** Payload's own English refusals, in the words an editor needs: what was wrong and what to do. */
const TRANSLATIONS: [RegExp, string | ((match: RegExpMatchArray) => string)][] = [
  [/File size limit has been reached/i, `文件超过${MAX_UPLOAD_MB} MB，未保存：请压缩图片后再上传`],
  [
    /File type (\S+) \(from extension (\S*)\) is not allowed/i,
    (m) => `不能上传扩展名为「${m[2]}」的文件：只能上传 JPEG、PNG、WebP、AVIF 或 GIF 图片`,
  ],
  [
    /Invalid MIME type: (\S+?)\.?$/i,
    (m) => `文件内容是「${m[1]}」，不是图片：只能上传 JPEG、PNG、WebP、AVIF 或 GIF 图片`,
  ],
  [/not allowed .*Restricted file type/i, '这种文件不允许上传：只能上传 JPEG、PNG、WebP、AVIF 或 GIF 图片'],
  [
    /Could not read uploaded file|Invalid or corrupted|Unsupported image type|Input buffer|unsupported image format|VipsJpeg|pngload|corrupt/i,
    '图片文件已损坏或无法读取，未保存：请重新导出图片后上传',
  ],
  [
    /SVG file contains potentially harmful content/i,
    '不能上传 SVG 文件：只能上传 JPEG、PNG、WebP、AVIF 或 GIF 图片',
  ],
  [/No files were uploaded|MissingFile|missing.*file/i, '没有收到文件：请选择要上传的图片'],
  [
    /relationship field has the following invalid relationships: (\S+)/i,
    (m) => `引用的内容（编号 ${m[1]}）不存在，请重新选择`,
  ],
  [/Invalid JSON|Unexpected token|JSON/i, '提交的内容不是有效的 JSON：请检查格式'],
  [/Maximum call stack size exceeded/i, '提交的内容嵌套过深，无法保存：请检查数据的结构'],
  [/FOREIGN KEY constraint failed|violates foreign key constraint/i, '引用的内容不存在，请重新选择'],
  [/UNIQUE constraint failed|duplicate key/i, '与已有内容重复（如链接名或编号），请修改后再保存'],
  [/Something went wrong|unknown error/i, '提交的内容无法保存：请检查填写的内容；如仍不行，请联系管理员'],
]

export const toChinese = (message: string): string => {
  if (CJK.test(message)) return message
  for (const [pattern, chinese] of TRANSLATIONS) {
    const match = message.match(pattern)
    if (match) return typeof chinese === 'string' ? chinese : chinese(match)
  }
  return `请求未能完成（${message}）`
}

/** Errors a request's own content caused, though Payload answers them with 500: answered as refusals (400). */
const CAUSED_BY_INPUT =
  /Maximum call stack|FOREIGN KEY|foreign key|UNIQUE constraint|duplicate key|Invalid JSON|Unexpected token|JSON/

type FormattedErrors = {
  errors?: { message?: string; data?: { errors?: { message?: string }[] } | null }[]
}

/**
 * REST answers in the editor's language: Payload's English refusals (uploads, relationships, JSON) are put in
 * Chinese, and errors the request itself caused (unreadable JSON, nesting too deep, a reference the database
 * refuses) answer 400 instead of "Something went wrong" with 500. The operator's log keeps the original,
 * in English (Payload logs it before this hook runs).
 */
/** Payload's own errors that are already translated, but do not say what to do. */
const BY_NAME: Record<string, string> = {
  FileUploadError: '图片文件已损坏或无法读取，未保存：请重新导出图片后上传',
  FileRetrievalError: '无法取得要上传的文件，未保存：请重新选择文件后上传',
  MissingFile: '没有收到文件：请选择要上传的图片',
  NotFound: '要修改的内容不存在（可能已被删除），请刷新后再试',
}

export const answerInChinese: AfterErrorHook = ({ error, result, graphqlResult }) => {
  if (graphqlResult) return { graphqlResult: { ...graphqlResult, message: toChinese(graphqlResult.message) } }
  const response = (result ?? {}) as FormattedErrors
  const status = (error as { status?: number }).status ?? 500
  const causedByInput =
    status >= 500 &&
    CAUSED_BY_INPUT.test(
      `${error.name} ${error.message} ${(error as { cause?: Error }).cause?.message ?? ''}`,
    )
  const original = BY_NAME[error.name] ?? (causedByInput ? error.message : undefined)
  const errors = (response.errors ?? []).map((e) => ({
    ...e,
    message: toChinese(original ?? e.message ?? ''),
    ...(e.data?.errors
      ? {
          data: {
            ...e.data,
            errors: e.data.errors.map((d) => ({ ...d, message: toChinese(d.message ?? '') })),
          },
        }
      : {}),
  }))
  return { response: { ...response, errors } as never, status: causedByInput ? 400 : status }
}
