import type { LabelFunction } from 'payload'

/**
 * A label in the admin's two languages: Chinese (the default for editors) and English. A label function, which
 * Payload resolves into the page's language when it builds the admin's client config: Payload 3.90 puts
 * some labels into aria-labels without translating them, so a `{ zh, en }` object read 新增 [object Object]
 * there. The two texts stay readable on it (`.zh`, `.en`) for our own messages.
 */
export type Label = LabelFunction & { zh: string; en: string }

export const label = (zh: string, en: string): Label =>
  Object.assign((({ i18n }) => (i18n.language === 'en' ? en : zh)) as LabelFunction, { zh, en })

/** Select options from a content-schema vocabulary, labelled in Chinese with the stored value in English. */
export const selectOptions = (options: readonly { value: string; label: string }[]) =>
  options.map((o) => ({ value: o.value, label: { zh: o.label, en: o.value } }))

/** The same as a `{ zh, en }` object, where Payload takes no label function (nav groups, descriptions, UI fields). */
export const translated = (zh: string, en: string) => ({ zh, en })
