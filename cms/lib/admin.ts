import type { CollectionConfig, Field } from 'payload'

import { hasDrafts } from '../hooks/publication'

/**
 * The admin as Chinese editors read it: dates the Chinese way (in the computer's time zone, as Payload shows
 * date fields that store none; the schedule dialog in 北京时间), no developer-only screens, Chinese words
 * where Payload's own Chinese still has English in it. Applied to the whole config in payload.config.ts
 * (`chineseAdmin`, `forEditors` on each collection, `translations`).
 */

/** The only time zone these editors use (北京时间). */
export const CHINA_TIME_ZONE = 'Asia/Shanghai'

/** date-fns patterns (Payload formats admin dates with date-fns): 2023年7月28日 12:00 and 2023年7月28日. */
export const ADMIN_DATE_TIME = 'yyyy年M月d日 HH:mm'
export const ADMIN_DATE = 'yyyy年M月d日'

/** The `admin` options for dates, time zones (the schedule dialog's 时区) and screen-reader labels. */
export const chineseAdmin = {
  dateFormat: ADMIN_DATE_TIME,
  // The few screen-reader labels Payload writes in English whatever the language.
  components: { providers: ['/components/ChineseAriaLabels#ChineseAriaLabels'] },
  timezones: {
    supportedTimezones: [{ label: '北京时间', value: CHINA_TIME_ZONE }],
    defaultTimezone: CHINA_TIME_ZONE,
  },
}

/** Payload's Chinese strings that still read in English (API, URL, Payload); everything else is Payload's own. */
export const translations = {
  zh: {
    authentication: {
      apiKey: '接口密钥',
      enableAPIKey: '启用接口密钥',
      generateNewAPIKey: '生成新的接口密钥',
      generatingNewAPIKeyWillInvalidate: '生成新的接口密钥将使之前的密钥<1>失效</1>。您确定要继续吗？',
      newAPIKeyGenerated: '已生成新的接口密钥。',
    },
    general: { payloadSettings: '后台设置' },
    fields: {
      chooseBetweenCustomTextOrDocument: '选择输入一个自定义的链接地址或链接到另一个文档。',
      customURL: '自定义链接地址',
      enterURL: '输入一个链接地址',
    },
    error: {
      documentNotFound:
        '无法找到编号为 {{id}} 的文档。可能是已经被删除，或者从未存在，或者您可能无法访问它。',
      loadingDocument: '加载编号为 {{id}} 的文档时出现了问题。',
      missingIDOfDocument: '缺少文档编号，无法更新。',
      missingIDOfVersion: '缺少版本编号。',
    },
    validation: { validUploadID: '该字段不是有效的上传编号。' },
    version: { versionID: '版本编号' },
  },
}

/**
 * Every collection as editors meet it: no API tab (staff who are not developers do not need the raw JSON),
 * every date field shown the Chinese way with a 24-hour clock, and, with drafts, a 发布 button whose
 * 预约发布 dialog defaults to 发布 (components/PublishButton.tsx).
 */
export const forEditors = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  admin: {
    ...collection.admin,
    hideAPIURL: true,
    ...(hasDrafts(collection)
      ? {
          components: {
            ...collection.admin?.components,
            edit: {
              ...collection.admin?.components?.edit,
              PublishButton: '/components/PublishButton#PublishButton',
            },
          },
        }
      : {}),
  },
  fields: collection.fields.map(chineseDates),
})

function chineseDates(field: Field): Field {
  if (field.type === 'date') {
    const appearance = field.admin?.date?.pickerAppearance ?? 'default'
    if (appearance === 'timeOnly' || appearance === 'monthOnly') return field
    const withTime = appearance === 'dayAndTime'
    return {
      ...field,
      admin: {
        ...field.admin,
        date: {
          ...field.admin?.date,
          displayFormat: field.admin?.date?.displayFormat ?? (withTime ? ADMIN_DATE_TIME : ADMIN_DATE),
          ...(withTime ? { timeFormat: 'HH:mm' } : {}),
        },
      },
    } as Field
  }
  if ('fields' in field && Array.isArray(field.fields))
    return { ...field, fields: field.fields.map(chineseDates) } as Field
  if (field.type === 'tabs')
    return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: tab.fields.map(chineseDates) })) }
  return field
}

/** 2023年7月28日 12:00 in China time, for text the admin's server components write themselves. */
export function formatChinaTime(date: string | Date | null | undefined): string {
  if (!date) return ''
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('zh-CN', {
      timeZone: CHINA_TIME_ZONE,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(date))
      .map((part) => [part.type, part.value]),
  )
  return `${parts.year}年${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`
}

/** 74074 ms → 1分14秒; under a minute, to a tenth of a second (8.2秒). */
export function formatDuration(ms: number | null | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return ''
  if (ms < 60_000) return `${Math.round(ms / 100) / 10}秒`
  const seconds = Math.round(ms / 1000)
  return `${Math.floor(seconds / 60)}分${seconds % 60}秒`
}
